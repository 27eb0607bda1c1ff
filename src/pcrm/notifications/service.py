"""Reminders: a user's own open ones, marking one done, and the reminders a record keeps for
its people (an activity's next step, a tender's key dates)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from pcrm.core.db import utcnow
from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal
from pcrm.notifications import repository as repo
from pcrm.notifications.models import Reminder
from pcrm.notifications.schemas import ReminderPlan, ReminderRead

TITLE_LENGTH = 300


def my_open_reminders(db: Session, principal: Principal, limit: int = 20) -> list[ReminderRead]:
    """The signed-in user's open reminders, soonest first."""
    found = repo.open_reminders(db, principal.scope, principal.user_id, limit)
    return [ReminderRead.model_validate(r) for r in found]


def complete_reminder(db: Session, principal: Principal, reminder_id: int) -> ReminderRead:
    """Mark one of the user's own reminders done (again is a no-op); another's is a 404."""
    reminder = repo.users_reminder(db, principal.scope, principal.user_id, reminder_id)
    if reminder is None:
        raise NotFound()
    if reminder.done_at is None:
        reminder.done_at = utcnow()
        db.flush()
    return ReminderRead.model_validate(reminder)


def _new(scope: WorkspaceScope, source_type: str, source_id: int, plan: ReminderPlan) -> Reminder:
    return Reminder(
        workspace_id=scope.workspace_id,
        user_id=plan.user_id,
        due_at=plan.due_at,
        title=plan.title[:TITLE_LENGTH],
        link=plan.link,
        source_type=source_type,
        source_id=source_id,
    )


def keep_reminder(
    db: Session, scope: WorkspaceScope, source_type: str, source_id: int, plan: ReminderPlan | None
) -> None:
    """A record's one open reminder: changed in place to `plan`, created when there is none,
    removed when `plan` is None (an activity whose next step was cleared)."""
    open_ones = repo.open_reminders_of(db, scope, source_type, source_id)
    if plan is None:
        for reminder in open_ones:
            db.delete(reminder)
        return
    if open_ones:
        reminder = open_ones[0]
        reminder.user_id, reminder.due_at = plan.user_id, plan.due_at
        reminder.title, reminder.link = plan.title[:TITLE_LENGTH], plan.link
    else:
        db.add(_new(scope, source_type, source_id, plan))
    db.flush()


def replace_reminders(
    db: Session,
    scope: WorkspaceScope,
    source_type: str,
    source_id: int,
    plans: Sequence[ReminderPlan],
) -> None:
    """A record's open reminders become exactly `plans` (a tender's key dates moved); the ones
    already done are kept as they are."""
    for reminder in repo.open_reminders_of(db, scope, source_type, source_id):
        db.delete(reminder)
    db.flush()
    for plan in plans:
        db.add(_new(scope, source_type, source_id, plan))
    db.flush()
