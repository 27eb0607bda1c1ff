"""The pages of the analytical views of the project-history line: a customer's tender rhythm
(项目关键时点), a competitor's record against us, and an account's project history. A handler
resolves, calls one page builder (pages.py) and renders."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.insights import pages

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/accounts/{account_id}/tender-rhythm")
def rhythm_page(
    request: Request, account_id: Id, db: DB, principal: CurrentPrincipal, compare: str = ""
) -> Response:
    context = pages.rhythm_page(db, principal, account_id, compare, page_locale(request))
    return render(request, "opportunities/rhythm.html", context)


@router.get("/accounts/{account_id}/project-history")
def history_page(request: Request, account_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.history_page(db, principal, account_id)
    return render(request, "opportunities/history_chain.html", context)


@router.get("/competitors/{competitor_id}/record")
def competitor_record_page(
    request: Request, competitor_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.record_page(db, principal, competitor_id, page_locale(request))
    return render(request, "opportunities/competitor_record.html", context)
