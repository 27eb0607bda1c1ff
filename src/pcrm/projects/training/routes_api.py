"""JSON API of the customer's training: needs, sessions (attendance, materials) and the review
of the needs. Material uploads are cut off once they pass the size limit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile, status
from starlette.responses import StreamingResponse

from pcrm.core.deps import DB
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.files.public import (
    FileStorage,
    MaxUploadBytes,
    attachment,
    limited_route,
    refuse_too_large,
)
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.training import service
from pcrm.projects.training.schemas import (
    AttendanceSheet,
    MaterialRead,
    TrainingNeedRead,
    TrainingNeedUpdate,
    TrainingNeedWrite,
    TrainingReviewRead,
    TrainingReviewWrite,
    TrainingSessionRead,
    TrainingSessionUpdate,
    TrainingSessionWrite,
)

router = APIRouter(prefix="/api/v1", tags=["projects"], route_class=limited_route(refuse_too_large))
NEEDS = "/projects/{project_id}/training-needs"
SESSIONS = "/projects/{project_id}/training-sessions"


@router.get(NEEDS, summary="Who of the customer needs which training, planned first")
def needs(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[TrainingNeedRead]:
    return service.needs(db, principal, project_id)


@router.post(NEEDS, status_code=status.HTTP_201_CREATED, summary="Record a training need")
def add_need(
    project_id: Id,
    data: TrainingNeedWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> TrainingNeedRead:
    added = service.add_need(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(NEEDS + "/{need_id}", summary="Change a training need (If-Match)")
def update_need(
    project_id: Id,
    need_id: Id,
    data: TrainingNeedUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> TrainingNeedRead:
    changed = service.update_need(
        db, principal, project_id, need_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    NEEDS + "/{need_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a training need (If-Match)",
)
def remove_need(
    project_id: Id, need_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_need(db, principal, project_id, need_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(SESSIONS, summary="Training sessions, latest first, with attendees and materials")
def sessions(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[TrainingSessionRead]:
    return service.sessions(db, principal, project_id)


@router.post(SESSIONS, status_code=status.HTTP_201_CREATED, summary="Plan or record a session")
def add_session(
    project_id: Id,
    data: TrainingSessionWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> TrainingSessionRead:
    added = service.add_session(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(SESSIONS + "/{session_id}", summary="Change a session (If-Match)")
def update_session(
    project_id: Id,
    session_id: Id,
    data: TrainingSessionUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> TrainingSessionRead:
    changed = service.update_session(
        db, principal, project_id, session_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    SESSIONS + "/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a session with its attendees and materials (If-Match)",
)
def remove_session(
    project_id: Id,
    session_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    storage: FileStorage,
    if_match: IfMatch = None,
) -> Response:
    service.remove_session(
        db, principal, project_id, session_id, storage, expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    SESSIONS + "/{session_id}/attendance",
    summary="Record who came (a person not invited yet is added)",
)
def record_attendance(
    project_id: Id,
    session_id: Id,
    data: AttendanceSheet,
    principal: CurrentPrincipal,
    db: DB,
) -> TrainingSessionRead:
    return service.record_attendance(db, principal, project_id, session_id, data)


@router.post(
    SESSIONS + "/{session_id}/materials",
    status_code=status.HTTP_201_CREATED,
    summary="Keep a training material (multipart `file`)",
    description="Accepted, by content: PDF, Word, Excel and PowerPoint, PNG, JPEG, UTF-8 text "
    "and ZIP, up to the configured size limit (PCRM_MAX_UPLOAD_MB).",
)
def add_material(
    project_id: Id,
    session_id: Id,
    file: Annotated[UploadFile, File(description="The file")],
    principal: CurrentPrincipal,
    db: DB,
    storage: FileStorage,
    max_bytes: MaxUploadBytes,
) -> MaterialRead:
    return service.add_material(
        db, principal, project_id, session_id, file.filename, file.file, storage, max_bytes
    )


@router.get(
    SESSIONS + "/{session_id}/materials/{file_id}",
    summary="Download a training material (as an attachment)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "The file"}},
)
def download_material(
    project_id: Id,
    session_id: Id,
    file_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    storage: FileStorage,
) -> StreamingResponse:
    return attachment(
        service.open_material(db, principal, project_id, session_id, file_id, storage)
    )


@router.delete(
    SESSIONS + "/{session_id}/materials/{file_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a training material",
)
def remove_material(
    project_id: Id,
    session_id: Id,
    file_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    storage: FileStorage,
) -> Response:
    service.remove_material(db, principal, project_id, session_id, file_id, storage)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/projects/{project_id}/training-reviews",
    summary="The reviews of the training needs, newest first",
)
def reviews(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[TrainingReviewRead]:
    return service.reviews(db, principal, project_id)


@router.post(
    "/projects/{project_id}/training-reviews",
    status_code=status.HTTP_201_CREATED,
    summary="Record that the training needs were reviewed (the planning gate asks for it)",
)
def review_needs(
    project_id: Id, data: TrainingReviewWrite, principal: CurrentPrincipal, db: DB
) -> TrainingReviewRead:
    return service.review_needs(db, principal, project_id, data)
