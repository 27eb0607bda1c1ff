"""Shell pages: the workbench, interactive API docs and a health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from pcrm.core.db import ping, utcnow
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.templating import render
from pcrm.identity.public import (
    ROLE_LABELS,
    CurrentPrincipal,
    Permission,
    history_view,
    recent_changes,
    workspace_summary,
)
from pcrm.notifications.public import my_open_reminders

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


API_DOCS_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PCRM API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/vendor/swagger-ui.css">
<script src="/static/vendor/swagger-ui-bundle.js" defer></script>
<script src="/static/js/api-docs.js" defer></script>
</head><body><div id="swagger-ui"></div></body></html>"""


@router.get("/")
def workbench(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    locale = str(request.state.locale)
    changes = recent_changes(db, principal)
    now = utcnow()
    open_reminders = [(r, r.due_at <= now) for r in my_open_reminders(db, principal)]
    return render(
        request,
        "home.html",
        {
            "summary": workspace_summary(db, principal),
            "role_label": ROLE_LABELS[principal.role],
            "changes": history_view(
                db, principal, changes, locale, with_subject=True, with_changes=False
            ),
            "workspace_feed": principal.can(Permission.VIEW_AUDIT),
            "can_manage_users": principal.can(Permission.MANAGE_USERS),
            "reminders": open_reminders,
        },
    )


@router.get("/api/docs")
def api_docs() -> HTMLResponse:
    return HTMLResponse(API_DOCS_HTML)


@router.get("/healthz")
def health(db: DB) -> JSONResponse:
    ping(db)
    return JSONResponse({"status": "ok"})
