"""ORM models of requirements (需求) and clarifications (需求澄清)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type
from pcrm.projects.requirements.vocab import (
    ClarificationStatus,
    Kano,
    Priority,
    RequirementStatus,
)


class Requirement(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """What the customer needs, numbered per project (R-001), with its Kano class, priority,
    acceptance criteria and the stakeholder it came from."""

    __tablename__ = "project_requirements"
    __audit_entity__ = "project_requirement"
    __audit_label__ = "title"
    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        Index("ix_project_requirements_project", "workspace_id", "project_id", "number"),
    )

    project_id: Mapped[int] = project_fk()
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    source_stakeholder_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_stakeholders.id", ondelete="SET NULL")
    )
    kano: Mapped[Kano] = mapped_column(vocabulary_type(Kano, "requirement_kano"))
    priority: Mapped[Priority] = mapped_column(vocabulary_type(Priority, "requirement_priority"))
    acceptance_criteria: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RequirementStatus] = mapped_column(
        vocabulary_type(RequirementStatus, "requirement_status"), default=RequirementStatus.DRAFT
    )


class Clarification(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A question on a requirement put to a customer person, and their answer."""

    __tablename__ = "project_clarifications"
    __audit_entity__ = "project_clarification"
    __audit_label__ = "question"
    __table_args__ = (
        Index("ix_project_clarifications_project", "workspace_id", "project_id", "status"),
        Index("ix_project_clarifications_requirement", "workspace_id", "requirement_id"),
    )

    project_id: Mapped[int] = project_fk()
    requirement_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_requirements.id", ondelete="CASCADE")
    )
    question: Mapped[str] = mapped_column(String(2000))
    asked_to_id: Mapped[int | None] = contact_fk()
    asked_on: Mapped[date] = mapped_column(Date)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ClarificationStatus] = mapped_column(
        vocabulary_type(ClarificationStatus, "clarification_status"),
        default=ClarificationStatus.OPEN,
    )
