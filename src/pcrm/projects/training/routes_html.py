"""The training tab's forms: the review of the needs, needs (add, mark done or planned,
remove), sessions (add, attendance, remove) and their materials (upload, download, remove).
Each goes through the training service; a refused form comes back on the tab with its
messages. Material uploads are cut off once they pass the size limit."""

from __future__ import annotations

from io import BytesIO
from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from starlette.responses import Response

from pcrm.core.deps import DB
from pcrm.core.forms import PostedForm
from pcrm.core.pages import redirect
from pcrm.core.types import Id
from pcrm.files.public import FileStorage, MaxUploadBytes, attachment, limited_route
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.projects import forms as project_forms
from pcrm.projects.projects.pages import form_write
from pcrm.projects.training import forms, service
from pcrm.projects.training.schemas import (
    AttendanceSheet,
    TrainingNeedUpdate,
    TrainingNeedWrite,
    TrainingReviewWrite,
    TrainingSessionWrite,
)

TAB = "training"


def _too_large_page(request: Request) -> Response:
    project_id = int(request.path_params["project_id"])
    return redirect(f"/projects/{project_id}?tab={TAB}", "material-too-large")


router = APIRouter(include_in_schema=False, route_class=limited_route(_too_large_page))
SESSION = "/projects/{project_id}/training/sessions/{session_id}"


@router.post("/projects/{project_id}/training/review")
def review_needs(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, ("note",))
    return form_write(
        request, db, principal, project_id, TAB, "review", data,
        lambda: service.review_needs(
            db, principal, project_id, TrainingReviewWrite.model_validate(data)
        ),
        "training-reviewed",
    )  # fmt: skip


@router.post("/projects/{project_id}/training/needs")
def add_need(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.fields(form, forms.NEED_FIELDS)
    return form_write(
        request, db, principal, project_id, TAB, "need", data,
        lambda: service.add_need(db, principal, project_id, TrainingNeedWrite.model_validate(data)),
        "need-added",
    )  # fmt: skip


@router.post("/projects/{project_id}/training/needs/{need_id}/status")
def mark_need(
    request: Request,
    project_id: Id,
    need_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.fields(form, ("status",))
    return form_write(
        request, db, principal, project_id, TAB, f"need-{need_id}", data,
        lambda: service.update_need(
            db, principal, project_id, need_id, TrainingNeedUpdate.model_validate(data),
            project_forms.version(form),
        ),
        "need-saved",
    )  # fmt: skip


@router.post("/projects/{project_id}/training/needs/{need_id}/delete")
def remove_need(
    request: Request,
    project_id: Id,
    need_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"need-{need_id}", {},
        lambda: service.remove_need(
            db, principal, project_id, need_id, project_forms.version(form)
        ),
        "need-removed",
    )  # fmt: skip


@router.post("/projects/{project_id}/training/sessions")
def add_session(
    request: Request, project_id: Id, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = forms.session(form)
    return form_write(
        request, db, principal, project_id, TAB, "session", data,
        lambda: service.add_session(
            db, principal, project_id, TrainingSessionWrite.model_validate(data)
        ),
        "session-added",
    )  # fmt: skip


@router.post(SESSION + "/attendance")
def record_attendance(
    request: Request,
    project_id: Id,
    session_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = forms.attendance(form)
    return form_write(
        request, db, principal, project_id, TAB, f"session-{session_id}", data,
        lambda: service.record_attendance(
            db, principal, project_id, session_id, AttendanceSheet.model_validate(data)
        ),
        "attendance-saved",
    )  # fmt: skip


@router.post(SESSION + "/delete")
def remove_session(
    request: Request,
    project_id: Id,
    session_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
    form: PostedForm,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"session-{session_id}", {},
        lambda: service.remove_session(
            db, principal, project_id, session_id, storage, project_forms.version(form)
        ),
        "session-removed",
    )  # fmt: skip


@router.post(SESSION + "/materials")
def add_material(
    request: Request,
    project_id: Id,
    session_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    return form_write(
        request, db, principal, project_id, TAB, f"material-{session_id}", {},
        lambda: service.add_material(
            db, principal, project_id, session_id,
            file.filename if file is not None else None,
            file.file if file is not None else BytesIO(),
            storage, max_bytes,
        ),
        "material-added",
    )  # fmt: skip


@router.get(SESSION + "/materials/{file_id}")
def download_material(
    project_id: Id,
    session_id: Id,
    file_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
) -> Response:
    return attachment(
        service.open_material(db, principal, project_id, session_id, file_id, storage)
    )


@router.post(SESSION + "/materials/{file_id}/delete")
def remove_material(
    project_id: Id,
    session_id: Id,
    file_id: Id,
    db: DB,
    principal: CurrentPrincipal,
    storage: FileStorage,
) -> Response:
    service.remove_material(db, principal, project_id, session_id, file_id, storage)
    return redirect(f"/projects/{project_id}?tab={TAB}", "material-removed")
