"""JSON API of the analyses: an account's closeness and the paths to a person."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.relationships.closeness import service
from pcrm.relationships.closeness.schemas import Closeness, Path

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["relationships"])


@router.get(
    "/accounts/{account_id}/closeness",
    summary="How well we cover the account's key people (客户关系紧密度)",
)
def account_closeness(
    request: Request, account_id: Id, principal: CurrentPrincipal, db: DB
) -> Closeness:
    return service.closeness(db, principal, account_id, page_locale(request))


@router.get(
    "/contacts/{contact_id}/paths",
    summary="Who can introduce us: paths from our people to this contact (≤ 4 links)",
)
def paths(
    request: Request,
    contact_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    mode: Literal["strongest", "fewest"] = "strongest",
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> list[Path]:
    return service.paths_to(db, principal, contact_id, mode, limit, page_locale(request))
