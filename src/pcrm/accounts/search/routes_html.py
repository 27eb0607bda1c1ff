"""The search page and the header's search box (an HTMX fragment)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pcrm.accounts.search import service
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.templating import is_htmx, render
from pcrm.identity.public import CurrentPrincipal

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/search")
def search_page(
    request: Request,
    db: DB,
    principal: CurrentPrincipal,
    q: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    result = service.search_all(db, principal, q, limit=8 if is_htmx(request) else 50)
    context = {"result": result, "q": q}
    if is_htmx(request):
        return render(request, "accounts/_search_results.html", context)
    return render(request, "accounts/search.html", context)
