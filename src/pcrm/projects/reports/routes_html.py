"""The reports tab's form and a report's page: the document (printable), the draft's form, the
issue and remove buttons, the PDF links. Every write goes through the reports service; a
refused form comes back with its messages, a refused action with its reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import Conflict
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write
from pcrm.projects.reports import forms, pages, service
from pcrm.projects.reports.schemas import ReportUpdate, ReportWrite

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
PAGE = "reports/report.html"
TAB = "reports"


@router.post("/projects/{project_id}/reports")
def add_report(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.new_report(form)
    return form_write(
        request, db, principal, project_id, TAB, "report", data,
        lambda: service.add_report(db, principal, project_id, ReportWrite.model_validate(data)),
        "report-added",
    )  # fmt: skip


@router.get("/projects/{project_id}/reports/{report_id}")
def report_page(
    request: Request,
    project_id: Id,
    report_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    lang: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    locale = pages.report_locale(request, lang)
    request.state.locale = locale  # `?lang=` sets the whole page's language, as the PDF's
    context = pages.report_page(
        db, principal, project_id, report_id, locale, notice=notice(request, pages.NOTICES)
    )
    return render(request, PAGE, context)


def _report_write(
    request: Request,
    db: DB,
    principal: Principal,
    project_id: int,
    report_id: int,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str,
    target: str | None = None,
) -> Response:
    """Run a write of the report's page: back to the page (or `target`) with the notice, else
    the page with the form's messages (422, 412) or the refusal's reason (409)."""
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        context = pages.report_page(
            db, principal, project_id, report_id, locale, problem=translate(locale, exc.detail)
        )
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(target or f"/projects/{project_id}/reports/{report_id}", done)
    context = pages.report_page(
        db, principal, project_id, report_id, locale,
        values=project_forms.echo(data), errors=outcome.errors,
    )  # fmt: skip
    return render(request, PAGE, context, status_code=outcome.status)


@router.post("/projects/{project_id}/reports/{report_id}")
def update_report(
    request: Request,
    project_id: Id,
    report_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.draft(form)
    return _report_write(
        request, db, principal, project_id, report_id, data,
        lambda: service.update_report(
            db, principal, project_id, report_id, ReportUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "report-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/reports/{report_id}/issue")
def issue_report(
    request: Request,
    project_id: Id,
    report_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _report_write(
        request, db, principal, project_id, report_id, {},
        lambda: service.issue_report(
            db, principal, project_id, report_id, project_forms.version(form)
        ),
        "report-issued",
    )  # fmt: skip


@router.post("/projects/{project_id}/reports/{report_id}/delete")
def remove_report(
    request: Request,
    project_id: Id,
    report_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _report_write(
        request, db, principal, project_id, report_id, {},
        lambda: service.remove_report(
            db, principal, project_id, report_id, project_forms.version(form)
        ),
        "report-removed", f"/projects/{project_id}?tab={TAB}",
    )  # fmt: skip
