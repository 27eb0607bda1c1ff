"""JSON API of activities: /api/v1/activities."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.accounts.activities import service
from pcrm.accounts.activities.schemas import (
    ActivityCreate,
    ActivityQuery,
    ActivityRead,
    ActivityUpdate,
)
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.pagination import Page
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get("/activities", tags=["activities"], summary="List activities, newest first")
def list_activities(
    principal: CurrentPrincipal, db: DB, query: Annotated[ActivityQuery, Query()]
) -> Page[ActivityRead]:
    return service.list_activities(db, principal, query)


@router.post(
    "/activities",
    tags=["activities"],
    status_code=status.HTTP_201_CREATED,
    summary="Record an activity; a next step with a due date reminds its owner",
)
def create_activity(
    data: ActivityCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> ActivityRead:
    activity = service.create_activity(db, principal, data)
    tag(response, activity.version, f"/api/v1/activities/{activity.id}")
    return service.get_activity(db, principal, activity.id)


@router.get("/activities/{activity_id}", tags=["activities"], summary="One activity")
def get_activity(
    activity_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> ActivityRead:
    activity = service.get_activity(db, principal, activity_id)
    tag(response, activity.version)
    return activity


@router.patch("/activities/{activity_id}", tags=["activities"], summary="Change an activity")
def update_activity(
    activity_id: Id,
    data: ActivityUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ActivityRead:
    activity = service.update_activity(db, principal, activity_id, data, expected_version(if_match))
    tag(response, activity.version)
    return service.get_activity(db, principal, activity.id)


@router.delete(
    "/activities/{activity_id}",
    tags=["activities"],
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Archive an activity",
)
def archive_activity(
    activity_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> None:
    service.archive_activity(db, principal, activity_id, expected=expected_version(if_match))
