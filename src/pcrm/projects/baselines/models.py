"""ORM models of baselines (基线) and the customer's sign-offs (客户确认)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision, SignOffChannel
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type


class Baseline(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """An immutable snapshot of the requirements (or the plan) sent to the customer, numbered
    per project and kind (v1, v2 ...) with the SHA-256 of its content. Only its status moves."""

    __tablename__ = "project_baselines"
    __audit_entity__ = "project_baseline"
    __audit_label__ = None
    # the content is immutable and named by its hash: the history shows the hash, not the text
    __audit_exclude__ = frozenset({"content"})
    __table_args__ = (
        UniqueConstraint("project_id", "kind", "number"),
        Index("ix_project_baselines_project", "workspace_id", "project_id", "kind", "number"),
    )

    project_id: Mapped[int] = project_fk()
    kind: Mapped[BaselineKind] = mapped_column(vocabulary_type(BaselineKind, "baseline_kind"))
    number: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[BaselineStatus] = mapped_column(
        vocabulary_type(BaselineStatus, "baseline_status"), default=BaselineStatus.IN_REVIEW
    )
    note: Mapped[str | None] = mapped_column(String(1000))
    # the day it went to the customer: its age in review counts from here
    sent_on: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )


class SignOff(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A customer approver's decision on one baseline version: who, when, through which
    channel, on which content (its hash), with the comment and the evidence file."""

    __tablename__ = "project_sign_offs"
    __audit_entity__ = "project_sign_off"
    __audit_label__ = "signer_name"
    __table_args__ = (Index("ix_project_sign_offs_baseline", "workspace_id", "baseline_id"),)

    project_id: Mapped[int] = project_fk()
    baseline_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_baselines.id", ondelete="CASCADE")
    )
    baseline_number: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    stakeholder_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_stakeholders.id", ondelete="SET NULL")
    )
    contact_id: Mapped[int | None] = contact_fk()
    signer_name: Mapped[str] = mapped_column(String(200))
    decision: Mapped[Decision] = mapped_column(vocabulary_type(Decision, "sign_off_decision"))
    decided_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[SignOffChannel] = mapped_column(
        vocabulary_type(SignOffChannel, "sign_off_channel")
    )
    recorded_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    evidence_file_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("stored_files.id", ondelete="SET NULL")
    )
    comment: Mapped[str | None] = mapped_column(Text)
