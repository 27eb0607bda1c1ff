"""The plan tab's forms: tasks, links, buffers, deliverables, sending the plan for the
customer's approval (with the acknowledgement of broken hard constraints) and recording the
customer's decision. Each posts to the same service as the API and comes back to the tab."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import Conflict
from pcrm.core.forms import PostedForm, attempt
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale, redirect
from pcrm.core.templating import is_htmx, render
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal, Permission
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.schemas import SignOffCreate
from pcrm.projects.plan import pages, service
from pcrm.projects.plan.approval import service as approval
from pcrm.projects.plan.schemas import (
    BufferWrite,
    DeliverableWrite,
    DependencyCreate,
    PlanBaselineCreate,
    TaskCreate,
    TaskUpdate,
)
from pcrm.projects.projects import forms
from pcrm.projects.projects import pages as project_pages

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
TAB = "plan"
PAGE = "projects/project.html"
TASK_FIELDS = (
    "name",
    "parent_id",
    "phase",
    "owner_id",
    "start_on",
    "end_on",
    "duration_days",
    "progress",
)
TASK_EDIT_FIELDS = ("name", "start_on", "end_on", "progress")
EDIT_ROW = "plan/_task_edit.html"
OPTIONS = "plan/_task_options.html"


_form_write = project_pages.form_write


def _task(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    data = forms.fields(form, names)
    if "is_milestone" in form or "task_form" in form:
        data["is_milestone"] = form.get("is_milestone") == "on"
    return data


@router.post("/projects/{project_id}/plan/tasks")
def add_task(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = _task(form, TASK_FIELDS)
    return _form_write(
        request, db, principal, project_id, TAB, "task", data,
        lambda: service.add_task(db, principal, project_id, TaskCreate.model_validate(data)),
        "task-added",
    )  # fmt: skip


@router.get("/projects/{project_id}/plan/tasks/lookup")
def task_lookup(request: Request, project_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    """A task picker's choices: at most 20 tasks of the project by WBS number or name."""
    context = pages.task_lookup(db, principal, project_id, request.query_params)
    return render(request, OPTIONS, context)


