"""JSON API of the project team and the workload across projects."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.team import service
from pcrm.projects.team.schemas import (
    TeamMemberRead,
    TeamMemberUpdate,
    TeamMemberWrite,
    Workload,
    WorkloadQuery,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get("/projects/workload", summary="Allocation per person and week across projects")
def workload(
    principal: CurrentPrincipal, db: DB, query: Annotated[WorkloadQuery, Query()]
) -> Workload:
    return service.workload(db, principal, query.start, query.weeks, query.role)


@router.get("/projects/{project_id}/team", summary="The project's team")
def team(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[TeamMemberRead]:
    return service.team(db, principal, project_id)


@router.post(
    "/projects/{project_id}/team",
    status_code=status.HTTP_201_CREATED,
    summary="Put one of our people on the team",
)
def add_member(
    project_id: Id, data: TeamMemberWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> TeamMemberRead:
    member = service.add_member(db, principal, project_id, data)
    tag(response, member.version)
    return member


@router.patch("/projects/{project_id}/team/{member_id}", summary="Change a member (If-Match)")
def update_member(
    project_id: Id,
    member_id: Id,
    data: TeamMemberUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> TeamMemberRead:
    member = service.update_member(
        db, principal, project_id, member_id, data, expected_version(if_match)
    )
    tag(response, member.version)
    return member


@router.delete(
    "/projects/{project_id}/team/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take a member off the team",
)
def remove_member(
    project_id: Id, member_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_member(db, principal, project_id, member_id, expected=expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
