"""Pages of the analyses: how closely we cover an account's key people, and the paths from
our people to a customer person."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.relationships.closeness import pages

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/accounts/{account_id}/closeness")
def closeness_page(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.closeness(db, principal, account_id, page_locale(request))
    return render(request, "relationships/closeness.html", context)


@router.get("/contacts/{contact_id}/paths")
def paths_page(
    request: Request,
    contact_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    mode: str = "strongest",
) -> Response:
    context = pages.paths(db, principal, contact_id, mode, page_locale(request))
    return render(request, "relationships/paths.html", context)
