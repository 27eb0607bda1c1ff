"""Maintenance plans (售后维护计划): an account's after-sales terms — the project covered, the
contract, the term (warranty or paid maintenance), the after-sales owner and the SLA targets per
priority. A request on the account takes the plan in force that day (the project's before an
account-wide one); a priority the plan has no target for is not covered by it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_refs, get_account
from pcrm.core.errors import FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.identity.public import Permission, Principal, active_user_refs, user_refs
from pcrm.projects.public import get_project
from pcrm.service.plans import repository as repo
from pcrm.service.plans.models import MaintenancePlan
from pcrm.service.plans.schemas import ENDS_BEFORE, PlanRead, PlanUpdate, PlanWrite
from pcrm.service.sla import repository as sla_repo
from pcrm.service.sla import service as sla
from pcrm.service.sla.schemas import TargetRead

PROJECT_OF_ANOTHER = N_("Choose a project of this account.")
NOT_A_USER = N_("Choose an active user of this workspace.")


def _project_names(
    db: Session, principal: Principal, rows: Sequence[MaintenancePlan]
) -> dict[int, str]:
    names = {}
    for project_id in {p.project_id for p in rows if p.project_id}:
        try:
            project = get_project(db, principal, project_id)
        except NotFound:
            continue
        names[project_id] = f"{project.code} {project.name}"
    return names


def _reads(db: Session, principal: Principal, rows: Sequence[MaintenancePlan]) -> list[PlanRead]:
    scope = principal.scope
    accounts = account_refs(db, scope, {p.account_id for p in rows})
    owners = user_refs(db, scope, {p.owner_id for p in rows if p.owner_id})
    projects = _project_names(db, principal, rows)
    targets = sla_repo.targets_of_plans(db, scope, [p.id for p in rows])
    today = principal.today()
    return [
        PlanRead(
            id=p.id,
            account_id=p.account_id,
            account_name=accounts[p.account_id].name if p.account_id in accounts else "",
            project_id=p.project_id,
            project_name=projects.get(p.project_id) if p.project_id else None,
            name=p.name,
            contract_ref=p.contract_ref,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            in_force=p.starts_on <= today <= p.ends_on,
            owner_id=p.owner_id,
            owner_name=owners[p.owner_id].display() if p.owner_id in owners else None,
            note=p.note,
            targets=[TargetRead.model_validate(t) for t in targets[p.id]],
            version=p.version,
        )
        for p in rows
    ]


def plans(db: Session, principal: Principal, account_id: int | None = None) -> list[PlanRead]:
    principal.require(Permission.READ)
    return _reads(db, principal, repo.plans(db, principal.scope, account_id))


def get_plan(db: Session, principal: Principal, plan_id: int) -> PlanRead:
    principal.require(Permission.READ)
    return _reads(db, principal, [repo.plan(db, principal.scope, plan_id)])[0]


def _check(db: Session, principal: Principal, account_id: int, values: dict[str, Any]) -> None:
    errors = []
    if values.get("project_id") is not None:
        try:
            project = get_project(db, principal, values["project_id"])
        except NotFound:
            project = None
        if project is None or project.account_id != account_id:
            errors.append(FieldError("project_id", PROJECT_OF_ANOTHER))
    if values.get("owner_id") is not None and values["owner_id"] not in {
        u.id for u in active_user_refs(db, principal.scope)
    }:
        errors.append(FieldError("owner_id", NOT_A_USER))
    if errors:
        raise ValidationFailed(errors)


def create_plan(db: Session, principal: Principal, data: PlanWrite) -> PlanRead:
    principal.require(Permission.WRITE_SERVICE)
    get_account(db, principal, data.account_id)  # 404 for another workspace's
    values = data.model_dump(exclude={"targets"})
    _check(db, principal, data.account_id, values)
    sla.check_targets(data.targets)
    plan = MaintenancePlan(workspace_id=principal.scope.workspace_id, **values)
    db.add(plan)
    db.flush()
    sla.replace_targets(db, principal.scope, plan.id, data.targets)
    return get_plan(db, principal, plan.id)


def update_plan(
    db: Session,
    principal: Principal,
    plan_id: int,
    data: PlanUpdate,
    expected_version: int | None,
) -> PlanRead:
    principal.require(Permission.WRITE_SERVICE)
    plan = repo.plan(db, principal.scope, plan_id)
    check_version(plan.version, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude={"targets"})
    for key in ("name", "starts_on", "ends_on"):
        if key in changes and changes[key] is None:
            raise ValidationFailed([FieldError(key, N_("This field is required."), "missing")])
    _check(db, principal, plan.account_id, changes)
    if changes.get("ends_on", plan.ends_on) < changes.get("starts_on", plan.starts_on):
        raise ValidationFailed([FieldError("ends_on", ENDS_BEFORE)])
    if data.targets is not None:
        sla.check_targets(data.targets)
    for key, value in changes.items():
        setattr(plan, key, value)
    if data.targets is not None:
        sla.replace_targets(db, principal.scope, plan.id, data.targets)
    db.flush()
    return get_plan(db, principal, plan.id)


def remove_plan(db: Session, principal: Principal, plan_id: int, expected: int | None) -> None:
    """A plan goes with its targets; requests keep their due times (they were set when they
    came in) and lose the link."""
    principal.require(Permission.WRITE_SERVICE)
    plan = repo.plan(db, principal.scope, plan_id)
    check_version(plan.version, expected)
    db.delete(plan)
    db.flush()


def plan_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Maintenance plans named in a history, linked to their page."""
    return {
        p.id: Reference(p.name, f"/service/plans/{p.id}")
        for p in repo.plans_by_ids(db, reader.scope, ids).values()
    }
