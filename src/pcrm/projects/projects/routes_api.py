"""JSON API of projects: the list and the board by phase, create, read, change, the customer's
liaison, status actions, the customer's termination, the phase and its gate, the history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.types import Id
from pcrm.identity.public import AuditEntryRead, CurrentPrincipal, record_history
from pcrm.projects.projects import service
from pcrm.projects.projects.schemas import (
    GateBlocker,
    LiaisonAppointment,
    PhaseAdvance,
    PhaseColumn,
    ProjectCreate,
    ProjectDetail,
    ProjectQuery,
    ProjectRead,
    ProjectUpdate,
    StatusMove,
    Termination,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


def _detail(
    db: DB, principal: CurrentPrincipal, project_id: Id, response: Response
) -> ProjectDetail:
    detail = service.project_detail(db, principal, project_id)
    tag(response, detail.version)
    return detail


@router.get("/projects", summary="List projects with filters, sorting and pages")
def list_projects(
    principal: CurrentPrincipal, db: DB, query: Annotated[ProjectQuery, Query()]
) -> Page[ProjectRead]:
    return service.list_projects(
        db,
        principal,
        service.filters_of(query),
        PageRequest(query.page, query.page_size),
        query.sort,
    )


@router.get("/projects/board", summary="The board by phase: count and first cards per phase")
def board(
    principal: CurrentPrincipal, db: DB, query: Annotated[ProjectQuery, Query()]
) -> list[PhaseColumn]:
    return service.board(db, principal, service.filters_of(query))


@router.post("/projects", status_code=status.HTTP_201_CREATED, summary="Create a project directly")
def create_project(
    data: ProjectCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> ProjectDetail:
    created = service.create_project(db, principal, data)
    response.headers["Location"] = f"/api/v1/projects/{created.id}"
    return _detail(db, principal, created.id, response)


@router.get("/projects/{project_id}", summary="A project with its documents, phases and gate")
def get_project(
    project_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> ProjectDetail:
    return _detail(db, principal, project_id, response)


@router.patch("/projects/{project_id}", summary="Change a project (If-Match)")
def update_project(
    project_id: Id,
    data: ProjectUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ProjectDetail:
    service.update_project(db, principal, project_id, data, expected_version(if_match))
    return _detail(db, principal, project_id, response)


@router.put("/projects/{project_id}/liaison", summary="Record the customer's liaison")
def appoint_liaison(
    project_id: Id,
    data: LiaisonAppointment,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ProjectDetail:
    service.appoint_liaison(db, principal, project_id, data, expected_version(if_match))
    return _detail(db, principal, project_id, response)


@router.post("/projects/{project_id}/status", summary="Start, hold, resume, close or archive")
def move_status(
    project_id: Id,
    data: StatusMove,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ProjectDetail:
    service.move_status(db, principal, project_id, data, expected_version(if_match))
    return _detail(db, principal, project_id, response)


@router.post(
    "/projects/{project_id}/termination",
    summary="The customer ends the project early (it is archived)",
)
def terminate(
    project_id: Id,
    data: Termination,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ProjectDetail:
    service.terminate(db, principal, project_id, data, expected_version(if_match))
    return _detail(db, principal, project_id, response)


@router.get("/projects/{project_id}/gate", summary="What blocks the exit of the current phase")
def gate(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[GateBlocker]:
    return service.project_detail(db, principal, project_id).gate_blockers


@router.post(
    "/projects/{project_id}/phase",
    summary="Move to the next phase (an administrator may pass a blocked gate with a reason)",
)
def advance_phase(
    project_id: Id,
    data: PhaseAdvance,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ProjectDetail:
    service.advance_phase(db, principal, project_id, data, expected_version(if_match))
    return _detail(db, principal, project_id, response)


@router.get("/projects/{project_id}/history", summary="The project's audit trail")
def history(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[AuditEntryRead]:
    service.get_project(db, principal, project_id)
    return record_history(db, principal, "project", project_id)