@router.get("/projects/{project_id}/plan/tasks/{task_id}/edit")
def edit_task(
    request: Request, project_id: Id, task_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    """A task's edit form: in place of its row for HTMX, else in the tab's table."""
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    back = pages.kept_query(request.query_params)
    service.task(db, principal, project_id, task_id)  # another project's or workspace's: 404
    if is_htmx(request):
        context = pages.edit_row(db, principal, project_id, task_id, locale, back=back)
        return render(request, EDIT_ROW, context)
    target = f"/projects/{project_id}?tab={TAB}&edit={task_id}"
    return RedirectResponse(f"{target}&{back}" if back else target, status_code=303)


def _task_edit(form: FormData) -> dict[str, Any]:
    """The edit form's fields; a blank parent, phase or owner clears it."""
    data = forms.fields(form, TASK_EDIT_FIELDS)
    for key in ("parent_id", "phase", "owner_id"):
        data[key] = forms.text(form, key) or None
    data["is_milestone"] = form.get("is_milestone") == "on"
    return data


@router.post("/projects/{project_id}/plan/tasks/{task_id}")
def update_task(
    request: Request,
    project_id: Id,
    task_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    """Save a task's edit form: back to the tab's page it came from, or the form again with
    its messages (422 bad input, 412 changed by someone else since), nothing written."""
    principal.require(Permission.WRITE_PROJECTS)
    locale = page_locale(request)
    service.task(db, principal, project_id, task_id)  # 404 before anything else
    data = _task_edit(form)
    back = pages.kept_query(dict(parse_qsl(forms.text(form, "back"))) if "back" in form else {})
    tab = f"/projects/{project_id}?tab={TAB}" + (f"&{back}" if back else "")
    try:
        outcome = attempt(
            db,
            locale,
            lambda: service.update_task(
                db, principal, project_id, task_id, TaskUpdate.model_validate(data),
                forms.version(form),
            ),
        )  # fmt: skip
    except Conflict as exc:
        db.rollback()
        if is_htmx(request):  # a 409 is not swapped: reload the tab, which shows why
            return Response(status_code=204, headers={"HX-Redirect": tab})
        context = project_pages.project_page(
            db, principal, project_id, TAB, locale, None, problem=translate(locale, exc.detail)
        )
        return render(request, PAGE, context, status_code=409)
    if outcome.ok:
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": f"{tab}&notice=saved"})
        return redirect(tab, "saved")
    values = forms.echo(data | {k: v or "" for k, v in data.items() if v is None})
    if is_htmx(request):
        row = pages.edit_row(
            db, principal, project_id, task_id, locale, values, outcome.errors, back
        )
        return render(request, EDIT_ROW, row, status_code=outcome.status)
    context = project_pages.project_page(
        db, principal, project_id, TAB, locale, None, params=dict(parse_qsl(back))
    )
    context["edit"] = pages.edit_row(
        db, principal, project_id, task_id, locale, values, outcome.errors, back
    )
    context["editing"] = str(task_id)
    return render(request, PAGE, context, status_code=outcome.status)


@router.post("/projects/{project_id}/plan/tasks/{task_id}/delete")
def remove_task(
    request: Request,
    project_id: Id,
    task_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return _form_write(
        request, db, principal, project_id, TAB, "remove", {},
        lambda: service.remove_task(db, principal, project_id, task_id, forms.version(form)),
        "task-removed",
    )  # fmt: skip


@router.post("/projects/{project_id}/plan/dependencies")
def add_dependency(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, ("predecessor_id", "successor_id", "lag_days"))
    return _form_write(
        request, db, principal, project_id, TAB, "dependency", data,
        lambda: service.add_dependency(
            db, principal, project_id, DependencyCreate.model_validate(data)
        ),
        "dependency-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/plan/dependencies/{dependency_id}/delete")
def remove_dependency(
    project_id: Id, dependency_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    service.remove_dependency(db, principal, project_id, dependency_id)
    return redirect(f"/projects/{project_id}?tab={TAB}", "dependency-removed")


@router.post("/projects/{project_id}/plan/buffers")
def add_buffer(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, ("phase", "days", "note"))
    return _form_write(
        request, db, principal, project_id, TAB, "buffer", data,
        lambda: service.add_buffer(db, principal, project_id, BufferWrite.model_validate(data)),
        "buffer-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/plan/buffers/{buffer_id}/delete")
def remove_buffer(project_id: Id, buffer_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.remove_buffer(db, principal, project_id, buffer_id)
    return redirect(f"/projects/{project_id}?tab={TAB}", "buffer-removed")


@router.post("/projects/{project_id}/plan/deliverables")
def add_deliverable(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, ("name", "description", "milestone_id"))
    data["requirement_ids"] = [v for v in form.getlist("requirement_ids") if isinstance(v, str)]
    return _form_write(
        request, db, principal, project_id, TAB, "deliverable", data,
        lambda: service.add_deliverable(
            db, principal, project_id, DeliverableWrite.model_validate(data)
        ),
        "deliverable-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/plan/deliverables/{deliverable_id}/delete")
def remove_deliverable(
    project_id: Id, deliverable_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    service.remove_deliverable(db, principal, project_id, deliverable_id)
    return redirect(f"/projects/{project_id}?tab={TAB}", "deliverable-removed")


@router.post("/projects/{project_id}/plan/baseline")
def send_plan(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Send the plan; each broken hard constraint comes with its reason field `reason-<id>`."""
    data: dict[str, Any] = forms.fields(form, ("note",))
    data["acknowledgements"] = [
        {"constraint_id": key.removeprefix("reason-"), "reason": value.strip()}
        for key, value in form.multi_items()
        if key.startswith("reason-") and isinstance(value, str) and value.strip()
    ]
    return _form_write(
        request, db, principal, project_id, TAB, "baseline", forms.echo(dict(form)),
        lambda: approval.send_plan_for_approval(
            db, principal, project_id, PlanBaselineCreate.model_validate(data)
        ),
        "plan-sent",
    )  # fmt: skip


@router.post("/projects/{project_id}/plan/baselines/{baseline_id}/sign-off")
def record_decision(
    request: Request,
    project_id: Id,
    baseline_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.fields(
        form, ("stakeholder_id", "baseline_number", "decision", "decided_on", "comment")
    )
    return _form_write(
        request, db, principal, project_id, TAB, "decision", data,
        lambda: baselines.record_project_sign_off(
            db, principal, project_id, baseline_id, SignOffCreate.model_validate(data)
        ),
        "plan-decided",
    )  # fmt: skip
