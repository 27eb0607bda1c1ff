"""Every query of the customer's training, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.training.models import (
    TrainingAttendee,
    TrainingNeed,
    TrainingReview,
    TrainingSession,
)

Record = TypeVar("Record", TrainingNeed, TrainingSession)


def one(
    db: Session, model: type[Record], scope: WorkspaceScope, project_id: int, rid: int
) -> Record:
    """A need or a session of this project; another project's or workspace's is not found."""
    found = db.scalar(
        select(model).where(
            model.workspace_id == scope.workspace_id,
            model.project_id == project_id,
            model.id == rid,
        )
    )
    if found is None:
        raise NotFound()
    return found


def needs(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[TrainingNeed]:
    query = select(TrainingNeed).where(
        TrainingNeed.workspace_id == scope.workspace_id, TrainingNeed.project_id == project_id
    )
    return db.scalars(query.order_by(TrainingNeed.status.desc(), TrainingNeed.id)).all()


def sessions(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[TrainingSession]:
    query = select(TrainingSession).where(
        TrainingSession.workspace_id == scope.workspace_id,
        TrainingSession.project_id == project_id,
    )
    return db.scalars(query.order_by(TrainingSession.held_on.desc(), TrainingSession.id)).all()


def attendees(
    db: Session, scope: WorkspaceScope, session_ids: Iterable[int]
) -> Sequence[TrainingAttendee]:
    wanted = set(session_ids)
    if not wanted:
        return []
    query = select(TrainingAttendee).where(
        TrainingAttendee.workspace_id == scope.workspace_id,
        TrainingAttendee.session_id.in_(wanted),
    )
    return db.scalars(query.order_by(TrainingAttendee.session_id, TrainingAttendee.id)).all()


def reviews(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[TrainingReview]:
    query = select(TrainingReview).where(
        TrainingReview.workspace_id == scope.workspace_id, TrainingReview.project_id == project_id
    )
    return db.scalars(
        query.order_by(TrainingReview.reviewed_at.desc(), TrainingReview.id.desc())
    ).all()


def reviewed(db: Session, scope: WorkspaceScope, project_id: int) -> bool:
    """Whether the project's training needs were reviewed at least once (for its gate)."""
    return bool(
        db.scalar(
            select(
                exists().where(
                    TrainingReview.workspace_id == scope.workspace_id,
                    TrainingReview.project_id == project_id,
                )
            )
        )
    )


def lock_session(db: Session, scope: WorkspaceScope, session_id: int) -> None:
    """Hold the session's row until the transaction ends (PostgreSQL; SQLite has one writer
    anyway), so two uploads of its materials number their versions in turn."""
    db.execute(
        select(TrainingSession.id)
        .where(TrainingSession.workspace_id == scope.workspace_id, TrainingSession.id == session_id)
        .with_for_update()
    )
