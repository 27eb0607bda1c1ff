"""Every query of requirements and clarifications (and of the project and stakeholders they
hang on), scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.requirements.models import Clarification, Requirement
from pcrm.projects.requirements.vocab import ClarificationStatus
from pcrm.projects.stakeholders.models import Stakeholder

Record = TypeVar("Record", Requirement, Clarification)


def one(db: Session, model: type[Record], scope: WorkspaceScope, record_id: int) -> Record:
    found = db.scalar(
        select(model).where(model.workspace_id == scope.workspace_id, model.id == record_id)
    )
    if found is None:
        raise NotFound()
    return found


def stakeholder_of(
    db: Session, scope: WorkspaceScope, project_id: int, stakeholder_id: int
) -> Stakeholder | None:
    return db.scalar(
        select(Stakeholder).where(
            Stakeholder.workspace_id == scope.workspace_id,
            Stakeholder.project_id == project_id,
            Stakeholder.id == stakeholder_id,
        )
    )


def requirements(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Requirement]:
    query = select(Requirement).where(
        Requirement.workspace_id == scope.workspace_id, Requirement.project_id == project_id
    )
    return db.scalars(query.order_by(Requirement.number)).all()


def next_requirement_number(db: Session, scope: WorkspaceScope, project_id: int) -> int:
    highest = db.scalar(
        select(func.max(Requirement.number)).where(
            Requirement.workspace_id == scope.workspace_id, Requirement.project_id == project_id
        )
    )
    return (highest or 0) + 1


def clarifications(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Clarification]:
    query = select(Clarification).where(
        Clarification.workspace_id == scope.workspace_id, Clarification.project_id == project_id
    )
    return db.scalars(query.order_by(Clarification.asked_on.desc(), Clarification.id.desc())).all()


def open_clarification_count(db: Session, scope: WorkspaceScope, project_id: int) -> int:
    return (
        db.scalar(
            select(func.count()).where(
                Clarification.workspace_id == scope.workspace_id,
                Clarification.project_id == project_id,
                Clarification.status == ClarificationStatus.OPEN,
            )
        )
        or 0
    )
