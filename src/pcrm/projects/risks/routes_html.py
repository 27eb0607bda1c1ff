"""The risk pages and forms: the project page's risks tab (add, edit, remove), the
cross-project risk map (/projects/risks) and the opportunity's risks tab with its forms. Each
write goes through the risks service; a refused form comes back with its messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import Conflict
from pcrm.core.forms import FormValues, PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write
from pcrm.projects.risks import forms, pages, service
from pcrm.projects.risks.schemas import RiskUpdate, RiskWrite

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
TAB = "risks"
OPPORTUNITY_PAGE = "projects/opportunity_risks.html"


@router.get("/projects/risks")
def portfolio_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    context = pages.portfolio_page(db, principal, page_locale(request), request.query_params)
    return render(request, "projects/risk_map.html", context)


@router.post("/projects/{project_id}/risks")
def add_risk(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.risk(form)
    return form_write(
        request, db, principal, project_id, TAB, "risk", data,
        lambda: service.add_risk(db, principal, project_id, RiskWrite.model_validate(data)),
        "risk-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/risks/{risk_id}")
def update_risk(
    request: Request,
    project_id: Id,
    risk_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.risk(form)
    return form_write(
        request, db, principal, project_id, TAB, f"risk-{risk_id}", data,
        lambda: service.update_risk(
            db, principal, project_id, risk_id, RiskUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "risk-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/risks/{risk_id}/delete")
def remove_risk(
    request: Request,
    project_id: Id,
    risk_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"risk-{risk_id}-action", {},
        lambda: service.remove_risk(
            db, principal, project_id, risk_id, project_forms.version(form)
        ),
        "risk-removed",
    )  # fmt: skip


# --- the opportunity's risks tab ------------------------------------------------------------


@router.get("/opportunities/{opportunity_id}/risks")
def opportunity_page(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.opportunity_page(db, principal, opportunity_id, page_locale(request))
    context["notice"] = notice(request, pages.NOTICES)
    return render(request, OPPORTUNITY_PAGE, context)


def _opportunity_write(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str,
) -> Response:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        context = pages.opportunity_page(db, principal, opportunity_id, locale)
        context["problem"] = translate(locale, exc.detail)
        return render(request, OPPORTUNITY_PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(f"/opportunities/{opportunity_id}/risks", done)
    context = pages.opportunity_page(db, principal, opportunity_id, locale)
    context.update(failed=name, form=FormValues(project_forms.echo(data)), errors=outcome.errors)
    return render(request, OPPORTUNITY_PAGE, context, status_code=outcome.status)


@router.post("/opportunities/{opportunity_id}/risks")
def add_opportunity_risk(
    request: Request, opportunity_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.risk(form)
    return _opportunity_write(
        request, db, principal, opportunity_id, "risk", data,
        lambda: service.add_opportunity_risk(
            db, principal, opportunity_id, RiskWrite.model_validate(data)
        ),
        "risk-added",
    )  # fmt: skip


@router.post("/opportunities/{opportunity_id}/risks/{risk_id}")
def update_opportunity_risk(
    request: Request,
    opportunity_id: Id,
    risk_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.risk(form)
    return _opportunity_write(
        request, db, principal, opportunity_id, f"risk-{risk_id}", data,
        lambda: service.update_opportunity_risk(
            db, principal, opportunity_id, risk_id, RiskUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "risk-saved",
    )  # fmt: skip


@router.post("/opportunities/{opportunity_id}/risks/{risk_id}/delete")
def remove_opportunity_risk(
    request: Request,
    opportunity_id: Id,
    risk_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _opportunity_write(
        request, db, principal, opportunity_id, f"risk-{risk_id}-action", {},
        lambda: service.remove_opportunity_risk(
            db, principal, opportunity_id, risk_id, project_forms.version(form)
        ),
        "risk-removed",
    )  # fmt: skip
