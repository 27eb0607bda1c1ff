"""Every query of a project's closure (收尾), always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.closure.models import (
    FollowUp,
    ImprovementAction,
    Lesson,
    OrganisationEvaluation,
    SatisfactionAnalysis,
)
from pcrm.projects.closure.vocab import ImprovementStatus
from pcrm.projects.projects.models import Project

# The cross-project list of improvement actions shows at most this many.
IMPROVEMENTS_LIMIT = 500


def analysis(db: Session, scope: WorkspaceScope, project_id: int) -> SatisfactionAnalysis | None:
    return db.scalar(
        select(SatisfactionAnalysis).where(
            SatisfactionAnalysis.workspace_id == scope.workspace_id,
            SatisfactionAnalysis.project_id == project_id,
        )
    )


def evaluation(
    db: Session, scope: WorkspaceScope, project_id: int
) -> OrganisationEvaluation | None:
    return db.scalar(
        select(OrganisationEvaluation).where(
            OrganisationEvaluation.workspace_id == scope.workspace_id,
            OrganisationEvaluation.project_id == project_id,
        )
    )


def lessons(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[Lesson]:
    query = select(Lesson).where(
        Lesson.workspace_id == scope.workspace_id, Lesson.project_id == project_id
    )
    return db.scalars(query.order_by(Lesson.category, Lesson.id)).all()


def lesson_count(db: Session, scope: WorkspaceScope, project_id: int) -> int:
    query = select(func.count()).where(
        Lesson.workspace_id == scope.workspace_id, Lesson.project_id == project_id
    )
    return int(db.scalar(query) or 0)


def lesson(db: Session, scope: WorkspaceScope, lesson_id: int) -> Lesson:
    found = db.scalar(
        select(Lesson).where(Lesson.workspace_id == scope.workspace_id, Lesson.id == lesson_id)
    )
    if found is None:
        raise NotFound()
    return found


def account_lessons(
    db: Session, scope: WorkspaceScope, account_id: int, limit: int = 200
) -> list[tuple[Lesson, str, str]]:
    """(lesson, project code, project name) of the account's projects, newest project first."""
    query = (
        select(Lesson, Project.code, Project.name)
        .join(Project, Project.id == Lesson.project_id)
        .where(
            Lesson.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
            Project.account_id == account_id,
        )
        .order_by(Project.id.desc(), Lesson.category, Lesson.id)
        .limit(limit)
    )
    return [(lesson, str(c), str(n)) for lesson, c, n in db.execute(query).all()]


def improvement(db: Session, scope: WorkspaceScope, improvement_id: int) -> ImprovementAction:
    found = db.scalar(
        select(ImprovementAction).where(
            ImprovementAction.workspace_id == scope.workspace_id,
            ImprovementAction.id == improvement_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def improvements(
    db: Session,
    scope: WorkspaceScope,
    *,
    project_id: int | None = None,
    owner_id: int | None = None,
    statuses: Sequence[ImprovementStatus] = (),
) -> list[tuple[ImprovementAction, str, str]]:
    """(action, project code, project name): unfinished first, then by due date."""
    query = (
        select(ImprovementAction, Project.code, Project.name)
        .join(Project, Project.id == ImprovementAction.project_id)
        .where(
            ImprovementAction.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
        )
    )
    if project_id is not None:
        query = query.where(ImprovementAction.project_id == project_id)
    if owner_id is not None:
        query = query.where(ImprovementAction.owner_id == owner_id)
    if statuses:
        query = query.where(ImprovementAction.status.in_(list(statuses)))
    order = (ImprovementAction.due_on, ImprovementAction.id)
    rows = db.execute(query.order_by(*order).limit(IMPROVEMENTS_LIMIT)).all()
    return [(action, str(c), str(n)) for action, c, n in rows]


def follow_ups(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[FollowUp]:
    query = select(FollowUp).where(
        FollowUp.workspace_id == scope.workspace_id, FollowUp.project_id == project_id
    )
    return db.scalars(query.order_by(FollowUp.due_on, FollowUp.id)).all()


def follow_up(db: Session, scope: WorkspaceScope, follow_up_id: int) -> FollowUp:
    found = db.scalar(
        select(FollowUp).where(
            FollowUp.workspace_id == scope.workspace_id, FollowUp.id == follow_up_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def projects_with_improvements(db: Session, scope: WorkspaceScope) -> list[tuple[int, str, str]]:
    """(id, code, name) of the projects that have improvement actions, for the list's filter."""
    query = (
        select(Project.id, Project.code, Project.name)
        .where(
            Project.workspace_id == scope.workspace_id,
            Project.id.in_(
                select(ImprovementAction.project_id).where(
                    ImprovementAction.workspace_id == scope.workspace_id
                )
            ),
        )
        .order_by(Project.code)
    )
    return [(int(i), str(c), str(n)) for i, c, n in db.execute(query).all()]


def lessons_by_ids(db: Session, scope: WorkspaceScope, ids: frozenset[int]) -> Sequence[Lesson]:
    query = select(Lesson).where(Lesson.workspace_id == scope.workspace_id, Lesson.id.in_(ids))
    return db.scalars(query).all()
