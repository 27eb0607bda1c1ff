"""JSON API of a project's issues and conflicts."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.conflicts import service
from pcrm.projects.conflicts.schemas import (
    ConflictMove,
    ConflictRead,
    ConflictUpdate,
    ConflictWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get(
    "/projects/{project_id}/conflicts",
    summary="The project's issues and conflicts, unresolved first",
)
def conflicts(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[ConflictRead]:
    return service.conflicts(db, principal, project_id)


@router.post(
    "/projects/{project_id}/conflicts",
    status_code=status.HTTP_201_CREATED,
    summary="Record an issue or conflict (the project manager is reminded after N days)",
)
def add_conflict(
    project_id: Id, data: ConflictWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> ConflictRead:
    added = service.add_conflict(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/projects/{project_id}/conflicts/{conflict_id}",
    summary="Change an issue or conflict (If-Match)",
)
def update_conflict(
    project_id: Id,
    conflict_id: Id,
    data: ConflictUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ConflictRead:
    changed = service.update_conflict(
        db, principal, project_id, conflict_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(
    "/projects/{project_id}/conflicts/{conflict_id}/status",
    summary="Move an issue or conflict: negotiating, resolved (with the resolution agreed with "
    "the customer), closed (If-Match)",
)
def move_conflict(
    project_id: Id,
    conflict_id: Id,
    data: ConflictMove,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ConflictRead:
    moved = service.move_conflict(
        db, principal, project_id, conflict_id, data, expected_version(if_match)
    )
    tag(response, moved.version)
    return moved


@router.delete(
    "/projects/{project_id}/conflicts/{conflict_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an issue or conflict recorded by mistake (If-Match)",
)
def remove_conflict(
    project_id: Id,
    conflict_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    service.remove_conflict(db, principal, project_id, conflict_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
