"""The workspace settings page: name, currency, default language, time zone, after how many days
a pending customer sign-off is late and an unresolved conflict is escalated, with the workspace's
history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import attempt
from pcrm.core.i18n import N_
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.identity.deps import require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.workspaces import pages, service
from pcrm.identity.workspaces.schemas import WorkspaceUpdate

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
WorkspaceAdmin = Annotated[Principal, Depends(require(Permission.MANAGE_WORKSPACE))]

NOTICES = {"saved": N_("Your changes have been saved.")}
# a blank number keeps the workspace's setting
OPTIONAL_DAYS = ("sign_off_reminder_days", "conflict_escalation_days")


@router.get("/admin/workspace")
def workspace_page(request: Request, db: DB, principal: WorkspaceAdmin) -> Response:
    context = pages.workspace(db, principal, page_locale(request), notice=notice(request, NOTICES))
    return render(request, "identity/workspace.html", context)


@router.post("/admin/workspace")
def update_workspace(
    request: Request,
    db: DB,
    principal: WorkspaceAdmin,
    version: Annotated[int, Form()],
    name: Annotated[str, Form()] = "",
    currency: Annotated[str, Form()] = "",
    default_locale: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "",
    sign_off_reminder_days: Annotated[str, Form()] = "",
    conflict_escalation_days: Annotated[str, Form()] = "",
) -> Response:
    locale = page_locale(request)
    form = {
        "name": name,
        "currency": currency,
        "default_locale": default_locale,
        "timezone": timezone,
        "sign_off_reminder_days": sign_off_reminder_days.strip(),
        "conflict_escalation_days": conflict_escalation_days.strip(),
    }
    outcome = attempt(
        db,
        locale,
        lambda: service.update_workspace(
            db,
            principal,
            WorkspaceUpdate.model_validate(
                {k: v for k, v in form.items() if v or k not in OPTIONAL_DAYS}
            ),
            version,
        ),
    )
    if outcome.ok:
        return redirect("/admin/workspace", "saved")
    context = pages.workspace(db, principal, locale, form=form, errors=outcome.errors)
    return render(request, "identity/workspace.html", context, status_code=outcome.status)
