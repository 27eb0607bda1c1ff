"""JSON API of the customer's constraints."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.constraints import service
from pcrm.projects.constraints.schemas import (
    ConstraintRead,
    ConstraintUpdate,
    ConstraintWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get(
    "/projects/{project_id}/constraints",
    summary="The customer's constraints, hard ones first",
)
def constraints(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[ConstraintRead]:
    return service.constraints(db, principal, project_id)


@router.post(
    "/projects/{project_id}/constraints",
    status_code=status.HTTP_201_CREATED,
    summary="Record a constraint the customer sets",
)
def add_constraint(
    project_id: Id,
    data: ConstraintWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> ConstraintRead:
    added = service.add_constraint(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/projects/{project_id}/constraints/{constraint_id}",
    summary="Change a constraint (If-Match)",
)
def update_constraint(
    project_id: Id,
    constraint_id: Id,
    data: ConstraintUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ConstraintRead:
    changed = service.update_constraint(
        db, principal, project_id, constraint_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/constraints/{constraint_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a constraint",
)
def remove_constraint(
    project_id: Id, constraint_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_constraint(
        db, principal, project_id, constraint_id, expected=expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
