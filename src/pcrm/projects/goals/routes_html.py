"""The goals tab's forms: add, edit in place, confirm achievable (or withdraw), remove. Each
goes through the goals service; a refused form comes back on the tab with its messages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.goals import forms, service
from pcrm.projects.goals.schemas import AchievableConfirmation, GoalUpdate, GoalWrite
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
TAB = "goals"


@router.post("/projects/{project_id}/goals")
def add_goal(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.goal(form)
    return form_write(
        request, db, principal, project_id, TAB, "goal", data,
        lambda: service.add_goal(db, principal, project_id, GoalWrite.model_validate(data)),
        "goal-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/goals/{goal_id}")
def update_goal(
    request: Request,
    project_id: Id,
    goal_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.goal(form)
    return form_write(
        request, db, principal, project_id, TAB, f"goal-{goal_id}", data,
        lambda: service.update_goal(
            db, principal, project_id, goal_id, GoalUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "goal-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/goals/{goal_id}/achievable")
def confirm_achievable(
    request: Request,
    project_id: Id,
    goal_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    confirmed = project_forms.text(form, "confirmed") != "false"
    return form_write(
        request, db, principal, project_id, TAB, f"goal-{goal_id}-action", {},
        lambda: service.confirm_achievable(
            db, principal, project_id, goal_id,
            AchievableConfirmation(confirmed=confirmed), project_forms.version(form),
        ),
        "goal-confirmed" if confirmed else "goal-unconfirmed",
    )  # fmt: skip


@router.post("/projects/{project_id}/goals/{goal_id}/delete")
def remove_goal(
    request: Request,
    project_id: Id,
    goal_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"goal-{goal_id}-action", {},
        lambda: service.remove_goal(
            db, principal, project_id, goal_id, project_forms.version(form)
        ),
        "goal-removed",
    )  # fmt: skip
