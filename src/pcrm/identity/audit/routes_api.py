"""JSON API of the audit trail, under /api/v1."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pagination import Page
from pcrm.identity.audit import service
from pcrm.identity.audit.schemas import AuditEntryRead, AuditQuery
from pcrm.identity.deps import CurrentPrincipal

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get(
    "/audit-entries",
    tags=["audit"],
    summary="The audit trail, newest first; filter by record, actor, action and days",
)
def list_audit_entries(
    principal: CurrentPrincipal, db: DB, query: Annotated[AuditQuery, Query()]
) -> Page[AuditEntryRead]:
    return service.list_audit_entries(db, principal, query)
