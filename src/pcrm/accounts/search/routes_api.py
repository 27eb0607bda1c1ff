"""JSON API of the search box: /api/v1/search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from pcrm.accounts.search import service
from pcrm.accounts.search.schemas import SearchResult
from pcrm.core.deps import DB, SessionRoute
from pcrm.identity.public import CurrentPrincipal

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get("/search", tags=["search"], summary="Search accounts and contacts")
def search(
    principal: CurrentPrincipal,
    db: DB,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=100,
            description="华为 finds 华为技术有限公司; 1 character works.",
            examples=["华为"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchResult:
    return service.search_all(db, principal, q, limit)
