"""Every query of the stakeholder register, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.stakeholders.models import Stakeholder


def stakeholders(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Stakeholder]:
    query = select(Stakeholder).where(
        Stakeholder.workspace_id == scope.workspace_id, Stakeholder.project_id == project_id
    )
    return db.scalars(query.order_by(Stakeholder.id)).all()


def stakeholder(db: Session, scope: WorkspaceScope, stakeholder_id: int) -> Stakeholder:
    found = db.scalar(
        select(Stakeholder).where(
            Stakeholder.workspace_id == scope.workspace_id, Stakeholder.id == stakeholder_id
        )
    )
    if found is None:
        raise NotFound()
    return found
