"""The issues and conflicts tab's forms: record, edit, move (negotiate, resolve with the
customer's agreement, close), remove. Each goes through the conflicts service; a refused form
comes back on the tab with its messages, a refused move with its reason."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.forms import PostedForm
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.conflicts import forms, service
from pcrm.projects.conflicts.schemas import ConflictMove, ConflictUpdate, ConflictWrite
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
TAB = "conflicts"


@router.post("/projects/{project_id}/conflicts")
def add_conflict(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.conflict(form)
    return form_write(
        request, db, principal, project_id, TAB, "conflict", data,
        lambda: service.add_conflict(db, principal, project_id, ConflictWrite.model_validate(data)),
        "conflict-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/conflicts/{conflict_id}")
def update_conflict(
    request: Request,
    project_id: Id,
    conflict_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.conflict(form)
    return form_write(
        request, db, principal, project_id, TAB, f"conflict-{conflict_id}", data,
        lambda: service.update_conflict(
            db, principal, project_id, conflict_id, ConflictUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "conflict-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/conflicts/{conflict_id}/status")
def move_conflict(
    request: Request,
    project_id: Id,
    conflict_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.move(form)
    return form_write(
        request, db, principal, project_id, TAB, f"conflict-{conflict_id}-move", data,
        lambda: service.move_conflict(
            db, principal, project_id, conflict_id, ConflictMove.model_validate(data),
            project_forms.version(form),
        ),
        "conflict-moved",
    )  # fmt: skip


@router.post("/projects/{project_id}/conflicts/{conflict_id}/delete")
def remove_conflict(
    request: Request,
    project_id: Id,
    conflict_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"conflict-{conflict_id}-move", {},
        lambda: service.remove_conflict(
            db, principal, project_id, conflict_id, project_forms.version(form)
        ),
        "conflict-removed",
    )  # fmt: skip
