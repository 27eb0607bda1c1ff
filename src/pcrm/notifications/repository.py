"""Every query of the notifications area, scoped to the workspace."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.notifications.models import Reminder


def open_reminders(db: Session, scope: WorkspaceScope, user_id: int, limit: int) -> list[Reminder]:
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


def users_reminder(
    db: Session, scope: WorkspaceScope, user_id: int, reminder_id: int
) -> Reminder | None:
    return db.scalar(
        select(Reminder).where(
            Reminder.workspace_id == scope.workspace_id,
            Reminder.user_id == user_id,
            Reminder.id == reminder_id,
        )
    )


def open_reminders_of(
    db: Session, scope: WorkspaceScope, source_type: str, source_id: int
) -> list[Reminder]:
    """The open reminders a record made, oldest first."""
    query = (
        select(Reminder)
        .where(
            Reminder.workspace_id == scope.workspace_id,
            Reminder.source_type == source_type,
            Reminder.source_id == source_id,
            Reminder.done_at.is_(None),
        )
        .order_by(Reminder.id)
    )
    return list(db.scalars(query))
