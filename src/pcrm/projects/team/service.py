"""The project team: our people on the project with role, written responsibilities (each
role's default until edited), allocation and period; and the workload across projects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.core.errors import FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, active_user_refs, user_refs
from pcrm.projects.projects import service as projects
from pcrm.projects.schemas import ENDS_BEFORE_START
from pcrm.projects.team import repository as repo
from pcrm.projects.team import workload as arithmetic
from pcrm.projects.team.models import TeamMember
from pcrm.projects.team.schemas import (
    TeamMemberRead,
    TeamMemberUpdate,
    TeamMemberWrite,
    Workload,
    WorkloadProject,
    WorkloadRow,
)
from pcrm.projects.vocab import DEFAULT_RESPONSIBILITIES, TeamRole

ALREADY = N_("This person is already on the project's team.")


def default_responsibilities(principal: Principal, role: TeamRole) -> str:
    """The role's default responsibilities, written in the user's language."""
    return translate(principal.locale or "zh_CN", DEFAULT_RESPONSIBILITIES[role])


def _reads(db: Session, scope: WorkspaceScope, rows: Sequence[TeamMember]) -> list[TeamMemberRead]:
    names = user_refs(db, scope, {m.user_id for m in rows})
    return [
        TeamMemberRead(
            id=m.id,
            project_id=m.project_id,
            user_id=m.user_id,
            user_name=names[m.user_id].name if m.user_id in names else "",
            role=m.role,
            responsibilities=m.responsibilities,
            allocation=m.allocation,
            starts_on=m.starts_on,
            ends_on=m.ends_on,
            version=m.version,
        )
        for m in rows
    ]


def team(db: Session, principal: Principal, project_id: int) -> list[TeamMemberRead]:
    projects.get_project(db, principal, project_id)
    return _reads(db, principal.scope, repo.team(db, principal.scope, project_id))


def add_member(
    db: Session, principal: Principal, project_id: int, data: TeamMemberWrite
) -> TeamMemberRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    if data.user_id not in {u.id for u in active_user_refs(db, scope)}:
        raise field_error("user_id", N_("Choose an active user of this workspace."))
    if any(m.user_id == data.user_id for m in repo.team(db, scope, project_id)):
        raise field_error("user_id", ALREADY, "unique")
    member = TeamMember(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        user_id=data.user_id,
        role=data.role,
        responsibilities=data.responsibilities or default_responsibilities(principal, data.role),
        allocation=data.allocation,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    db.add(member)
    try:
        db.flush()
    except IntegrityError as exc:
        raise field_error("user_id", ALREADY, "unique") from exc
    return _reads(db, scope, [member])[0]


def _member_of(db: Session, scope: WorkspaceScope, project_id: int, member_id: int) -> TeamMember:
    member = repo.member(db, scope, member_id)
    if member.project_id != project_id:
        raise NotFound()
    return member


def update_member(
    db: Session,
    principal: Principal,
    project_id: int,
    member_id: int,
    data: TeamMemberUpdate,
    expected_version: int | None = None,
) -> TeamMemberRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    member = _member_of(db, scope, project_id, member_id)
    check_version(member.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("role", "allocation")
        if field in changes and changes[field] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    if "responsibilities" in changes and not changes["responsibilities"]:
        changes["responsibilities"] = default_responsibilities(
            principal, changes.get("role") or member.role
        )
    start = changes.get("starts_on", member.starts_on)
    end = changes.get("ends_on", member.ends_on)
    if start is not None and end is not None and end < start:
        raise field_error("ends_on", ENDS_BEFORE_START)
    for key, value in changes.items():
        setattr(member, key, value)
    db.flush()
    return _reads(db, scope, [member])[0]


def remove_member(
    db: Session,
    principal: Principal,
    project_id: int,
    member_id: int,
    *,
    expected: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    record = _member_of(db, principal.scope, project_id, member_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()


def workload(
    db: Session, principal: Principal, start: date | None, weeks: int, role: TeamRole | None
) -> Workload:
    """Each person's allocation per week across live projects (draft, active, on hold),
    over 100 % flagged; with `role`, only the allocations in that role."""
    principal.require(Permission.READ)
    scope = principal.scope
    mondays = arithmetic.week_starts(start or principal.today(), weeks)
    last = mondays[-1] + timedelta(days=6)
    rows = repo.workload_rows(db, scope, mondays[0], last, role)
    allocations = [
        arithmetic.Allocation(
            user_id=r.user_id,
            project_id=r.project_id,
            allocation=r.allocation,
            starts_on=r.starts_on or r.start_on,
            ends_on=r.ends_on or r.end_on,
        )
        for r in rows
    ]
    totals = arithmetic.per_week(allocations, mondays)
    names = user_refs(db, scope, set(totals))
    projects_of: dict[int, list[WorkloadProject]] = {}
    for r in rows:
        projects_of.setdefault(r.user_id, []).append(
            WorkloadProject(
                project_id=r.project_id,
                code=r.code,
                name=r.name,
                role=r.role,
                allocation=r.allocation,
            )
        )
    out = [
        WorkloadRow(
            user_id=user_id,
            user_name=names[user_id].name if user_id in names else "",
            weeks=per_week,
            overloaded=[value > 100 for value in per_week],
            projects=projects_of[user_id],
        )
        for user_id, per_week in totals.items()
    ]
    out.sort(key=lambda row: (-max(row.weeks), row.user_name))
    return Workload(weeks=mondays, rows=out)
