"""JSON API of requirements and clarifications."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.requirements import service
from pcrm.projects.requirements.schemas import (
    ClarificationCreate,
    ClarificationRead,
    ClarificationUpdate,
    RequirementCreate,
    RequirementRead,
    RequirementUpdate,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get("/projects/{project_id}/requirements", summary="A project's requirements")
def list_requirements(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[RequirementRead]:
    return [
        RequirementRead.model_validate(r)
        for r in service.list_requirements(db, principal, project_id)
    ]


@router.post(
    "/projects/{project_id}/requirements",
    status_code=status.HTTP_201_CREATED,
    summary="Add a requirement",
)
def create_requirement(
    project_id: Id,
    data: RequirementCreate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> RequirementRead:
    requirement = service.create_requirement(db, principal, project_id, data)
    tag(response, requirement.version, f"/api/v1/requirements/{requirement.id}")
    return RequirementRead.model_validate(requirement)


@router.get("/requirements/{requirement_id}", summary="One requirement")
def get_requirement(
    requirement_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> RequirementRead:
    requirement = service.get_requirement(db, principal, requirement_id)
    tag(response, requirement.version)
    return RequirementRead.model_validate(requirement)


@router.patch("/requirements/{requirement_id}", summary="Change a requirement")
def update_requirement(
    requirement_id: Id,
    data: RequirementUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> RequirementRead:
    requirement = service.update_requirement(
        db, principal, requirement_id, data, expected_version(if_match)
    )
    tag(response, requirement.version)
    return RequirementRead.model_validate(requirement)


@router.get("/projects/{project_id}/clarifications", summary="A project's clarifications")
def list_clarifications(
    project_id: Id, principal: CurrentPrincipal, db: DB
) -> list[ClarificationRead]:
    return [
        ClarificationRead.model_validate(c)
        for c in service.list_clarifications(db, principal, project_id)
    ]


@router.post(
    "/requirements/{requirement_id}/clarifications",
    status_code=status.HTTP_201_CREATED,
    summary="Ask the customer a question on a requirement",
)
def create_clarification(
    requirement_id: Id,
    data: ClarificationCreate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> ClarificationRead:
    clarification = service.create_clarification(db, principal, requirement_id, data)
    tag(response, clarification.version, f"/api/v1/clarifications/{clarification.id}")
    return ClarificationRead.model_validate(clarification)


@router.patch(
    "/clarifications/{clarification_id}",
    summary="Record the answer to a clarification, change or withdraw it",
)
def update_clarification(
    clarification_id: Id,
    data: ClarificationUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ClarificationRead:
    clarification = service.update_clarification(
        db, principal, clarification_id, data, expected_version(if_match)
    )
    tag(response, clarification.version)
    return ClarificationRead.model_validate(clarification)
