"""ORM models of activities: the follow-up record and who took part."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Enum, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.accounts.vocab import ActivityType
from pcrm.core.audit import Audited
from pcrm.core.db import (
    Base,
    IdMixin,
    IdType,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    vocabulary,
)


def _enum(cls: type[Any], name: str) -> Enum:
    return vocabulary(cls, name)


class Activity(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A follow-up record (跟进记录): a call, visit, meeting, e-mail, WeChat, event."""

    __tablename__ = "activities"
    __audit_entity__ = "activity"
    __audit_label__ = "subject"
    __table_args__ = (
        Index("ix_activities_account", "workspace_id", "account_id", "occurred_at"),
        Index("ix_activities_contact", "workspace_id", "contact_id", "occurred_at"),
        Index("ix_activities_owner", "workspace_id", "owner_id", "occurred_at"),
        Index("ix_activities_time", "workspace_id", "occurred_at"),
        Index("ix_activities_type", "workspace_id", "type", "occurred_at"),
    )

    type: Mapped[ActivityType] = mapped_column(_enum(ActivityType, "activity_type"))
    occurred_at: Mapped[datetime]
    owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="RESTRICT"))
    contact_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("contacts.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(500))
    next_step: Mapped[str | None] = mapped_column(String(300))
    next_step_due: Mapped[date | None] = mapped_column(Date)
    cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    archived_at: Mapped[datetime | None]


class ActivityParticipant(IdMixin, TenantMixin, Base):
    """Who took part: customer contacts and our users."""

    __tablename__ = "activity_participants"
    __table_args__ = (
        Index("ix_activity_participants_activity", "workspace_id", "activity_id"),
        Index("ix_activity_participants_contact", "workspace_id", "contact_id"),
    )

    activity_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("activities.id", ondelete="CASCADE")
    )
    contact_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("contacts.id", ondelete="CASCADE")
    )
    user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
