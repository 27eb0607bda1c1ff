"""The audit log page: every change in the workspace, newest first, filtered by user, record,
action and days."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.templating import render
from pcrm.identity.audit import pages
from pcrm.identity.deps import require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
Auditor = Annotated[Principal, Depends(require(Permission.VIEW_AUDIT))]


@router.get("/admin/audit")
def audit_page(request: Request, db: DB, principal: Auditor) -> Response:
    params = list(request.query_params.multi_items())
    context = pages.audit_log(db, principal, page_locale(request), params)
    status = 422 if context["errors"] else 200  # the filters' messages are shown inline
    return render(
        request, "identity/audit.html", context, fragment="audit_table", status_code=status
    )
