"""ORM models of the SLA clock's settings: the workspace's working hours and calendar days, and
the response and resolution targets per priority (the workspace's defaults, or a maintenance
plan's)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.service.models_common import vocabulary_type
from pcrm.service.vocab import DayKind, Priority


class ServiceSettings(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """The workspace's service hours (工作时间) and whether China's official calendar applies.
    One row per workspace, written the first time the settings are saved (defaults until then).
    """

    __tablename__ = "service_settings"
    __audit_entity__ = "service_settings"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    day_starts_at: Mapped[str] = mapped_column(String(5), default="09:00")  # HH:MM, local
    day_ends_at: Mapped[str] = mapped_column(String(5), default="18:00")
    official_calendar: Mapped[bool] = mapped_column(Boolean, default=True)


class CalendarDay(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A day the workspace sets itself: a day off (a company holiday, or a year the official
    calendar does not know yet) or a working day (调休). It wins over the official calendar."""

    __tablename__ = "service_calendar_days"
    __audit_entity__ = "service_calendar_day"
    __audit_label__ = "name"
    __table_args__ = (UniqueConstraint("workspace_id", "day"),)

    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[DayKind] = mapped_column(vocabulary_type(DayKind, "service_day_kind"))
    name: Mapped[str] = mapped_column(String(100))


class SlaTarget(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """How fast a request of one priority is answered and resolved, in working minutes (or
    around the clock): the workspace's default (no plan) or a maintenance plan's."""

    __tablename__ = "service_sla_targets"
    __audit_entity__ = "service_sla_target"
    __table_args__ = (
        Index("ix_service_sla_targets_plan", "workspace_id", "plan_id", "priority"),
        CheckConstraint("response_minutes > 0", name="sla_response_positive"),
        CheckConstraint("resolution_minutes >= response_minutes", name="sla_resolution_after"),
    )

    plan_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("service_maintenance_plans.id", ondelete="CASCADE")
    )
    priority: Mapped[Priority] = mapped_column(vocabulary_type(Priority, "service_priority"))
    response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    around_the_clock: Mapped[bool] = mapped_column(Boolean, default=False)
