"""Every query of a project's goals, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.goals.models import Goal


def goals(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Goal]:
    query = select(Goal).where(
        Goal.workspace_id == scope.workspace_id, Goal.project_id == project_id
    )
    return db.scalars(query.order_by(Goal.deadline.is_(None), Goal.deadline, Goal.id)).all()


def goal(db: Session, scope: WorkspaceScope, goal_id: int) -> Goal:
    found = db.scalar(
        select(Goal).where(Goal.workspace_id == scope.workspace_id, Goal.id == goal_id)
    )
    if found is None:
        raise NotFound()
    return found
