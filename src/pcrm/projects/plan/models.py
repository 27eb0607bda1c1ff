"""ORM models of the plan: WBS tasks (工作分解), finish-to-start dependencies with their lag,
buffers on a phase or the project's end, and deliverables (交付物)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.deliverables.vocab import DeliverableStatus
from pcrm.projects.projects.models import project_fk, vocabulary_type
from pcrm.projects.vocab import Phase


class PlanTask(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A task of the work breakdown: under a parent task or at the top, in a phase, with its
    owner, its first and last day of work (a milestone's are the same day) and its progress."""

    __tablename__ = "project_plan_tasks"
    __audit_entity__ = "project_plan_task"
    __audit_label__ = "name"
    __table_args__ = (
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),
        CheckConstraint("end_on >= start_on", name="ends_after_start"),
        Index("ix_project_plan_tasks_project", "workspace_id", "project_id"),
    )

    project_id: Mapped[int] = project_fk()
    parent_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_plan_tasks.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200))
    phase: Mapped[Phase | None] = mapped_column(vocabulary_type(Phase, "project_phase"))
    owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date] = mapped_column(Date)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    is_milestone: Mapped[bool] = mapped_column(Boolean, default=False)


class TaskDependency(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """Finish-to-start: the successor starts `lag_days` after the predecessor finishes (a
    negative lag lets it start before, a lead)."""

    __tablename__ = "project_plan_dependencies"
    __audit_entity__ = "project_plan_dependency"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="not_to_itself"),
        Index("ix_project_plan_dependencies_project", "workspace_id", "project_id"),
    )

    project_id: Mapped[int] = project_fk()
    predecessor_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_plan_tasks.id", ondelete="CASCADE")
    )
    successor_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_plan_tasks.id", ondelete="CASCADE")
    )
    lag_days: Mapped[int] = mapped_column(Integer, default=0)


class PlanBuffer(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """Time kept in reserve (缓冲) at the end of a phase, or at the project's end when no phase
    is given."""

    __tablename__ = "project_plan_buffers"
    __audit_entity__ = "project_plan_buffer"
    __audit_label__ = None
    __table_args__ = (
        CheckConstraint("days > 0", name="days_positive"),
        Index("ix_project_plan_buffers_project", "workspace_id", "project_id"),
    )

    project_id: Mapped[int] = project_fk()
    phase: Mapped[Phase | None] = mapped_column(vocabulary_type(Phase, "project_phase"))
    days: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))


class Deliverable(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """What the project hands over (交付物): its name, the requirements it fulfils and the
    milestone it is due at; and its acceptance (交付验收, see `pcrm.projects.deliverables`):
    its status, when and how it was delivered, and the customer's last decision (the findings
    of a rejection or the reason of a waiver, and the acceptance baseline signed)."""

    __tablename__ = "project_deliverables"
    __audit_entity__ = "project_deliverable"
    __audit_label__ = "name"
    __table_args__ = (Index("ix_project_deliverables_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    milestone_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_plan_tasks.id", ondelete="SET NULL")
    )
    requirement_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[DeliverableStatus] = mapped_column(
        vocabulary_type(DeliverableStatus, "deliverable_status"),
        default=DeliverableStatus.PLANNED,
    )
    delivered_on: Mapped[date | None] = mapped_column(Date)
    delivery_note: Mapped[str | None] = mapped_column(String(1000))  # what was handed over, where
    delivery_file_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("stored_files.id", ondelete="SET NULL")
    )
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(Text)  # findings, or the waiver's reason
    acceptance_baseline_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_baselines.id", ondelete="SET NULL")
    )
