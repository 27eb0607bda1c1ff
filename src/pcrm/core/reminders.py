"""Reminders: something a user must do by a time (an activity's next step, a tender deadline).

Any area creates them through `create_reminder`; the workbench lists a user's open ones.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, utcnow
from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope


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


class ReminderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    due_at: datetime
    title: str
    link: str | None
    source_type: str
    source_id: int
    done_at: datetime | None


def create_reminder(
    db: Session,
    scope: WorkspaceScope,
    user_id: int,
    due_at: datetime,
    title: str,
    source_type: str,
    source_id: int,
    link: str | None = None,
) -> Reminder:
    reminder = Reminder(
        workspace_id=scope.workspace_id,
        user_id=user_id,
        due_at=due_at,
        title=title[:300],
        link=link,
        source_type=source_type,
        source_id=source_id,
    )
    db.add(reminder)
    db.flush()
    return reminder


def open_reminders(
    db: Session, scope: WorkspaceScope, user_id: int, limit: int = 20
) -> list[Reminder]:
    query = (
        select(Reminder)
        .where(
            Reminder.workspace_id == scope.workspace_id,
            Reminder.user_id == user_id,
            Reminder.done_at.is_(None),
        )
        .order_by(Reminder.due_at, Reminder.id)
        .limit(limit)
    )
    return list(db.scalars(query))


def complete_reminder(
    db: Session, scope: WorkspaceScope, user_id: int, reminder_id: int
) -> Reminder:
    reminder = db.scalar(
        select(Reminder).where(
            Reminder.workspace_id == scope.workspace_id,
            Reminder.user_id == user_id,
            Reminder.id == reminder_id,
        )
    )
    if reminder is None:
        raise NotFound()
    if reminder.done_at is None:
        reminder.done_at = utcnow()
        db.flush()
    return reminder


def reminders_for(
    db: Session, scope: WorkspaceScope, source_type: str, source_id: int
) -> list[Reminder]:
    query = select(Reminder).where(
        Reminder.workspace_id == scope.workspace_id,
        Reminder.source_type == source_type,
        Reminder.source_id == source_id,
    )
    return list(db.scalars(query))
