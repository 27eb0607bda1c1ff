"""The audit log page: every change in the workspace, newest first, by kind of record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.history import entity_label
from pcrm.core.i18n import translate
from pcrm.core.pagination import PageRequest
from pcrm.core.templating import render
from pcrm.identity.audit import service
from pcrm.identity.auth import require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
Auditor = Annotated[Principal, Depends(require(Permission.VIEW_AUDIT))]

AUDIT_ENTITIES = ("user", "workspace", "api_token", "invitation")


def _locale(request: Request) -> str:
    return str(request.state.locale)


@router.get("/admin/audit")
def audit_page(
    request: Request,
    db: DB,
    principal: Auditor,
    entity_type: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    chosen = entity_type if entity_type in AUDIT_ENTITIES else None
    entries = service.list_audit_entries(db, principal, PageRequest.checked(page, 50), chosen)
    locale = _locale(request)
    return render(
        request,
        "identity/audit.html",
        {
            "entries": entries,
            "entity_type": chosen or "",
            "entity_options": [(e, translate(locale, entity_label(e))) for e in AUDIT_ENTITIES],
            "rows": service.history_view(db, principal, entries.items, locale, with_subject=True),
            "base_url": f"/admin/audit?entity_type={chosen}&" if chosen else "/admin/audit?",
        },
        fragment="audit_table",
    )
