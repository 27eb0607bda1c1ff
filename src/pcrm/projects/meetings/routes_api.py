"""JSON API of a project's meetings and their action items."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.meetings import service
from pcrm.projects.meetings.schemas import (
    ActionRead,
    ActionUpdate,
    ActionWrite,
    MeetingRead,
    MeetingUpdate,
    MeetingWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get(
    "/projects/{project_id}/meetings",
    summary="The project's meetings, newest first, with attendees and action items",
)
def meetings(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[MeetingRead]:
    return service.meetings(db, principal, project_id)


@router.post(
    "/projects/{project_id}/meetings", status_code=status.HTTP_201_CREATED, summary="Add a meeting"
)
def add_meeting(
    project_id: Id, data: MeetingWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> MeetingRead:
    added = service.add_meeting(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/projects/{project_id}/meetings/{meeting_id}",
    summary="Change a meeting: agenda, minutes, decisions, attendees (If-Match)",
)
def update_meeting(
    project_id: Id,
    meeting_id: Id,
    data: MeetingUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingRead:
    changed = service.update_meeting(
        db, principal, project_id, meeting_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(
    "/projects/{project_id}/meetings/{meeting_id}/next",
    status_code=status.HTTP_201_CREATED,
    summary="Create the next meeting of a recurring series from this one (If-Match)",
)
def next_meeting(
    project_id: Id,
    meeting_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> MeetingRead:
    created = service.next_meeting(
        db, principal, project_id, meeting_id, expected_version(if_match)
    )
    tag(response, created.version)
    return created


@router.delete(
    "/projects/{project_id}/meetings/{meeting_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a meeting with its action items (If-Match)",
)
def remove_meeting(
    project_id: Id, meeting_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_meeting(db, principal, project_id, meeting_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/projects/{project_id}/meetings/{meeting_id}/actions",
    status_code=status.HTTP_201_CREATED,
    summary="Add an action item (its owner gets a reminder on the due day)",
)
def add_action(
    project_id: Id,
    meeting_id: Id,
    data: ActionWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> ActionRead:
    added = service.add_action(db, principal, project_id, meeting_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/projects/{project_id}/meeting-actions/{action_id}",
    summary="Change an action item or mark it done (If-Match)",
)
def update_action(
    project_id: Id,
    action_id: Id,
    data: ActionUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ActionRead:
    changed = service.update_action(
        db, principal, project_id, action_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/meeting-actions/{action_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an action item (If-Match)",
)
def remove_action(
    project_id: Id, action_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_action(db, principal, project_id, action_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
