"""ORM models of change requests (变更请求), their options (方案) and the customer's decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.baselines.vocab import Decision, SignOffChannel
from pcrm.projects.changes.vocab import ChangeCategory, ChangeOrigin, ChangeState, ImpactLevel
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type


def _user_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))


def _baseline_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("project_baselines.id", ondelete="SET NULL"))


class ChangeRequest(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A change asked of the project (CR-001 …): who raised it (a contact of the account, or
    we did), why, what it touches (requirements, tasks, deliverables), where it was discussed
    (activities), and where it stands. An approval leaves the baselines it made."""

    __tablename__ = "project_change_requests"
    __audit_entity__ = "project_change_request"
    __audit_label__ = "title"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        Index("ix_project_change_requests_project", "workspace_id", "project_id", "state"),
    )

    project_id: Mapped[int] = project_fk()
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    origin: Mapped[ChangeOrigin] = mapped_column(vocabulary_type(ChangeOrigin, "change_origin"))
    raised_by_contact_id: Mapped[int | None] = contact_fk()
    raised_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    category: Mapped[ChangeCategory] = mapped_column(
        vocabulary_type(ChangeCategory, "change_category")
    )
    billable: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[ChangeState] = mapped_column(
        vocabulary_type(ChangeState, "change_state"), default=ChangeState.SUBMITTED
    )
    requirement_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    task_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    deliverable_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    activity_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    meeting_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the project's meetings
    sent_on: Mapped[date | None] = mapped_column(Date)
    implemented_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_reason: Mapped[str | None] = mapped_column(String(1000))
    requirements_baseline_id: Mapped[int | None] = _baseline_fk()
    plan_baseline_id: Mapped[int | None] = _baseline_fk()
    created_by_id: Mapped[int | None] = _user_fk()


class ChangeOption(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """One way to carry out the change (方案 A, B …): its cost Δ, its schedule Δ in working days
    on some of the affected tasks, its quality or scope effect and the risks it brings. The
    customer decides on one version of it."""

    __tablename__ = "project_change_options"
    __audit_entity__ = "project_change_option"
    __audit_label__ = "title"
    __table_args__ = (Index("ix_project_change_options_change", "workspace_id", "change_id"),)

    project_id: Mapped[int] = project_fk()
    change_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_change_requests.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(200))
    cost_delta: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    schedule_delta_days: Mapped[int | None] = mapped_column(Integer)
    task_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    quality_effect: Mapped[str | None] = mapped_column(Text)
    quality_level: Mapped[ImpactLevel] = mapped_column(
        vocabulary_type(ImpactLevel, "impact_level"), default=ImpactLevel.NONE
    )
    new_risks: Mapped[str | None] = mapped_column(Text)


class ChangeDecision(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """The customer's decision on a change request, recorded like a sign-off: which approver
    stakeholder, when, through which channel, on which option and version, with the comment,
    the evidence file and the impact as it was computed when it was approved."""

    __tablename__ = "project_change_decisions"
    __audit_entity__ = "project_change_decision"
    # the moved tasks are shown on the change's page; the history names the decision
    __audit_exclude__ = frozenset({"impact"})
    __audit_label__ = "signer_name"
    __table_args__ = (UniqueConstraint("change_id"),)

    project_id: Mapped[int] = project_fk()
    change_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_change_requests.id", ondelete="CASCADE")
    )
    option_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_change_options.id", ondelete="SET NULL")
    )
    option_version: Mapped[int | None] = mapped_column(Integer)
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
    recorded_by_id: Mapped[int | None] = _user_fk()
    evidence_file_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("stored_files.id", ondelete="SET NULL")
    )
    comment: Mapped[str | None] = mapped_column(Text)
    impact: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
