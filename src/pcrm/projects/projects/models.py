"""ORM models of the project: the project (its code, people, baselines, status and phase), the
documents it references in the files area, and its phase changes (gate passes and overrides)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import (
    Base,
    IdMixin,
    IdType,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    utcnow,
    vocabulary,
)
from pcrm.projects.vocab import Phase, ProjectStatus

Money = Numeric(18, 2)


def vocabulary_type(cls: type[Any], name: str) -> Enum:
    """A closed vocabulary stored as text of up to 24 characters."""
    return vocabulary(cls, name, length=24)


def project_fk() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("projects.id", ondelete="CASCADE"))


def contact_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("contacts.id", ondelete="SET NULL"))


class Project(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A delivery project (项目) of an account, most often from a won opportunity."""

    __tablename__ = "projects"
    __audit_entity__ = "project"
    __table_args__ = (
        UniqueConstraint("workspace_id", "code"),
        UniqueConstraint("workspace_id", "opportunity_id"),
        CheckConstraint("budget_amount IS NULL OR budget_amount >= 0", name="budget_positive"),
        CheckConstraint(
            "termination_costs IS NULL OR termination_costs >= 0", name="costs_positive"
        ),
        CheckConstraint(
            "start_on IS NULL OR end_on IS NULL OR start_on <= end_on", name="dates_in_order"
        ),
        Index("ix_projects_list", "workspace_id", "status", "phase", "updated_at"),
        # the list's default order (most recently changed first), without a filter
        Index("ix_projects_recent", "workspace_id", "updated_at", "id"),
        Index("ix_projects_account", "workspace_id", "account_id"),
        Index("ix_projects_manager", "workspace_id", "manager_id", "status"),
        Index("ix_projects_name", "workspace_id", "name"),
    )

    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="RESTRICT"))
    opportunity_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("opportunities.id", ondelete="SET NULL")
    )
    manager_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    # 客户联系人: the customer's person for this project, appointed by someone on their side.
    liaison_id: Mapped[int | None] = contact_fk()
    liaison_appointed_by_id: Mapped[int | None] = contact_fk()
    liaison_appointed_on: Mapped[date | None] = mapped_column(Date)
    # baselines agreed at the start (the versioned, signed baselines come with the plan)
    budget_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ProjectStatus] = mapped_column(
        vocabulary_type(ProjectStatus, "project_status"), default=ProjectStatus.DRAFT
    )
    phase: Mapped[Phase] = mapped_column(
        vocabulary_type(Phase, "project_phase"), default=Phase.NEEDS
    )
    description: Mapped[str | None] = mapped_column(Text)
    # 客户提前终止: when, why, who on the customer's side, what it had cost until then
    terminated_on: Mapped[date | None] = mapped_column(Date)
    termination_reason: Mapped[str | None] = mapped_column(String(1000))
    terminated_by_id: Mapped[int | None] = contact_fk()
    termination_costs: Mapped[Decimal | None] = mapped_column(Money)
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProjectDocument(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A file of the files area (e.g. the opportunity's RFP or our proposal) that the project
    refers to; the bytes stay where they are."""

    __tablename__ = "project_documents"
    __audit_entity__ = "project_document"
    __audit_label__ = "filename"
    __table_args__ = (UniqueConstraint("project_id", "file_id"),)

    project_id: Mapped[int] = project_fk()
    file_id: Mapped[int] = mapped_column(IdType, ForeignKey("stored_files.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(255))


class PhaseChange(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A move of the project to its next phase: through its gate, or past it by an
    administrator's override with the reason."""

    __tablename__ = "project_phase_changes"
    __audit_entity__ = "project_phase_change"
    __audit_label__ = None
    __table_args__ = (Index("ix_project_phase_changes_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    from_phase: Mapped[Phase] = mapped_column(vocabulary_type(Phase, "phase_change_from"))
    to_phase: Mapped[Phase] = mapped_column(vocabulary_type(Phase, "phase_change_to"))
    changed_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(String(1000))
