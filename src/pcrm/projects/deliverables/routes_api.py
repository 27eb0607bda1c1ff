"""JSON API of deliverables' acceptance and quality: one deliverable, the delivery, the
customer's decision (accept, reject, waive; If-Match), standards and inspections. The list with
standards and inspections is the plan's GET /projects/{id}/deliverables, and the plan's routes
keep adding, changing and removing the deliverables themselves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.deliverables import service
from pcrm.projects.deliverables.quality import service as quality
from pcrm.projects.deliverables.schemas import (
    AcceptanceDecision,
    DeliverableDetail,
    Delivery,
    InspectionWrite,
    StandardUpdate,
    StandardWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])
ONE = "/projects/{project_id}/deliverables/{deliverable_id}"
STEP: dict[int | str, dict[str, Any]] = {
    409: {"description": "Not allowed from the deliverable's status, or an archived project."}
}


@router.get(ONE, summary="One deliverable with its acceptance, standards and inspections")
def get_deliverable(
    project_id: Id, deliverable_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> DeliverableDetail:
    found = service.deliverable(db, principal, project_id, deliverable_id)
    tag(response, found.version)
    return found


@router.post(ONE + "/delivery", summary="Deliver it (If-Match): planned or rejected → delivered",
             responses=STEP)  # fmt: skip
def deliver(
    project_id: Id,
    deliverable_id: Id,
    data: Delivery,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> DeliverableDetail:
    done = service.deliver(
        db, principal, project_id, deliverable_id, data, expected_version(if_match)
    )
    tag(response, done.version)
    return done


@router.post(
    ONE + "/decision",
    summary="The customer's decision by an approver stakeholder, signed on a snapshot of the "
    "deliverable as inspected (If-Match): accepted, rejected (findings) or waived (reason)",
    responses=STEP,
)
def decide(
    project_id: Id,
    deliverable_id: Id,
    data: AcceptanceDecision,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> DeliverableDetail:
    done = service.decide(
        db, principal, project_id, deliverable_id, data, expected_version(if_match)
    )
    tag(response, done.version)
    return done


@router.post(
    ONE + "/inspections",
    status_code=status.HTTP_201_CREATED,
    summary="Record a quality inspection (a failed one opens an issue)",
    responses=STEP,
)
def inspect(
    project_id: Id,
    deliverable_id: Id,
    data: InspectionWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> DeliverableDetail:
    done = quality.record_inspection(db, principal, project_id, deliverable_id, data)
    tag(response, done.version)
    return done


@router.post(
    ONE + "/standards",
    status_code=status.HTTP_201_CREATED,
    summary="Add a quality standard",
)
def add_standard(
    project_id: Id,
    deliverable_id: Id,
    data: StandardWrite,
    principal: CurrentPrincipal,
    db: DB,
) -> DeliverableDetail:
    return quality.add_standard(db, principal, project_id, deliverable_id, data)


@router.patch(ONE + "/standards/{standard_id}", summary="Change a quality standard (If-Match)")
def update_standard(
    project_id: Id,
    deliverable_id: Id,
    standard_id: Id,
    data: StandardUpdate,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> DeliverableDetail:
    return quality.update_standard(
        db, principal, project_id, deliverable_id, standard_id, data, expected_version(if_match)
    )


@router.delete(
    ONE + "/standards/{standard_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a quality standard (If-Match)",
)
def remove_standard(
    project_id: Id,
    deliverable_id: Id,
    standard_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    quality.remove_standard(
        db, principal, project_id, deliverable_id, standard_id, expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
