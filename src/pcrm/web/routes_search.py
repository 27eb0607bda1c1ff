"""The global search: its page, the header box's dropdown (an HTMX fragment) and the JSON API
(/api/v1/search), all the same grouped search (`web.service.search`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.search import SearchResults
from pcrm.core.templating import is_htmx, render
from pcrm.identity.public import CurrentPrincipal
from pcrm.web import service

api = APIRouter(route_class=SessionRoute, prefix="/api/v1")
pages = APIRouter(route_class=SessionRoute, include_in_schema=False)


@api.get(
    "/search",
    tags=["search"],
    summary="Search every kind of record",
    description=(
        "Accounts, contacts, opportunities and competitors whose text holds the query, grouped "
        "by kind: the group with the best match first, exact names (or their pinyin initials) "
        "and names that start with the query first within a group."
    ),
)
def search_api(
    request: Request,
    principal: CurrentPrincipal,
    db: DB,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=100,
            description="华为 finds 华为技术有限公司, hw finds it by pinyin initials; "
            "1 character works.",
            examples=["华为"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=50, description="Hits per kind.")] = 10,
) -> SearchResults:
    return service.search(db, principal, q, page_locale(request), limit)


@pages.get("/search")
def search_page(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    htmx = is_htmx(request)
    result = service.search(db, principal, q, page_locale(request), limit=5 if htmx else 50)
    context = {"result": result, "q": q}
    if htmx:
        return render(request, "_search_results.html", context)
    return render(request, "search.html", context)
