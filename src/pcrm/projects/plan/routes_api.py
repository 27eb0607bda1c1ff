"""JSON API of the plan: tasks, dependencies, buffers, deliverables, the constraint check, the
plan baseline sent for the customer's approval, and the Gantt data with the critical path."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.baselines.schemas import BaselineDetail
from pcrm.projects.deliverables import service as acceptance
from pcrm.projects.deliverables.schemas import DeliverableDetail
from pcrm.projects.plan import service
from pcrm.projects.plan.approval import service as approval
from pcrm.projects.plan.gantt import service as gantt
from pcrm.projects.plan.schemas import (
    Breach,
    BufferRead,
    BufferUpdate,
    BufferWrite,
    DeliverableRead,
    DeliverableUpdate,
    DeliverableWrite,
    DependencyCreate,
    DependencyRead,
    DependencyUpdate,
    Gantt,
    PlanBaselineCreate,
    TaskCreate,
    TaskRead,
    TaskUpdate,
    Variance,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.get("/projects/{project_id}/tasks", summary="The plan's tasks")
def list_tasks(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[TaskRead]:
    return service.tasks(db, principal, project_id)


@router.post(
    "/projects/{project_id}/tasks",
    status_code=status.HTTP_201_CREATED,
    summary="Add a task",
)
def add_task(
    project_id: Id, data: TaskCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> TaskRead:
    added = service.add_task(db, principal, project_id, data)
    tag(response, added.version, f"/api/v1/projects/{project_id}/tasks/{added.id}")
    return added


@router.patch("/projects/{project_id}/tasks/{task_id}", summary="Change a task (If-Match)")
def update_task(
    project_id: Id,
    task_id: Id,
    data: TaskUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> TaskRead:
    changed = service.update_task(
        db, principal, project_id, task_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/tasks/{task_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a task (If-Match)",
)
def remove_task(
    project_id: Id, task_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_task(db, principal, project_id, task_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/projects/{project_id}/dependencies", summary="The plan's dependencys")
def list_dependencys(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[DependencyRead]:
    return service.dependencies(db, principal, project_id)


@router.post(
    "/projects/{project_id}/dependencies",
    status_code=status.HTTP_201_CREATED,
    summary="Add a dependency",
    responses={409: {"description": "The two tasks are already linked."}},
)
def add_dependency(
    project_id: Id, data: DependencyCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> DependencyRead:
    added = service.add_dependency(db, principal, project_id, data)
    tag(response, added.version, f"/api/v1/projects/{project_id}/dependencies/{added.id}")
    return added


@router.patch(
    "/projects/{project_id}/dependencies/{dependency_id}", summary="Change a dependency (If-Match)"
)
def update_dependency(
    project_id: Id,
    dependency_id: Id,
    data: DependencyUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> DependencyRead:
    changed = service.update_dependency(
        db, principal, project_id, dependency_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/dependencies/{dependency_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a dependency (If-Match)",
)
def remove_dependency(
    project_id: Id, dependency_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_dependency(db, principal, project_id, dependency_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/projects/{project_id}/buffers", summary="The plan's buffers")
def list_buffers(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[BufferRead]:
    return service.buffers(db, principal, project_id)


@router.post(
    "/projects/{project_id}/buffers",
    status_code=status.HTTP_201_CREATED,
    summary="Add a buffer",
)
def add_buffer(
    project_id: Id, data: BufferWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> BufferRead:
    added = service.add_buffer(db, principal, project_id, data)
    tag(response, added.version, f"/api/v1/projects/{project_id}/buffers/{added.id}")
    return added


@router.patch("/projects/{project_id}/buffers/{buffer_id}", summary="Change a buffer (If-Match)")
def update_buffer(
    project_id: Id,
    buffer_id: Id,
    data: BufferUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> BufferRead:
    changed = service.update_buffer(
        db, principal, project_id, buffer_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/buffers/{buffer_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a buffer (If-Match)",
)
def remove_buffer(
    project_id: Id, buffer_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_buffer(db, principal, project_id, buffer_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/projects/{project_id}/deliverables",
    summary="The plan's deliverables with their acceptance status, standards and inspections",
)
def list_deliverables(
    project_id: Id, principal: CurrentPrincipal, db: DB
) -> list[DeliverableDetail]:
    return acceptance.deliverables(db, principal, project_id)


@router.post(
    "/projects/{project_id}/deliverables",
    status_code=status.HTTP_201_CREATED,
    summary="Add a deliverable",
)
def add_deliverable(
    project_id: Id, data: DeliverableWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> DeliverableRead:
    added = service.add_deliverable(db, principal, project_id, data)
    tag(response, added.version, f"/api/v1/projects/{project_id}/deliverables/{added.id}")
    return added


@router.patch(
    "/projects/{project_id}/deliverables/{deliverable_id}",
    summary="Change a deliverable (If-Match)",
)
def update_deliverable(
    project_id: Id,
    deliverable_id: Id,
    data: DeliverableUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> DeliverableRead:
    changed = service.update_deliverable(
        db, principal, project_id, deliverable_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/deliverables/{deliverable_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a deliverable (If-Match)",
)
def remove_deliverable(
    project_id: Id,
    deliverable_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    service.remove_deliverable(
        db, principal, project_id, deliverable_id, expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/projects/{project_id}/gantt",
    summary="The Gantt: tasks with float, links, critical path, buffers and the approved baseline",
    response_model=Gantt,
)
def get_gantt(project_id: Id, principal: CurrentPrincipal, db: DB) -> Response:
    # plain values serialized once here: models for 5,000 items (and FastAPI validating them
    # again on the way out) cost more than the rest of the request
    body = gantt.gantt_json(db, principal, project_id)
    return Response(content=body, media_type="application/json")


@router.get(
    "/projects/{project_id}/plan/variance",
    summary="The schedule variance against the approved plan baseline",
)
def get_variance(project_id: Id, principal: CurrentPrincipal, db: DB) -> Variance:
    return gantt.variance(db, principal, project_id)


@router.get(
    "/projects/{project_id}/plan/breaches",
    summary="The customer's hard constraints the plan breaks (to acknowledge before sending)",
)
def get_breaches(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[Breach]:
    return approval.breaches(db, principal, project_id)


@router.post(
    "/projects/{project_id}/baselines/plan",
    status_code=status.HTTP_201_CREATED,
    summary="Send the plan to the customer for approval (the next plan baseline version)",
    responses={
        409: {"description": "The plan has no task."},
        422: {"description": "A broken hard constraint is not acknowledged with a reason."},
    },
)
def send_plan(
    project_id: Id,
    data: PlanBaselineCreate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> BaselineDetail:
    baseline = approval.send_plan_for_approval(db, principal, project_id, data)
    tag(response, baseline.version, f"/api/v1/baselines/{baseline.id}")
    return BaselineDetail.model_validate(baseline)
