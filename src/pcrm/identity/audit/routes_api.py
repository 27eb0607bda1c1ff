"""JSON API of the audit trail, under /api/v1."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.types import Id, PageNumber, PageSize
from pcrm.identity.audit import service
from pcrm.identity.audit.schemas import AuditEntryRead
from pcrm.identity.deps import CurrentPrincipal

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")
PageNo = Annotated[PageNumber, Query(description="1-based page number")]
PageRows = Annotated[PageSize, Query(description="Rows per page (at most 200)")]


@router.get(
    "/audit-entries",
    tags=["audit"],
    summary="The audit trail, newest first; filter by record or actor",
)
def list_audit_entries(
    principal: CurrentPrincipal,
    db: DB,
    page: PageNo = 1,
    page_size: PageRows = 50,
    entity_type: Annotated[str | None, Query(max_length=60)] = None,
    entity_id: Id | None = None,
    actor_user_id: Id | None = None,
) -> Page[AuditEntryRead]:
    return service.list_audit_entries(
        db, principal, PageRequest(page, page_size), entity_type, entity_id, actor_user_id
    )
