"""Every query of change requests, their options and decisions, scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.changes.models import ChangeDecision, ChangeOption, ChangeRequest
from pcrm.projects.changes.vocab import ChangeState
from pcrm.projects.projects.models import Project


def changes(
    db: Session, scope: WorkspaceScope, project_id: int, state: ChangeState | None = None
) -> Sequence[ChangeRequest]:
    query = select(ChangeRequest).where(
        ChangeRequest.workspace_id == scope.workspace_id, ChangeRequest.project_id == project_id
    )
    if state is not None:
        query = query.where(ChangeRequest.state == state)
    return db.scalars(query.order_by(ChangeRequest.number.desc())).all()


def state_counts(db: Session, scope: WorkspaceScope, project_id: int) -> dict[ChangeState, int]:
    query = (
        select(ChangeRequest.state, func.count())
        .where(
            ChangeRequest.workspace_id == scope.workspace_id,
            ChangeRequest.project_id == project_id,
        )
        .group_by(ChangeRequest.state)
    )
    return {row[0]: int(row[1]) for row in db.execute(query)}


def change(db: Session, scope: WorkspaceScope, change_id: int) -> ChangeRequest:
    found = db.scalar(
        select(ChangeRequest).where(
            ChangeRequest.workspace_id == scope.workspace_id, ChangeRequest.id == change_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def next_number(db: Session, scope: WorkspaceScope, project_id: int) -> int:
    query = select(func.max(ChangeRequest.number)).where(
        ChangeRequest.workspace_id == scope.workspace_id, ChangeRequest.project_id == project_id
    )
    return int(db.scalar(query) or 0) + 1


def options(
    db: Session, scope: WorkspaceScope, change_ids: Sequence[int]
) -> Sequence[ChangeOption]:
    if not change_ids:
        return []
    query = select(ChangeOption).where(
        ChangeOption.workspace_id == scope.workspace_id, ChangeOption.change_id.in_(change_ids)
    )
    return db.scalars(query.order_by(ChangeOption.change_id, ChangeOption.id)).all()


def option(db: Session, scope: WorkspaceScope, option_id: int) -> ChangeOption:
    found = db.scalar(
        select(ChangeOption).where(
            ChangeOption.workspace_id == scope.workspace_id, ChangeOption.id == option_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def decisions(
    db: Session, scope: WorkspaceScope, change_ids: Sequence[int]
) -> Sequence[ChangeDecision]:
    if not change_ids:
        return []
    query = select(ChangeDecision).where(
        ChangeDecision.workspace_id == scope.workspace_id,
        ChangeDecision.change_id.in_(change_ids),
    )
    return db.scalars(query).all()


def figure_rows(
    db: Session, scope: WorkspaceScope, *, project_id: int | None = None,
    account_id: int | None = None,
) -> list[Row[Any]]:  # fmt: skip
    """(project, state, requirement ids, cost Δ of the chosen option) of every change request
    of one project or of every project of one account: the counts other areas read."""
    query = (
        select(
            ChangeRequest.project_id,
            ChangeRequest.state,
            ChangeRequest.requirement_ids,
            ChangeOption.cost_delta,
        )
        .join(Project, Project.id == ChangeRequest.project_id)
        .outerjoin(
            ChangeDecision,
            (ChangeDecision.change_id == ChangeRequest.id)
            & (ChangeDecision.workspace_id == scope.workspace_id),
        )
        .outerjoin(
            ChangeOption,
            (ChangeOption.id == ChangeDecision.option_id)
            & (ChangeOption.workspace_id == scope.workspace_id),
        )
        .where(
            ChangeRequest.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
        )
    )
    if project_id is not None:
        query = query.where(ChangeRequest.project_id == project_id)
    if account_id is not None:
        query = query.where(Project.account_id == account_id)
    return list(db.execute(query))


def change_rows(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    """(id, project, number, title) of these change requests: to name them in a history."""
    query = select(
        ChangeRequest.id, ChangeRequest.project_id, ChangeRequest.number, ChangeRequest.title
    ).where(ChangeRequest.workspace_id == scope.workspace_id, ChangeRequest.id.in_(ids))
    return list(db.execute(query))


def option_rows(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> list[Row[Any]]:
    """(id, project, change, title) of these options: to name them in a history."""
    query = select(
        ChangeOption.id, ChangeOption.project_id, ChangeOption.change_id, ChangeOption.title
    ).where(ChangeOption.workspace_id == scope.workspace_id, ChangeOption.id.in_(ids))
    return list(db.execute(query))
