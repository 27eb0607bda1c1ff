"""JSON API of the security log, under /api/v1."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from pcrm.core.dates import Day
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.types import Id, PageNumber, PageSize
from pcrm.identity.deps import CurrentPrincipal
from pcrm.identity.security_log import service
from pcrm.identity.security_log.schemas import SecurityEventRead
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")
PageNo = Annotated[PageNumber, Query(description="1-based page number")]
PageRows = Annotated[PageSize, Query(description="Rows per page (at most 200)")]


@router.get(
    "/security-events",
    tags=["audit"],
    summary="The security log, newest first; filter by kind, outcome, user and dates",
    description="Sign-ins and their failures, sign-outs, sessions ended, API tokens made, "
    "first used, revoked and refused, refused writes and exports. Needs the right to read the "
    "audit log. Dates are days in the workspace's time zone, both included.",
)
def list_security_events(
    principal: CurrentPrincipal,
    db: DB,
    page: PageNo = 1,
    page_size: PageRows = 50,
    kind: SecurityEventKind | None = None,
    outcome: SecurityOutcome | None = None,
    user_id: Id | None = None,
    date_from: Day | None = None,
    date_to: Day | None = None,
) -> Page[SecurityEventRead]:
    return service.list_events(
        db,
        principal,
        PageRequest(page, page_size),
        kind=kind,
        outcome=outcome,
        user_id=user_id,
        date_from=date_from,
        date_to=date_to,
    )
