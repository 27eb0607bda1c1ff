"""The customer's constraints on a project (客户约束): a budget ceiling with its amount, a
deadline with its date, a standard, a mandated technology, resources; hard or soft; and which
stakeholder of the project set it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from pcrm.core.errors import FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal
from pcrm.projects.constraints import repository as repo
from pcrm.projects.constraints.models import Constraint
from pcrm.projects.constraints.schemas import (
    ConstraintRead,
    ConstraintUpdate,
    ConstraintWrite,
)
from pcrm.projects.projects import service as projects
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.vocab import ConstraintKind


def _reads(
    db: Session, principal: Principal, project_id: int, rows: Sequence[Constraint]
) -> list[ConstraintRead]:
    names = {s.id: s.contact_name for s in stakeholders.register(db, principal, project_id)}
    return [
        ConstraintRead(
            id=c.id,
            project_id=c.project_id,
            kind=c.kind,
            statement=c.statement,
            amount=c.amount,
            due_on=c.due_on,
            source_stakeholder_id=c.source_stakeholder_id,
            source_name=names.get(c.source_stakeholder_id) if c.source_stakeholder_id else None,
            is_hard=c.is_hard,
            version=c.version,
        )
        for c in rows
    ]


def constraints(db: Session, principal: Principal, project_id: int) -> list[ConstraintRead]:
    projects.get_project(db, principal, project_id)
    return _reads(db, principal, project_id, repo.constraints(db, principal.scope, project_id))


def _check(
    db: Session,
    scope: WorkspaceScope,
    project_id: int,
    kind: ConstraintKind,
    amount: Decimal | None,
    due_on: date | None,
    source_id: int | None,
) -> None:
    errors = []
    if kind is ConstraintKind.BUDGET_CEILING and amount is None:
        errors.append(FieldError("amount", N_("A budget ceiling needs its amount."), "missing"))
    if kind is ConstraintKind.DEADLINE and due_on is None:
        errors.append(FieldError("due_on", N_("A deadline needs its date."), "missing"))
    if source_id is not None:
        try:
            stakeholders.stakeholder_of(db, scope, project_id, source_id)
        except NotFound:
            errors.append(
                FieldError("source_stakeholder_id", N_("Choose a stakeholder of this project."))
            )
    if errors:
        raise ValidationFailed(errors)


def add_constraint(
    db: Session, principal: Principal, project_id: int, data: ConstraintWrite
) -> ConstraintRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    _check(db, scope, project_id, data.kind, data.amount, data.due_on, data.source_stakeholder_id)
    constraint = Constraint(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        kind=data.kind,
        statement=data.statement,
        amount=data.amount,
        due_on=data.due_on,
        source_stakeholder_id=data.source_stakeholder_id,
        is_hard=data.is_hard,
    )
    db.add(constraint)
    db.flush()
    return _reads(db, principal, project_id, [constraint])[0]


def _constraint_of(
    db: Session, scope: WorkspaceScope, project_id: int, constraint_id: int
) -> Constraint:
    found = repo.constraint(db, scope, constraint_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def update_constraint(
    db: Session,
    principal: Principal,
    project_id: int,
    constraint_id: int,
    data: ConstraintUpdate,
    expected_version: int | None = None,
) -> ConstraintRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    constraint = _constraint_of(db, scope, project_id, constraint_id)
    check_version(constraint.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("kind", "statement", "is_hard")
        if field in changes and changes[field] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    _check(
        db,
        scope,
        project_id,
        changes.get("kind", constraint.kind),
        changes.get("amount", constraint.amount),
        changes.get("due_on", constraint.due_on),
        changes.get("source_stakeholder_id", constraint.source_stakeholder_id),
    )
    for key, value in changes.items():
        setattr(constraint, key, value)
    db.flush()
    return _reads(db, principal, project_id, [constraint])[0]


def remove_constraint(
    db: Session,
    principal: Principal,
    project_id: int,
    constraint_id: int,
    *,
    expected: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    record = _constraint_of(db, principal.scope, project_id, constraint_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()
