"""JSON API of a project's SMART goals."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.goals import service
from pcrm.projects.goals.schemas import AchievableConfirmation, GoalRead, GoalUpdate, GoalWrite

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get(
    "/projects/{project_id}/goals",
    summary="The project's SMART goals, by deadline, each with the SMART letters it misses",
)
def goals(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[GoalRead]:
    return service.goals(db, principal, project_id)


@router.post(
    "/projects/{project_id}/goals",
    status_code=status.HTTP_201_CREATED,
    summary="Add a goal",
)
def add_goal(
    project_id: Id, data: GoalWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> GoalRead:
    added = service.add_goal(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/projects/{project_id}/goals/{goal_id}",
    summary="Change a goal (If-Match); changing what is measured withdraws its confirmation",
)
def update_goal(
    project_id: Id,
    goal_id: Id,
    data: GoalUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> GoalRead:
    changed = service.update_goal(
        db, principal, project_id, goal_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.put(
    "/projects/{project_id}/goals/{goal_id}/achievable",
    summary="Record (or withdraw) that the goal is confirmed achievable (If-Match)",
)
def confirm_achievable(
    project_id: Id,
    goal_id: Id,
    data: AchievableConfirmation,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> GoalRead:
    changed = service.confirm_achievable(
        db, principal, project_id, goal_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/goals/{goal_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a goal (If-Match)",
)
def remove_goal(
    project_id: Id,
    goal_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    service.remove_goal(db, principal, project_id, goal_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
