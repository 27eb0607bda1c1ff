"""Pages of the notifications area: marking a reminder done from the workbench."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import redirect
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.notifications import service

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.post("/reminders/{reminder_id}/done")
def complete_reminder(reminder_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.complete_reminder(db, principal, reminder_id)
    return redirect("/")
