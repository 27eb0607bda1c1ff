"""Every query of a project's issues and conflicts, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.conflicts.models import ConflictParty, ProjectConflict
from pcrm.projects.conflicts.vocab import UNRESOLVED
from pcrm.projects.projects.models import Project


def conflicts(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[ProjectConflict]:
    """Unresolved first, then by the day opened, newest first."""
    query = select(ProjectConflict).where(
        ProjectConflict.workspace_id == scope.workspace_id,
        ProjectConflict.project_id == project_id,
    )
    unresolved = ProjectConflict.status.in_(UNRESOLVED)
    return db.scalars(
        query.order_by(unresolved.desc(), ProjectConflict.opened_on.desc(), ProjectConflict.id)
    ).all()


def conflict(db: Session, scope: WorkspaceScope, conflict_id: int) -> ProjectConflict:
    found = db.scalar(
        select(ProjectConflict).where(
            ProjectConflict.workspace_id == scope.workspace_id, ProjectConflict.id == conflict_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def conflicts_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> Sequence[ProjectConflict]:
    query = select(ProjectConflict).where(
        ProjectConflict.workspace_id == scope.workspace_id, ProjectConflict.id.in_(list(ids))
    )
    return db.scalars(query).all()


def parties(
    db: Session, scope: WorkspaceScope, conflict_ids: Iterable[int]
) -> Sequence[ConflictParty]:
    ids = list(conflict_ids)
    if not ids:
        return []
    query = select(ConflictParty).where(
        ConflictParty.workspace_id == scope.workspace_id, ConflictParty.conflict_id.in_(ids)
    )
    return db.scalars(query.order_by(ConflictParty.id)).all()


def counts_by_project(
    db: Session, scope: WorkspaceScope, project_ids: Iterable[int]
) -> dict[int, tuple[int, int]]:
    """(all, unresolved) conflicts per project."""
    ids = list(project_ids)
    if not ids:
        return {}
    unresolved = func.sum(case((ProjectConflict.status.in_(UNRESOLVED), 1), else_=0))
    query = (
        select(ProjectConflict.project_id, func.count(), unresolved)
        .where(
            ProjectConflict.workspace_id == scope.workspace_id, ProjectConflict.project_id.in_(ids)
        )
        .group_by(ProjectConflict.project_id)
    )
    return {pid: (int(n), int(u or 0)) for pid, n, u in db.execute(query).all()}


def counts_of_account(db: Session, scope: WorkspaceScope, account_id: int) -> tuple[int, int]:
    """(all, unresolved) conflicts of the account's projects."""
    unresolved = func.sum(case((ProjectConflict.status.in_(UNRESOLVED), 1), else_=0))
    query = (
        select(func.count(), unresolved)
        .select_from(ProjectConflict)
        .join(Project, Project.id == ProjectConflict.project_id)
        .where(
            ProjectConflict.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
            Project.account_id == account_id,
        )
    )
    n, u = db.execute(query).one()
    return int(n), int(u or 0)
