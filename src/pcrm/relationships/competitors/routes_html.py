"""Pages of competitors: the list, and one competitor with the customer people it is close
to."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import FormErrors, FormValues, PostedForm, attempt, clean
from pcrm.core.pages import notice
from pcrm.core.pages import page_locale as _locale
from pcrm.core.pages import redirect as _redirect
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.relationships import presenters
from pcrm.relationships.competitors import service
from pcrm.relationships.competitors.schemas import CompetitorWrite
from pcrm.relationships.vocab import NOTICES

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


def _notice(request: Request) -> str | None:
    return notice(request, NOTICES)


def _form(form: Any, *optional: str) -> dict[str, Any]:
    return clean({k: v for k, v in form.items() if isinstance(v, str)}, optional)


COMPETITOR_FIELDS = ("name", "website", "strengths", "weaknesses", "notes")


def _competitors_context(
    request: Request,
    db: DB,
    principal: Principal,
    *,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    return {
        "competitors": service.list_competitors(db, principal),
        "notice": _notice(request),
        "can_write": principal.can(Permission.WRITE),
        "form": FormValues(form or {}),
        "errors": errors or {},
    }


@router.get("/competitors")
def competitors_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    return render(
        request, "relationships/competitors.html", _competitors_context(request, db, principal)
    )


@router.post("/competitors")
def create_competitor(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = {k: v for k, v in _form(form, *COMPETITOR_FIELDS).items() if k in COMPETITOR_FIELDS}
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.create_competitor(db, principal, CompetitorWrite.model_validate(data)),
    )
    if outcome.result is not None:
        return _redirect(f"/competitors/{outcome.result.id}", "created")
    context = _competitors_context(request, db, principal, form=data, errors=outcome.errors)
    return render(request, "relationships/competitors.html", context, status_code=outcome.status)


def _competitor_context(
    request: Request,
    db: DB,
    principal: Principal,
    competitor_id: int,
    *,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    competitor = service.get_competitor(db, principal, competitor_id)
    ties = service.competitor_ties(db, principal, competitor_id)
    contacts = contacts_by_ids(db, principal.scope, {t.contact_id for t in ties})
    values = form or {k: getattr(competitor, k) or "" for k in COMPETITOR_FIELDS}
    return {
        "competitor": competitor,
        "ties": presenters.tie_rows(ties, contacts),
        "notice": _notice(request),
        "can_write": principal.can(Permission.WRITE),
        "form": FormValues(values),
        "errors": errors or {},
        "version": version or competitor.version,
        "back": f"/competitors/{competitor_id}",
    }


@router.get("/competitors/{competitor_id}")
def competitor_page(
    request: Request, competitor_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    return render(
        request,
        "relationships/competitor.html",
        _competitor_context(request, db, principal, competitor_id),
    )


@router.post("/competitors/{competitor_id}")
def update_competitor(
    request: Request, competitor_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = {k: v for k, v in _form(form, *COMPETITOR_FIELDS).items() if k in COMPETITOR_FIELDS}
    version = int(str(form.get("version") or 0)) or None
    outcome = attempt(
        db,
        _locale(request),
        lambda: service.update_competitor(
            db, principal, competitor_id, CompetitorWrite.model_validate(data), version
        ),
    )
    if outcome.ok:
        return _redirect(f"/competitors/{competitor_id}", "saved")
    context = _competitor_context(
        request, db, principal, competitor_id, form=data, errors=outcome.errors, version=version
    )
    return render(request, "relationships/competitor.html", context, status_code=outcome.status)
