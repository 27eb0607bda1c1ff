"""The project pages: the list, the board by phase, a new project, and the project page with
its tabs and forms (status actions, phase, liaison, termination, team, stakeholders,
constraints). A handler resolves, calls one page builder or service, and renders."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.pages import notice, page_locale, redirect
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission
from pcrm.projects.constraints import service as constraints
from pcrm.projects.constraints.schemas import ConstraintWrite
from pcrm.projects.projects import forms, pages, service
from pcrm.projects.projects.schemas import (
    LiaisonAppointment,
    PhaseAdvance,
    ProjectCreate,
    ProjectQuery,
    StatusMove,
    Termination,
)
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderWrite
from pcrm.projects.team import service as team
from pcrm.projects.team.schemas import TeamMemberWrite

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
PAGE = "projects/project.html"


def _query(request: Request) -> ProjectQuery | dict[str, str]:
    params: dict[str, Any] = {}
    for key in ("q", "sort", "page"):
        if request.query_params.get(key):
            params[key] = request.query_params[key]
    for key in ("status", "phase"):
        values = [v for v in request.query_params.getlist(key) if v]
        if values:
            params[key] = values
    try:
        return ProjectQuery.model_validate(params)
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc.errors(), page_locale(request))
        return {e["field"]: e["message"] for e in errors}


@router.get("/projects")
def projects_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    query = _query(request)
    locale = page_locale(request)
    errors = query if isinstance(query, dict) else {}
    checked = query if isinstance(query, ProjectQuery) else ProjectQuery()
    context = pages.list_page(db, principal, checked, locale, notice(request, pages.NOTICES))
    context["errors"] = errors
    return render(request, "projects/projects.html", context, fragment="results")


@router.get("/projects/board")
def board_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    query = _query(request)
    checked = query if isinstance(query, ProjectQuery) else ProjectQuery()
    return render(
        request,
        "projects/board.html",
        pages.board_page(db, principal, checked, page_locale(request)),
    )


@router.get("/projects/new")
def new_page(request: Request, db: DB, principal: CurrentPrincipal) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    values = {"account_id": request.query_params.get("account_id", "")}
    return render(
        request, "projects/new.html", pages.new_page(db, principal, page_locale(request), values)
    )


@router.post("/projects/new")
def create_project(
    request: Request, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    principal.require(Permission.WRITE_PROJECTS)
    data = forms.fields(form, forms.PROJECT_FIELDS)
    locale = page_locale(request)
    outcome = attempt(
        db,
        locale,
        lambda: service.create_project(db, principal, ProjectCreate.model_validate(data)),
    )
    if outcome.ok and outcome.result is not None:
        return redirect(f"/projects/{outcome.result.id}", "created")
    context = pages.new_page(db, principal, locale, forms.echo(data), outcome.errors)
    context["account_label"] = forms.text(form, "account_label")
    return render(request, "projects/new.html", context, status_code=outcome.status)


@router.get("/projects/{project_id}")
def project_page(
    request: Request,
    project_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    tab: Annotated[str, Query(max_length=20)] = "overview",
) -> Response:
    context = pages.project_page(
        db,
        principal,
        project_id,
        tab,
        page_locale(request),
        notice(request, pages.NOTICES),
        params=request.query_params,
    )
    return render(request, PAGE, context)


# a tab's form: write, then back to the tab with the notice or with the form's messages
_form_write = pages.form_write


@router.post("/projects/{project_id}/status")
def move_status(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = {"status": forms.text(form, "status")}
    tab = "closure" if data["status"] == "closed" else "overview"  # the gate's checks are there
    return _form_write(
        request, db, principal, project_id, tab, "status", data,
        lambda: service.move_status(
            db, principal, project_id, StatusMove.model_validate(data), forms.version(form)
        ),
        "status",
    )  # fmt: skip


@router.post("/projects/{project_id}/phase")
def advance_phase(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, ("override_reason",))
    return _form_write(
        request, db, principal, project_id, "overview", "phase", data,
        lambda: service.advance_phase(
            db, principal, project_id, PhaseAdvance.model_validate(data), forms.version(form)
        ),
        "phase",
    )  # fmt: skip


@router.post("/projects/{project_id}/liaison")
def appoint_liaison(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, forms.LIAISON_FIELDS)
    return _form_write(
        request, db, principal, project_id, "overview", "liaison", data,
        lambda: service.appoint_liaison(
            db, principal, project_id, LiaisonAppointment.model_validate(data), forms.version(form)
        ),
        "saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/termination")
def terminate(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, forms.TERMINATION_FIELDS)
    return _form_write(
        request, db, principal, project_id, "overview", "termination", data,
        lambda: service.terminate(
            db, principal, project_id, Termination.model_validate(data), forms.version(form)
        ),
        "terminated",
    )  # fmt: skip


@router.post("/projects/{project_id}/team")
def add_member(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, forms.TEAM_FIELDS)
    return _form_write(
        request, db, principal, project_id, "team", "member", data,
        lambda: team.add_member(db, principal, project_id, TeamMemberWrite.model_validate(data)),
        "member-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/team/{member_id}/delete")
def remove_member(project_id: Id, member_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    team.remove_member(db, principal, project_id, member_id)
    return redirect(f"/projects/{project_id}?tab=team", "member-removed")


@router.post("/projects/{project_id}/stakeholders")
def add_stakeholder(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.stakeholder(form)
    return _form_write(
        request, db, principal, project_id, "stakeholders", "stakeholder", data,
        lambda: stakeholders.add_stakeholder(
            db, principal, project_id, StakeholderWrite.model_validate(data)
        ),
        "stakeholder-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/stakeholders/{stakeholder_id}/delete")
def remove_stakeholder(
    project_id: Id, stakeholder_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    stakeholders.remove_stakeholder(db, principal, project_id, stakeholder_id)
    return redirect(f"/projects/{project_id}?tab=stakeholders", "stakeholder-removed")


@router.post("/projects/{project_id}/constraints")
def add_constraint(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.constraint(form)
    return _form_write(
        request, db, principal, project_id, "constraints", "constraint", data,
        lambda: constraints.add_constraint(
            db, principal, project_id, ConstraintWrite.model_validate(data)
        ),
        "constraint-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/constraints/{constraint_id}/delete")
def remove_constraint(
    project_id: Id, constraint_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    constraints.remove_constraint(db, principal, project_id, constraint_id)
    return redirect(f"/projects/{project_id}?tab=constraints", "constraint-removed")
