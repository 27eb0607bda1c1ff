"""Every query of the customer's constraints, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.constraints.models import Constraint


def constraints(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Constraint]:
    query = select(Constraint).where(
        Constraint.workspace_id == scope.workspace_id, Constraint.project_id == project_id
    )
    return db.scalars(query.order_by(Constraint.is_hard.desc(), Constraint.id)).all()


def constraint(db: Session, scope: WorkspaceScope, constraint_id: int) -> Constraint:
    found = db.scalar(
        select(Constraint).where(
            Constraint.workspace_id == scope.workspace_id, Constraint.id == constraint_id
        )
    )
    if found is None:
        raise NotFound()
    return found
