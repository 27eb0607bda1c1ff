"""Every query of the plan, scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.plan.models import Deliverable, PlanBuffer, PlanTask, TaskDependency
from pcrm.projects.vocab import Phase

Record = TypeVar("Record", PlanTask, TaskDependency, PlanBuffer, Deliverable)


def tasks(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[PlanTask]:
    query = select(PlanTask).where(
        PlanTask.workspace_id == scope.workspace_id, PlanTask.project_id == project_id
    )
    return db.scalars(query.order_by(PlanTask.start_on, PlanTask.id)).all()


def last_end(db: Session, scope: WorkspaceScope, project_id: int) -> date | None:
    """The plan's last day of work (None without tasks)."""
    return db.scalar(
        select(func.max(PlanTask.end_on)).where(
            PlanTask.workspace_id == scope.workspace_id, PlanTask.project_id == project_id
        )
    )


def dependencies(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[TaskDependency]:
    query = select(TaskDependency).where(
        TaskDependency.workspace_id == scope.workspace_id,
        TaskDependency.project_id == project_id,
    )
    return db.scalars(query.order_by(TaskDependency.id)).all()


def buffers(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[PlanBuffer]:
    query = select(PlanBuffer).where(
        PlanBuffer.workspace_id == scope.workspace_id, PlanBuffer.project_id == project_id
    )
    return db.scalars(query.order_by(PlanBuffer.id)).all()


def deliverables(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Deliverable]:
    query = select(Deliverable).where(
        Deliverable.workspace_id == scope.workspace_id, Deliverable.project_id == project_id
    )
    return db.scalars(query.order_by(Deliverable.id)).all()


def one(
    db: Session, scope: WorkspaceScope, model: type[Record], row_id: int, project_id: int
) -> Record:
    """A row of the project, or NotFound (another workspace's or project's alike)."""
    found = db.scalar(
        select(model).where(
            model.workspace_id == scope.workspace_id,
            model.id == row_id,
            model.project_id == project_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def task_anywhere(db: Session, scope: WorkspaceScope, task_id: int) -> PlanTask | None:
    """A task of any project of the workspace (to tell a link across projects apart)."""
    return db.scalar(
        select(PlanTask).where(PlanTask.workspace_id == scope.workspace_id, PlanTask.id == task_id)
    )


TaskRow = Row[int, int | None, str, Phase | None, int | None, date, date, int, bool, int]
DependencyRow = Row[int, int, int, int, int]


def task_rows(db: Session, scope: WorkspaceScope, project_id: int) -> list[TaskRow]:
    """The Gantt's columns of every task, as plain rows (no ORM objects: 2,000 of them load in
    a tenth of the time), in this order: the Gantt unpacks them as tuples."""
    query = select(
        PlanTask.id,
        PlanTask.parent_id,
        PlanTask.name,
        PlanTask.phase,
        PlanTask.owner_id,
        PlanTask.start_on,
        PlanTask.end_on,
        PlanTask.progress,
        PlanTask.is_milestone,
        PlanTask.version,
    ).where(PlanTask.workspace_id == scope.workspace_id, PlanTask.project_id == project_id)
    return list(db.execute(query.order_by(PlanTask.start_on, PlanTask.id)))


def outline_rows(db: Session, scope: WorkspaceScope, project_id: int) -> list[Row[Any]]:
    """What the WBS outline needs of every task (its number comes from the order and the
    parents): a light query for the task pickers of a 2,000-task plan."""
    query = select(PlanTask.id, PlanTask.parent_id, PlanTask.name, PlanTask.is_milestone).where(
        PlanTask.workspace_id == scope.workspace_id, PlanTask.project_id == project_id
    )
    return list(db.execute(query.order_by(PlanTask.start_on, PlanTask.id)))


def dependency_rows(db: Session, scope: WorkspaceScope, project_id: int) -> list[DependencyRow]:
    query = select(
        TaskDependency.id,
        TaskDependency.predecessor_id,
        TaskDependency.successor_id,
        TaskDependency.lag_days,
        TaskDependency.version,
    ).where(
        TaskDependency.workspace_id == scope.workspace_id,
        TaskDependency.project_id == project_id,
    )
    return list(db.execute(query.order_by(TaskDependency.id)))
