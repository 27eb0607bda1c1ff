"""ORM model of the customer's constraints on a project (客户约束)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.projects.models import Money, project_fk, vocabulary_type
from pcrm.projects.vocab import ConstraintKind


class Constraint(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A limit the customer sets: a budget ceiling, a deadline, a standard, a mandated
    technology, resources; hard (must hold) or soft (should hold)."""

    __tablename__ = "project_constraints"
    __audit_entity__ = "project_constraint"
    __audit_label__ = "statement"
    __table_args__ = (
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
        Index("ix_project_constraints_project", "workspace_id", "project_id"),
    )

    project_id: Mapped[int] = project_fk()
    kind: Mapped[ConstraintKind] = mapped_column(vocabulary_type(ConstraintKind, "constraint_kind"))
    statement: Mapped[str] = mapped_column(String(1000))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    due_on: Mapped[date | None] = mapped_column(Date)
    source_stakeholder_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_stakeholders.id", ondelete="SET NULL")
    )
    is_hard: Mapped[bool] = mapped_column(Boolean, default=True)
