"""Every query of deliverables' acceptance and quality, scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.deliverables.models import InspectionResult, QualityInspection, QualityStandard
from pcrm.projects.plan.models import Deliverable
from pcrm.projects.projects.models import Project


def deliverables(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Deliverable]:
    query = select(Deliverable).where(
        Deliverable.workspace_id == scope.workspace_id, Deliverable.project_id == project_id
    )
    return db.scalars(query.order_by(Deliverable.id)).all()


def deliverables_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> Sequence[Deliverable]:
    query = select(Deliverable).where(
        Deliverable.workspace_id == scope.workspace_id, Deliverable.id.in_(list(ids))
    )
    return db.scalars(query).all()


def deliverable(
    db: Session, scope: WorkspaceScope, project_id: int, deliverable_id: int
) -> Deliverable:
    """A deliverable of the project, or NotFound (another workspace's or project's alike)."""
    found = db.scalar(
        select(Deliverable).where(
            Deliverable.workspace_id == scope.workspace_id,
            Deliverable.project_id == project_id,
            Deliverable.id == deliverable_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def standards(
    db: Session, scope: WorkspaceScope, deliverable_ids: Sequence[int]
) -> Sequence[QualityStandard]:
    if not deliverable_ids:
        return []
    query = select(QualityStandard).where(
        QualityStandard.workspace_id == scope.workspace_id,
        QualityStandard.deliverable_id.in_(deliverable_ids),
    )
    return db.scalars(query.order_by(QualityStandard.id)).all()


def standard(
    db: Session, scope: WorkspaceScope, deliverable_id: int, standard_id: int
) -> QualityStandard:
    found = db.scalar(
        select(QualityStandard).where(
            QualityStandard.workspace_id == scope.workspace_id,
            QualityStandard.deliverable_id == deliverable_id,
            QualityStandard.id == standard_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def inspections(
    db: Session, scope: WorkspaceScope, deliverable_ids: Sequence[int]
) -> Sequence[QualityInspection]:
    """Newest first (by day, then by when recorded)."""
    if not deliverable_ids:
        return []
    query = select(QualityInspection).where(
        QualityInspection.workspace_id == scope.workspace_id,
        QualityInspection.deliverable_id.in_(deliverable_ids),
    )
    order = (QualityInspection.inspected_on.desc(), QualityInspection.id.desc())
    return db.scalars(query.order_by(*order)).all()


def results(
    db: Session, scope: WorkspaceScope, inspection_ids: Sequence[int]
) -> Sequence[InspectionResult]:
    if not inspection_ids:
        return []
    query = select(InspectionResult).where(
        InspectionResult.workspace_id == scope.workspace_id,
        InspectionResult.inspection_id.in_(inspection_ids),
    )
    return db.scalars(query.order_by(InspectionResult.id)).all()


def _failed() -> ColumnElement[int]:
    return func.sum(case((QualityInspection.passed.is_(False), 1), else_=0))


def counts_of_project(db: Session, scope: WorkspaceScope, project_id: int) -> tuple[int, int]:
    """(all, failed) inspections of the project."""
    query = select(func.count(), _failed()).where(
        QualityInspection.workspace_id == scope.workspace_id,
        QualityInspection.project_id == project_id,
    )
    n, failed = db.execute(query).one()
    return int(n), int(failed or 0)


def counts_of_account(db: Session, scope: WorkspaceScope, account_id: int) -> tuple[int, int]:
    """(all, failed) inspections of the account's projects."""
    query = (
        select(func.count(), _failed())
        .select_from(QualityInspection)
        .join(Project, Project.id == QualityInspection.project_id)
        .where(
            QualityInspection.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
            Project.account_id == account_id,
        )
    )
    n, failed = db.execute(query).one()
    return int(n), int(failed or 0)
