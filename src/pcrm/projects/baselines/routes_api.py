"""JSON API of baselines and the customer's sign-offs."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.baselines import service
from pcrm.projects.baselines.schemas import (
    BaselineCreate,
    BaselineDetail,
    BaselineRead,
    SignOffCreate,
    SignOffRead,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get("/projects/{project_id}/baselines", summary="A project's baselines, newest first")
def list_baselines(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[BaselineRead]:
    return [
        BaselineRead.model_validate(b) for b in service.list_baselines(db, principal, project_id)
    ]


@router.post(
    "/projects/{project_id}/baselines/requirements",
    status_code=status.HTTP_201_CREATED,
    summary="Send the requirements to the customer for sign-off (the next baseline version)",
    responses={409: {"description": "A clarification is open, or there is no requirement."}},
)
def send_requirements(
    project_id: Id,
    data: BaselineCreate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> BaselineDetail:
    baseline = service.send_requirements_for_sign_off(db, principal, project_id, data)
    tag(response, baseline.version, f"/api/v1/baselines/{baseline.id}")
    return BaselineDetail.model_validate(baseline)


@router.get("/baselines/{baseline_id}", summary="One baseline with its content")
def get_baseline(
    baseline_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> BaselineDetail:
    baseline = service.get_baseline(db, principal, baseline_id)
    tag(response, baseline.version)
    return BaselineDetail.model_validate(baseline)


@router.get("/baselines/{baseline_id}/sign-offs", summary="The customer's decisions on a baseline")
def list_sign_offs(baseline_id: Id, principal: CurrentPrincipal, db: DB) -> list[SignOffRead]:
    return [
        SignOffRead.model_validate(s)
        for s in service.baseline_sign_offs(db, principal, baseline_id)
    ]


@router.post(
    "/baselines/{baseline_id}/sign-offs",
    status_code=status.HTTP_201_CREATED,
    summary="Record an approver's decision given on the customer's side",
    responses={409: {"description": "The version is no longer the one under review."}},
)
def record_sign_off(
    baseline_id: Id,
    data: SignOffCreate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> SignOffRead:
    sign_off = service.record_sign_off(db, principal, baseline_id, data)
    response.headers["Location"] = f"/api/v1/baselines/{baseline_id}/sign-offs"
    return SignOffRead.model_validate(sign_off)
