"""Pages of the bid workspace (投标工作台) of an opportunity: the tender with its scoring sheet,
the participating vendors and our estimate of their scores, "if we quote ¥X" before a round,
and the quote rounds. A handler resolves, calls one page builder (pages.py) or service, and
renders; forms.py reads the posted forms."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import is_htmx, render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Principal
from pcrm.opportunities.pipeline import forms as pipeline_forms
from pcrm.opportunities.pipeline import pages as pipeline_pages
from pcrm.opportunities.tender import forms, pages
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.tender.schemas import (
    QuoteRoundCreate,
    ScoreGrid,
    TenderWrite,
    VendorCreate,
    VendorUpdate,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
pipeline_pages.install_template_globals()  # stage labels of the opportunity page frame


def _back_to(url: str, notice_key: str, anchor: str) -> RedirectResponse:
    """`core.pages.redirect` to `url` with the notice, scrolled to `anchor` (the fragment
    comes after the query)."""
    response = redirect(url, notice_key)
    response.headers["location"] += anchor
    return response


BID_TEMPLATE = "opportunities/bid.html"


def _bid_url(opportunity_id: Id) -> str:
    return f"/opportunities/{opportunity_id}/bid"


def _refused(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: Id,
    status: int,
    **kwargs: Any,
) -> Response:
    """The bid page again after a refused write, with the posted values and the messages."""
    context = pages.bid_page(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        notice(request, pages.NOTICES),
        **kwargs,
    )
    return render(request, BID_TEMPLATE, context, status_code=status)


@router.get("/opportunities/{opportunity_id}/bid")
def bid_page(
    request: Request,
    opportunity_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    try_price: str = "",
) -> Response:
    """The bid workspace. With `try_price` it also shows "if we quote ¥X"; an HTMX request
    with it gets only that part."""
    price_text = try_price.strip()[:40]
    trying = "try_price" in request.query_params
    if trying and is_htmx(request):
        simulation = pages.simulation(
            db, principal, opportunity_id, price_text, page_locale(request)
        )
        return render(
            request,
            BID_TEMPLATE,
            {"simulation": simulation, "opportunity_id": opportunity_id},
            fragment="simulation",
            status_code=422 if simulation.errors else 200,
        )
    context = pages.bid_page(
        db,
        principal,
        opportunity_id,
        page_locale(request),
        notice(request, pages.NOTICES),
        price_text=price_text,
    )
    status = 422 if trying and context["simulation"].errors else 200
    return render(request, BID_TEMPLATE, context, status_code=status)


@router.post("/opportunities/{opportunity_id}/bid/tender")
def save_tender(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Create or edit the tender with its scoring sheet: all of it or nothing."""
    data, rows = forms.tender(form, ZoneInfo(principal.timezone))
    version = pipeline_forms.version(form)
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.write_tender(
            db, principal, opportunity_id, TenderWrite.model_validate(data), version
        ),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "tender", "#tender")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="tender",
        values=forms.tender_posted(form),
        errors=outcome.errors,
        sheet_rows=rows,
        version=version,
    )


@router.post("/opportunities/{opportunity_id}/bid/vendors")
def add_vendor(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.vendor_create(form)
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.add_vendor(
            db, principal, opportunity_id, VendorCreate.model_validate(data)
        ),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "vendor-added", "#vendors")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="vendor",
        values={k: v or "" for k, v in data.items()},
        errors=outcome.errors,
    )


@router.post("/opportunities/{opportunity_id}/bid/vendors/{vendor_id}")
def update_vendor(
    request: Request,
    opportunity_id: Id,
    vendor_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.vendor_update(form)
    version = pipeline_forms.version(form)
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.update_vendor(
            db, principal, opportunity_id, vendor_id, VendorUpdate.model_validate(data), version
        ),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "vendor-saved", "#vendors")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed=f"vendor-{vendor_id}",
        values={k: v or "" for k, v in data.items()},
        errors=outcome.errors,
    )


@router.post("/opportunities/{opportunity_id}/bid/vendors/{vendor_id}/delete")
def remove_vendor(
    request: Request, opportunity_id: Id, vendor_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.remove_vendor(db, principal, opportunity_id, vendor_id),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "vendor-removed", "#vendors")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed=f"vendor-{vendor_id}",
        errors={"__all__": " ".join(outcome.errors.values())},
    )


@router.post("/opportunities/{opportunity_id}/bid/scores")
def save_scores(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Our estimate of every vendor's scores, one column per vendor; a blank cell is no
    estimate. Either every column is saved or none."""
    vendors = tender_service.vendor_reads(db, principal, opportunity_id)
    grid = forms.score_grid(form, [v.id for v in vendors])
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.set_grid_scores(
            db, principal, opportunity_id, ScoreGrid.model_validate(grid)
        ),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "scores", "#sheet")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="scores",
        values=forms.grid_posted(form),
        errors=forms.score_errors(outcome.errors),
    )


@router.post("/opportunities/{opportunity_id}/bid/rounds")
def record_round(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Record a quote round: our quote and the competitors' where known, with the source."""
    vendors = tender_service.vendor_reads(db, principal, opportunity_id)
    data, order = forms.quote_round(form, [v.id for v in vendors])
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.submit_quote_round(
            db, principal, opportunity_id, QuoteRoundCreate.model_validate(data)
        ),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "round", "#rounds")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="round",
        values=forms.posted(form),
        errors=forms.round_errors(outcome.errors, order, page_locale(request)),
    )


@router.post("/opportunities/{opportunity_id}/bid/rounds/{round_id}/delete")
def take_back_round(
    request: Request, opportunity_id: Id, round_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    outcome = attempt(
        db,
        page_locale(request),
        lambda: tender_service.delete_last_round(db, principal, opportunity_id, round_id),
    )
    if outcome.ok:
        return _back_to(_bid_url(opportunity_id), "round-removed", "#rounds")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="history",
        errors={"__all__": " ".join(outcome.errors.values())},
    )
