"""Reminders: something a user must do by a time (an activity's next step, a tender deadline).
They belong to the record that made them (`source_type`, `source_id`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin


class Reminder(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    __tablename__ = "reminders"
    __audit_entity__ = "reminder"
    __audit_label__ = "title"
    __table_args__ = (Index("ix_reminders_open", "workspace_id", "user_id", "done_at", "due_at"),)

    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    due_at: Mapped[datetime]
    title: Mapped[str] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(300))
    source_type: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[int] = mapped_column(IdType)
    done_at: Mapped[datetime | None]
