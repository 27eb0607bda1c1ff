"""JSON API of the notifications area: /api/v1/reminders."""

from __future__ import annotations

from fastapi import APIRouter

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.notifications import service
from pcrm.notifications.schemas import ReminderList, ReminderRead

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["reminders"])


@router.get("/reminders", summary="Your open reminders, soonest first (at most 200)")
def list_reminders(db: DB, principal: CurrentPrincipal) -> ReminderList:
    return ReminderList(items=service.my_open_reminders(db, principal, limit=200))


@router.post("/reminders/{reminder_id}/done", summary="Mark one of your reminders done")
def finish_reminder(reminder_id: Id, db: DB, principal: CurrentPrincipal) -> ReminderRead:
    return service.complete_reminder(db, principal, reminder_id)
