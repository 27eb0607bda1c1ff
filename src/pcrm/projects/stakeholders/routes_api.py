"""JSON API of the stakeholder register."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.stakeholders import service
from pcrm.projects.stakeholders.schemas import (
    StakeholderRead,
    StakeholderUpdate,
    StakeholderWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get(
    "/projects/{project_id}/stakeholders",
    summary="The stakeholder register with grid quadrant and last contact",
)
def register(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[StakeholderRead]:
    return service.register(db, principal, project_id)


@router.post(
    "/projects/{project_id}/stakeholders",
    status_code=status.HTTP_201_CREATED,
    summary="Add a customer person to the register",
)
def add_stakeholder(
    project_id: Id,
    data: StakeholderWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> StakeholderRead:
    added = service.add_stakeholder(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/projects/{project_id}/stakeholders/{stakeholder_id}",
    summary="Change a stakeholder (If-Match)",
)
def update_stakeholder(
    project_id: Id,
    stakeholder_id: Id,
    data: StakeholderUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> StakeholderRead:
    changed = service.update_stakeholder(
        db, principal, project_id, stakeholder_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/stakeholders/{stakeholder_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take a person off the register",
)
def remove_stakeholder(
    project_id: Id,
    stakeholder_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    service.remove_stakeholder(
        db, principal, project_id, stakeholder_id, expected=expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
