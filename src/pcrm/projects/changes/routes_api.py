"""JSON API of a project's change requests (变更请求), their options and the customer's
decision. Every edit and every step takes the record's ETag in If-Match."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.changes import service
from pcrm.projects.changes.decision import service as steps
from pcrm.projects.changes.schemas import (
    ChangeDetail,
    ChangeFigures,
    ChangeList,
    ChangeUpdate,
    ChangeWrite,
    DecisionCreate,
    Implementation,
    OptionRead,
    OptionUpdate,
    OptionWrite,
    SendForDecision,
    Withdrawal,
)
from pcrm.projects.changes.vocab import ChangeState

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])
BASE = "/projects/{project_id}/changes"
ONE = BASE + "/{change_id}"
STEP: dict[int | str, dict[str, Any]] = {
    409: {"description": "The change request is not in a state that allows this step."}
}


def _location(project_id: int, change_id: int) -> str:
    return f"/api/v1/projects/{project_id}/changes/{change_id}"


@router.get(BASE, summary="The project's change requests, newest first, with counts per state")
def list_changes(
    project_id: Id, principal: CurrentPrincipal, db: DB, state: ChangeState | None = None
) -> ChangeList:
    return service.list_changes(db, principal, project_id, state)


@router.get(
    BASE + "/figures",
    summary="Counts of the project's changes: per state, per requirement, approved cost Δ",
)
def change_figures(project_id: Id, principal: CurrentPrincipal, db: DB) -> ChangeFigures:
    return steps.project_figures(db, principal, project_id)


@router.post(BASE, status_code=status.HTTP_201_CREATED, summary="Raise a change request")
def create_change(
    project_id: Id, data: ChangeWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> ChangeDetail:
    created = service.create_change(db, principal, project_id, data)
    tag(response, created.version, _location(project_id, created.id))
    return created


@router.get(ONE, summary="One change request with its options, their impact and the decision")
def get_change(
    project_id: Id, change_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> ChangeDetail:
    found = service.change_detail(db, principal, project_id, change_id)
    tag(response, found.version)
    return found


@router.patch(ONE, summary="Change a change request until it goes to the customer (If-Match)",
              responses=STEP)  # fmt: skip
def update_change(
    project_id: Id,
    change_id: Id,
    data: ChangeUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ChangeDetail:
    changed = service.update_change(
        db, principal, project_id, change_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(
    ONE + "/options",
    status_code=status.HTTP_201_CREATED,
    summary="Add an option (it must have an impact: cost, schedule, quality or a new risk)",
    responses=STEP,
)
def add_option(
    project_id: Id,
    change_id: Id,
    data: OptionWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> OptionRead:
    added = service.add_option(db, principal, project_id, change_id, data)
    tag(response, added.version)
    return added


@router.patch(ONE + "/options/{option_id}", summary="Change an option (If-Match)", responses=STEP)
def update_option(
    project_id: Id,
    change_id: Id,
    option_id: Id,
    data: OptionUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> OptionRead:
    changed = service.update_option(
        db, principal, project_id, change_id, option_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    ONE + "/options/{option_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an option (If-Match)",
    responses=STEP,
)
def remove_option(
    project_id: Id,
    change_id: Id,
    option_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    service.remove_option(
        db, principal, project_id, change_id, option_id, expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(ONE + "/analysis", summary="Mark the impact analysed (If-Match)", responses=STEP)
def analyse(
    project_id: Id,
    change_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ChangeDetail:
    changed = steps.analyse(db, principal, project_id, change_id, expected_version(if_match))
    tag(response, changed.version)
    return changed


@router.post(ONE + "/sending", summary="Send to the customer for a decision (If-Match)",
             responses=STEP)  # fmt: skip
def send_for_decision(
    project_id: Id,
    change_id: Id,
    data: SendForDecision,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ChangeDetail:
    changed = steps.send_for_decision(
        db, principal, project_id, change_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(
    ONE + "/decision",
    status_code=status.HTTP_201_CREATED,
    summary="Record the customer's decision by an approver stakeholder (If-Match); an approval "
    "moves the plan, makes new baselines and moves the budget",
    responses={409: {"description": "Not awaiting a decision, or the option changed since."}},
)
def record_decision(
    project_id: Id,
    change_id: Id,
    data: DecisionCreate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ChangeDetail:
    changed = steps.record_decision(
        db, principal, project_id, change_id, data, expected_version(if_match)
    )
    tag(response, changed.version, _location(project_id, change_id))
    return changed


@router.post(ONE + "/implementation", summary="Mark an approved change implemented (If-Match)",
             responses=STEP)  # fmt: skip
def implement(
    project_id: Id,
    change_id: Id,
    data: Implementation,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ChangeDetail:
    changed = steps.implement(
        db, principal, project_id, change_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.post(ONE + "/withdrawal", summary="Withdraw before the customer decides (If-Match)",
             responses=STEP)  # fmt: skip
def withdraw(
    project_id: Id,
    change_id: Id,
    data: Withdrawal,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ChangeDetail:
    changed = steps.withdraw(db, principal, project_id, change_id, data, expected_version(if_match))
    tag(response, changed.version)
    return changed
