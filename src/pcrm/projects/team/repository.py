"""Every query of the project team, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.projects.models import Project
from pcrm.projects.team.models import TeamMember
from pcrm.projects.vocab import ProjectStatus, TeamRole

# Projects whose team counts in the workload (closed and archived ones no longer do).
LIVE = (ProjectStatus.DRAFT, ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)


def team(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[TeamMember]:
    query = select(TeamMember).where(
        TeamMember.workspace_id == scope.workspace_id, TeamMember.project_id == project_id
    )
    return db.scalars(query.order_by(TeamMember.id)).all()


def member(db: Session, scope: WorkspaceScope, member_id: int) -> TeamMember:
    found = db.scalar(
        select(TeamMember).where(
            TeamMember.workspace_id == scope.workspace_id, TeamMember.id == member_id
        )
    )
    if found is None:
        raise NotFound()
    return found


def workload_rows(
    db: Session, scope: WorkspaceScope, first: date, last: date, role: TeamRole | None
) -> Sequence[Row[Any]]:
    """Memberships of live projects that may overlap [first, last], with their project's code,
    name and dates (the period's open ends take the project's)."""
    starts = TeamMember.starts_on
    ends = TeamMember.ends_on
    query = (
        select(
            TeamMember.user_id,
            TeamMember.project_id,
            TeamMember.role,
            TeamMember.allocation,
            starts,
            ends,
            Project.code,
            Project.name,
            Project.start_on,
            Project.end_on,
        )
        .join(Project, Project.id == TeamMember.project_id)
        .where(
            TeamMember.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
            Project.status.in_(LIVE),
            TeamMember.allocation > 0,
            or_(starts.is_(None), starts <= last),
            or_(ends.is_(None), ends >= first),
        )
    )
    if role is not None:
        query = query.where(TeamMember.role == role)
    rows: Sequence[Row[Any]] = db.execute(query.order_by(TeamMember.user_id, Project.code)).all()  # type: ignore[assignment]
    return rows
