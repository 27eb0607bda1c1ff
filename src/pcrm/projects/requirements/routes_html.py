"""The requirements tab's forms and a requirement's page: add a requirement, edit one in place
(HTMX swaps the table row for its form), ask the customer a question on it, record the answer
or withdraw the question. A handler resolves, calls one page builder or service, and
renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import Conflict, NotFound
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.templating import is_htmx, render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.projects import pages as project_pages
from pcrm.projects.requirements import forms, pages, service
from pcrm.projects.requirements.schemas import (
    ClarificationCreate,
    ClarificationUpdate,
    RequirementCreate,
    RequirementUpdate,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
PROJECT_PAGE = "projects/project.html"
PAGE = "projects/requirement.html"
EDIT_ROW = "projects/_requirement_edit.html"


def _tab_url(project_id: int) -> str:
    return f"/projects/{project_id}?tab=requirements"


def _page_url(project_id: int, requirement_id: int) -> str:
    return f"/projects/{project_id}/requirements/{requirement_id}"


@router.post("/projects/{project_id}/requirements")
def add_requirement(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    data = forms.fields(form, forms.CREATE_FIELDS)
    try:
        outcome = attempt(
            db,
            locale,
            lambda: service.create_requirement(
                db, principal, project_id, RequirementCreate.model_validate(data)
            ),
        )
    except Conflict as exc:
        db.rollback()
        problem = translate(locale, exc.detail)
        context = project_pages.project_page(
            db, principal, project_id, "requirements", locale, None, problem=problem
        )
        return render(request, PROJECT_PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(_tab_url(project_id), "requirement-added")
    context = project_pages.project_page(
        db,
        principal,
        project_id,
        "requirements",
        locale,
        None,
        failed="requirement-new",
        values=forms.echo(data),
        errors=outcome.errors,
    )
    return render(request, PROJECT_PAGE, context, status_code=outcome.status)


@router.get("/projects/{project_id}/requirements/{requirement_id}")
def requirement_page(
    request: Request, project_id: Id, requirement_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    context = pages.requirement_page(
        db,
        principal,
        project_id,
        requirement_id,
        page_locale(request),
        notice(request, pages.NOTICES),
        problem=pages.problem(request.query_params.get("problem"), page_locale(request)),
    )
    return render(request, PAGE, context)


@router.get("/projects/{project_id}/requirements/{requirement_id}/edit")
def edit_requirement(
    request: Request, project_id: Id, requirement_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    """The edit form: in place of the tab's row for HTMX, else on the requirement's page."""
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    if is_htmx(request):
        context = pages.edit_row(db, principal, project_id, requirement_id, locale)
        return render(request, EDIT_ROW, context)
    context = pages.requirement_page(
        db, principal, project_id, requirement_id, locale, None, editing=True
    )
    return render(request, PAGE, context)


@router.post("/projects/{project_id}/requirements/{requirement_id}")
def update_requirement(
    request: Request,
    project_id: Id,
    requirement_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    pages.owned_requirement(db, principal, project_id, requirement_id)
    data = forms.requirement_update(form)
    try:
        outcome = attempt(
            db,
            locale,
            lambda: service.update_requirement(
                db,
                principal,
                requirement_id,
                RequirementUpdate.model_validate(data),
                forms.version(form),
            ),
        )
    except Conflict as exc:
        db.rollback()
        if is_htmx(request):  # a 409 is not swapped: show it on the requirement's page
            target = f"{_page_url(project_id, requirement_id)}?problem=frozen"
            return Response(status_code=204, headers={"HX-Redirect": target})
        context = pages.requirement_page(
            db,
            principal,
            project_id,
            requirement_id,
            locale,
            None,
            problem=translate(locale, exc.detail),
        )
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        if is_htmx(request):
            target = f"{_tab_url(project_id)}&notice=requirement-saved"
            return Response(status_code=204, headers={"HX-Redirect": target})
        return redirect(_page_url(project_id, requirement_id), "requirement-saved")
    values = forms.echo(data)
    if is_htmx(request):
        context = pages.edit_row(
            db, principal, project_id, requirement_id, locale, values, outcome.errors
        )
        return render(request, EDIT_ROW, context, status_code=outcome.status)
    context = pages.requirement_page(
        db,
        principal,
        project_id,
        requirement_id,
        locale,
        None,
        editing=True,
        failed="requirement",
        values=values,
        errors=outcome.errors,
    )
    return render(request, PAGE, context, status_code=outcome.status)


def _question_write(
    request: Request,
    db: DB,
    principal: Principal,
    project_id: int,
    requirement_id: int,
    name: str,
    data: dict[str, Any],
    write: Callable[[], object],
    done: str,
) -> Response:
    """Run a question form's write; on success back to the requirement's page with the
    notice, else that page with the form's values and messages (or the refusal, 409)."""
    locale = page_locale(request)
    try:
        outcome = attempt(db, locale, write)
    except Conflict as exc:
        db.rollback()
        context = pages.requirement_page(
            db,
            principal,
            project_id,
            requirement_id,
            locale,
            None,
            problem=translate(locale, exc.detail),
        )
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        return redirect(_page_url(project_id, requirement_id), done)
    context = pages.requirement_page(
        db,
        principal,
        project_id,
        requirement_id,
        locale,
        None,
        failed=name,
        values=forms.echo(data),
        errors=outcome.errors,
    )
    return render(request, PAGE, context, status_code=outcome.status)


@router.post("/projects/{project_id}/requirements/{requirement_id}/clarifications")
def ask_question(
    request: Request,
    project_id: Id,
    requirement_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    pages.owned_requirement(db, principal, project_id, requirement_id)
    data = forms.fields(form, forms.QUESTION_FIELDS)
    return _question_write(
        request, db, principal, project_id, requirement_id, "question", data,
        lambda: service.create_clarification(
            db, principal, requirement_id, ClarificationCreate.model_validate(data)
        ),
        "question-asked",
    )  # fmt: skip


def _owned_question(db: DB, principal: Principal, project_id: int, clarification_id: int) -> int:
    """The requirement of the clarification, when it belongs to the project (else a 404)."""
    clarification = service.get_clarification(db, principal, clarification_id)
    if clarification.project_id != project_id:
        raise NotFound()
    return clarification.requirement_id


@router.post("/projects/{project_id}/clarifications/{clarification_id}/answer")
def answer_question(
    request: Request,
    project_id: Id,
    clarification_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    requirement_id = _owned_question(db, principal, project_id, clarification_id)
    data = forms.fields(form, ("answer", "answered_on"))

    def write() -> object:
        answer = forms.AnswerForm.model_validate(data)
        update = ClarificationUpdate(answer=answer.answer, answered_on=answer.answered_on)
        return service.update_clarification(
            db, principal, clarification_id, update, forms.version(form)
        )

    return _question_write(
        request, db, principal, project_id, requirement_id, f"answer-{clarification_id}", data,
        write, "question-answered",
    )  # fmt: skip


@router.post("/projects/{project_id}/clarifications/{clarification_id}/void")
def void_question(
    request: Request,
    project_id: Id,
    clarification_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    requirement_id = _owned_question(db, principal, project_id, clarification_id)
    return _question_write(
        request, db, principal, project_id, requirement_id, f"void-{clarification_id}", {},
        lambda: service.update_clarification(
            db, principal, clarification_id, ClarificationUpdate(void=True), forms.version(form)
        ),
        "question-void",
    )  # fmt: skip
