"""JSON API of the service area: the service hours and calendar, the default SLA targets,
maintenance plans and service requests with their clocks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.pagination import Page
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.service.desk import service as desk
from pcrm.service.desk.schemas import (
    Move,
    NoteRead,
    NoteWrite,
    RequestFilter,
    RequestRead,
    RequestUpdate,
    RequestWrite,
    Respond,
)
from pcrm.service.plans import service as plans
from pcrm.service.plans.schemas import PlanRead, PlanUpdate, PlanWrite
from pcrm.service.sla import service as sla
from pcrm.service.sla.schemas import (
    DayRead,
    DayWrite,
    SettingsRead,
    SettingsUpdate,
    TargetRead,
    TargetWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1/service", tags=["service"])


# --- settings, calendar, default targets -------------------------------------------------------


@router.get("/settings", summary="The service hours and whether China's official calendar applies")
def settings(principal: CurrentPrincipal, db: DB, response: Response) -> SettingsRead:
    found = sla.settings(db, principal)
    tag(response, found.version)
    return found


@router.patch("/settings", summary="Change the service hours (If-Match; owner and admin)")
def update_settings(
    data: SettingsUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> SettingsRead:
    changed = sla.update_settings(db, principal, data, expected_version(if_match))
    tag(response, changed.version)
    return changed


@router.get(
    "/calendar",
    summary="A year's holidays and working days: the official calendar's and the workspace's",
)
def calendar(
    principal: CurrentPrincipal, db: DB, year: Annotated[int, Query(ge=2000, le=2100)]
) -> list[DayRead]:
    return sla.days_of_year(db, principal, year)


@router.post(
    "/calendar",
    status_code=status.HTTP_201_CREATED,
    summary="Set a day off or a working day of the workspace's own (owner and admin)",
)
def add_day(data: DayWrite, principal: CurrentPrincipal, db: DB) -> DayRead:
    return sla.add_day(db, principal, data)


@router.delete(
    "/calendar/{day_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a day of the workspace's own",
)
def remove_day(day_id: Id, principal: CurrentPrincipal, db: DB) -> Response:
    sla.remove_day(db, principal, day_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/targets", summary="The workspace's default SLA targets per priority")
def targets(principal: CurrentPrincipal, db: DB) -> list[TargetRead]:
    return sla.default_targets(db, principal)


@router.put("/targets", summary="Replace the workspace's default SLA targets (owner and admin)")
def set_targets(data: list[TargetWrite], principal: CurrentPrincipal, db: DB) -> list[TargetRead]:
    return sla.set_default_targets(db, principal, data)


# --- maintenance plans ---------------------------------------------------------------------------


@router.get("/plans", summary="Maintenance plans, the latest end first (of one account)")
def list_plans(
    principal: CurrentPrincipal, db: DB, account_id: Annotated[Id | None, Query()] = None
) -> list[PlanRead]:
    return plans.plans(db, principal, account_id)


@router.post("/plans", status_code=status.HTTP_201_CREATED, summary="Add a maintenance plan")
def create_plan(
    data: PlanWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> PlanRead:
    made = plans.create_plan(db, principal, data)
    tag(response, made.version, f"/api/v1/service/plans/{made.id}")
    return made


@router.get("/plans/{plan_id}", summary="A maintenance plan with its targets")
def get_plan(plan_id: Id, principal: CurrentPrincipal, db: DB, response: Response) -> PlanRead:
    found = plans.get_plan(db, principal, plan_id)
    tag(response, found.version)
    return found


@router.patch("/plans/{plan_id}", summary="Change a maintenance plan or its targets (If-Match)")
def update_plan(
    plan_id: Id,
    data: PlanUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> PlanRead:
    changed = plans.update_plan(db, principal, plan_id, data, expected_version(if_match))
    tag(response, changed.version)
    return changed


@router.delete(
    "/plans/{plan_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a maintenance plan (If-Match); its requests keep their due times",
)
def remove_plan(
    plan_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    plans.remove_plan(db, principal, plan_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- service requests ----------------------------------------------------------------------------


@router.get("/requests", summary="The service desk: requests with their SLA clocks, filtered")
def list_requests(
    principal: CurrentPrincipal, db: DB, query: Annotated[RequestFilter, Query()]
) -> Page[RequestRead]:
    return desk.list_requests(db, principal, query)


@router.post("/requests", status_code=status.HTTP_201_CREATED, summary="Record a service request")
def create_request(
    data: RequestWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> RequestRead:
    made = desk.create_request(db, principal, data)
    tag(response, made.version, f"/api/v1/service/requests/{made.id}")
    return made


@router.get("/requests/{request_id}", summary="A service request with its clocks")
def get_request(
    request_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> RequestRead:
    found = desk.get_request(db, principal, request_id)
    tag(response, found.version)
    return found


@router.patch("/requests/{request_id}", summary="Change a service request (If-Match)")
def update_request(
    request_id: Id,
    data: RequestUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> RequestRead:
    changed = desk.update_request(db, principal, request_id, data, expected_version(if_match))
    tag(response, changed.version)
    return changed


@router.post(
    "/requests/{request_id}/response",
    summary="Record the first response to the customer (If-Match): new → in progress",
)
def respond(
    request_id: Id,
    data: Respond,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> RequestRead:
    changed = desk.respond(db, principal, request_id, data, expected_version(if_match))
    tag(response, changed.version)
    return changed


@router.post(
    "/requests/{request_id}/status",
    summary="Resolve, close (with the customer's rating) or reopen a request (If-Match)",
)
def move(
    request_id: Id,
    data: Move,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> RequestRead:
    changed = desk.move(db, principal, request_id, data, expected_version(if_match))
    tag(response, changed.version)
    return changed


@router.get("/requests/{request_id}/notes", summary="The request's notes, oldest first")
def notes(request_id: Id, principal: CurrentPrincipal, db: DB) -> list[NoteRead]:
    return desk.notes(db, principal, request_id)


@router.post(
    "/requests/{request_id}/notes",
    status_code=status.HTTP_201_CREATED,
    summary="Add a note to the request's timeline",
)
def add_note(request_id: Id, data: NoteWrite, principal: CurrentPrincipal, db: DB) -> NoteRead:
    return desk.add_note(db, principal, request_id, data)
