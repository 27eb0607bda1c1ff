"""In-place editing on the project page (pages.py beside): the project's details, a team member, a
stakeholder, a constraint. With HTMX, Edit swaps the record's row (or the overview's card) for
its form and Save swaps the form back with its messages (422 bad input, 412 changed by someone
else since) or reloads the tab; without, the tab shows the form in place. Writers only: a
viewer gets 403 and nothing is written."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import Conflict
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale, redirect
from pcrm.core.templating import is_htmx, render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.projects.editing import pages as edit
from pcrm.projects.projects import forms, pages

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
PAGE = "projects/project.html"


def _tab_url(project_id: int, kind: str) -> str:
    return f"/projects/{project_id}?tab={edit.KINDS[kind].tab}"


def _form(
    request: Request, db: DB, principal: Principal, project_id: int, kind: str, record_id: int
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    context = edit.edit_form(db, principal, project_id, kind, record_id, locale)
    if is_htmx(request):
        return render(request, edit.KINDS[kind].template, {"ef": context})
    return RedirectResponse(
        f"{_tab_url(project_id, kind)}&edit={kind}-{record_id}", status_code=303
    )


def _save(
    request: Request,
    db: DB,
    principal: Principal,
    project_id: int,
    kind: str,
    record_id: int,
    form: PostedForm,
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    editable = edit.KINDS[kind]
    edit.edit_form(db, principal, project_id, kind, record_id, locale)  # 404 before anything
    data = editable.parse(form)
    tab = _tab_url(project_id, kind)
    try:
        outcome = attempt(
            db,
            locale,
            lambda: editable.save(db, principal, project_id, record_id, data, forms.version(form)),
        )
    except Conflict as exc:  # e.g. the project was archived meanwhile
        db.rollback()
        if is_htmx(request):  # a 409 is not swapped: reload the tab, which shows no editing
            return Response(status_code=204, headers={"HX-Redirect": tab})
        context = pages.project_page(
            db, principal, project_id, editable.tab, locale, None,
            problem=translate(locale, exc.detail),
        )  # fmt: skip
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": f"{tab}&notice=saved"})
        return redirect(tab, "saved")
    values = forms.echo({k: "" if v is None else v for k, v in data.items()})
    fragment = edit.edit_form(
        db, principal, project_id, kind, record_id, locale, values, outcome.errors
    )
    if is_htmx(request):
        return render(request, editable.template, {"ef": fragment}, status_code=outcome.status)
    context = pages.project_page(db, principal, project_id, editable.tab, locale, None)
    context["edit_form"] = fragment
    context["editing"] = f"{kind}-{record_id}"
    return render(request, PAGE, context, status_code=outcome.status)


@router.get("/projects/{project_id}/edit")
def edit_project(request: Request, project_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    return _form(request, db, principal, project_id, "project", project_id)


@router.post("/projects/{project_id}/edit")
def save_project(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    return _save(request, db, principal, project_id, "project", project_id, form)


@router.get("/projects/{project_id}/team/{member_id}/edit")
def edit_member(
    request: Request, project_id: Id, member_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    return _form(request, db, principal, project_id, "member", member_id)


@router.post("/projects/{project_id}/team/{member_id}/edit")
def save_member(
    request: Request,
    project_id: Id,
    member_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _save(request, db, principal, project_id, "member", member_id, form)


@router.get("/projects/{project_id}/stakeholders/{stakeholder_id}/edit")
def edit_stakeholder(
    request: Request, project_id: Id, stakeholder_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    return _form(request, db, principal, project_id, "stakeholder", stakeholder_id)


@router.post("/projects/{project_id}/stakeholders/{stakeholder_id}/edit")
def save_stakeholder(
    request: Request,
    project_id: Id,
    stakeholder_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _save(request, db, principal, project_id, "stakeholder", stakeholder_id, form)


@router.get("/projects/{project_id}/constraints/{constraint_id}/edit")
def edit_constraint(
    request: Request, project_id: Id, constraint_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    return _form(request, db, principal, project_id, "constraint", constraint_id)


@router.post("/projects/{project_id}/constraints/{constraint_id}/edit")
def save_constraint(
    request: Request,
    project_id: Id,
    constraint_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _save(request, db, principal, project_id, "constraint", constraint_id, form)
