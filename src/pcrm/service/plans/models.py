"""ORM model of a maintenance plan (售后维护计划)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.service.models_common import user_fk


class MaintenancePlan(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """An account's after-sales terms: which project it covers (optional), the contract it
    rests on, when it runs (the warranty or a paid maintenance term), who owns it on our side,
    and its SLA targets per priority (`SlaTarget` rows pointing at it)."""

    __tablename__ = "service_maintenance_plans"
    __audit_entity__ = "service_maintenance_plan"
    __audit_label__ = "name"
    __table_args__ = (
        Index("ix_service_plans_account", "workspace_id", "account_id", "ends_on"),
        CheckConstraint("ends_on >= starts_on", name="plan_ends_after_start"),
    )

    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("projects.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(String(200))
    contract_ref: Mapped[str | None] = mapped_column(String(100))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    owner_id: Mapped[int | None] = user_fk()  # the after-sales owner (售后负责人)
    note: Mapped[str | None] = mapped_column(Text)
