"""Every query of progress reports, scoped to the workspace (the monthly job's search across
workspaces says so with GLOBAL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import GLOBAL, WorkspaceScope
from pcrm.projects.projects.models import Project
from pcrm.projects.reports.models import ProjectReport
from pcrm.projects.vocab import ProjectStatus


def reports(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[ProjectReport]:
    """Drafts first, then the issued versions newest first; without their snapshots' use (the
    list reads none of them, but they load with the row: a few kilobytes each)."""
    query = select(ProjectReport).where(
        ProjectReport.workspace_id == scope.workspace_id, ProjectReport.project_id == project_id
    )
    return db.scalars(
        query.order_by(
            ProjectReport.number.is_not(None),
            ProjectReport.number.desc(),
            ProjectReport.period_start.desc(),
            ProjectReport.id.desc(),
        )
    ).all()


def report(db: Session, scope: WorkspaceScope, report_id: int) -> ProjectReport:
    found = db.scalar(
        select(ProjectReport).where(
            ProjectReport.workspace_id == scope.workspace_id, ProjectReport.id == report_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def next_number(db: Session, scope: WorkspaceScope, project_id: int) -> int:
    query = select(func.max(ProjectReport.number)).where(
        ProjectReport.workspace_id == scope.workspace_id, ProjectReport.project_id == project_id
    )
    return int(db.scalar(query) or 0) + 1


def projects_without_report(
    db: Session, start: date, end: date, created_before: datetime
) -> list[tuple[Any, ...]]:
    """(workspace, project, manager, code, name) of every active project, in every workspace,
    created before `created_before` that has no report (draft or issued) over exactly
    start–end: the monthly job's work."""
    has_one = (
        select(ProjectReport.id)
        .where(
            and_(
                ProjectReport.project_id == Project.id,
                ProjectReport.period_start == start,
                ProjectReport.period_end == end,
            )
        )
        .exists()
    )
    columns = (Project.workspace_id, Project.id, Project.manager_id, Project.code, Project.name)
    query = (
        select(*columns)
        .where(
            Project.status == ProjectStatus.ACTIVE,
            Project.created_at < created_before,
            ~has_one,
        )
        .order_by(Project.workspace_id, Project.id)
        .execution_options(**GLOBAL)
    )
    return [tuple(row) for row in db.execute(query)]
