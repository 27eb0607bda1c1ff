"""Pages of competitors: the list, and one competitor with the customer people it is close
to. Each handler resolves, calls one page builder or one service, renders."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.relationships.competitors import forms, pages, service
from pcrm.relationships.competitors.schemas import CompetitorWrite
from pcrm.relationships.vocab import NOTICES

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/competitors")
def competitors_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.competitors(db, principal, notice=notice(request, NOTICES))
    return render(request, "relationships/competitors.html", context)


@router.post("/competitors")
def create_competitor(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.competitor_fields(form)
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.create_competitor(db, principal, CompetitorWrite.model_validate(data)),
    )
    if outcome.result is not None:
        return redirect(f"/competitors/{outcome.result.id}", "created")
    context = pages.competitors(
        db, principal, notice=notice(request, NOTICES), form=data, errors=outcome.errors
    )
    return render(request, "relationships/competitors.html", context, status_code=outcome.status)


@router.get("/competitors/{competitor_id}")
def competitor_page(
    request: Request, competitor_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.competitor(db, principal, competitor_id, notice=notice(request, NOTICES))
    return render(request, "relationships/competitor.html", context)


@router.post("/competitors/{competitor_id}")
def update_competitor(
    request: Request, competitor_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.competitor_fields(form)
    version = forms.version(form)
    outcome = attempt(
        db,
        page_locale(request),
        lambda: service.update_competitor(
            db, principal, competitor_id, CompetitorWrite.model_validate(data), version
        ),
    )
    if outcome.ok:
        return redirect(f"/competitors/{competitor_id}", "saved")
    context = pages.competitor(
        db,
        principal,
        competitor_id,
        notice=notice(request, NOTICES),
        form=data,
        errors=outcome.errors,
        version=version,
    )
    return render(request, "relationships/competitor.html", context, status_code=outcome.status)
