"""The follow-up plan (回访) of a closed project: visits due some months after closure (1, 3 and
12 unless chosen), each a reminder for the project manager (or, while the project has none,
whoever closed it) at 09:00 of its day; recording a visit as held removes the reminder. They
stay writable once the project is archived: the visits come long after."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.errors import Conflict, NotFound
from pcrm.core.etag import MISSING, check_version
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.closure import repository as repo
from pcrm.projects.closure.models import FollowUp
from pcrm.projects.closure.schemas import FollowUpDone, FollowUpRead, FollowUpUpdate, FollowUpWrite
from pcrm.projects.projects import repository as projects_repo
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.vocab import ProjectStatus

SOURCE = "project_follow_up"
REMINDER_HOUR = time(9, 0)
TITLE = N_("Follow-up visit due: %(project)s")
NOT_CLOSED_YET = N_("Follow-ups are planned once the project is closed.")
AFTER_CLOSURE = (ProjectStatus.CLOSED, ProjectStatus.ARCHIVED)


def _reads(db: Session, principal: Principal, rows: Sequence[FollowUp]) -> list[FollowUpRead]:
    users = user_refs(db, principal.scope, {r.done_by_id for r in rows if r.done_by_id})
    return [
        FollowUpRead(
            id=r.id,
            project_id=r.project_id,
            due_on=r.due_on,
            done_on=r.done_on,
            note=r.note,
            done_by_id=r.done_by_id,
            done_by_name=users[r.done_by_id].name if r.done_by_id in users else None,
            version=r.version,
        )
        for r in rows
    ]


def _remind(db: Session, principal: Principal, project: Project, row: FollowUp) -> None:
    plan = None
    if row.done_on is None:
        due = datetime.combine(row.due_on, REMINDER_HOUR, tzinfo=ZoneInfo(principal.timezone))
        title = translate(principal.locale or "zh_CN", TITLE, project=project.name)
        user = project.manager_id or principal.user_id
        plan = ReminderPlan(user, due, title, f"/projects/{project.id}?tab=closure")
    keep_reminder(db, principal.scope, SOURCE, row.id, plan)


def plan(
    db: Session, principal: Principal, project: Project, day: date, note: str | None
) -> FollowUp:
    row = FollowUp(
        workspace_id=principal.scope.workspace_id, project_id=project.id, due_on=day, note=note
    )
    db.add(row)
    db.flush()
    _remind(db, principal, project, row)
    return row


def _project(db: Session, principal: Principal, project_id: int) -> Project:
    """The project for a follow-up write, the right checked (403, then 404)."""
    principal.require(Permission.WRITE_PROJECTS)
    return projects_repo.project(db, principal.scope, project_id)


def _closed(db: Session, principal: Principal, project_id: int) -> Project:
    """The project for a new follow-up: closed or archived (409 before)."""
    project = _project(db, principal, project_id)
    _after_closure(project)
    return project


def _after_closure(project: Project) -> None:
    if project.status not in AFTER_CLOSURE:
        raise Conflict(NOT_CLOSED_YET)


def _of(db: Session, principal: Principal, project_id: int, follow_up_id: int) -> FollowUp:
    found = repo.follow_up(db, principal.scope, follow_up_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def follow_ups(db: Session, principal: Principal, project_id: int) -> list[FollowUpRead]:
    projects.get_project(db, principal, project_id)
    return _reads(db, principal, repo.follow_ups(db, principal.scope, project_id))


def add_follow_up(
    db: Session, principal: Principal, project_id: int, data: FollowUpWrite
) -> FollowUpRead:
    project = _closed(db, principal, project_id)
    return _reads(db, principal, [plan(db, principal, project, data.due_on, data.note)])[0]


def update_follow_up(
    db: Session,
    principal: Principal,
    project_id: int,
    follow_up_id: int,
    data: FollowUpUpdate,
    expected_version: int | None = MISSING,
) -> FollowUpRead:
    project = _project(db, principal, project_id)
    row = _of(db, principal, project_id, follow_up_id)
    check_version(row.version, expected_version)
    _after_closure(project)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("due_on") is not None:
        row.due_on = changes["due_on"]
    if "note" in changes:
        row.note = changes["note"] or None
    db.flush()
    _remind(db, principal, project, row)
    return _reads(db, principal, [row])[0]


def record_follow_up(
    db: Session,
    principal: Principal,
    project_id: int,
    follow_up_id: int,
    data: FollowUpDone,
    expected_version: int | None = MISSING,
) -> FollowUpRead:
    """The visit was held: when, by whom (the recording user) and what came of it."""
    project = _project(db, principal, project_id)
    row = _of(db, principal, project_id, follow_up_id)
    check_version(row.version, expected_version)
    _after_closure(project)
    if row.done_on is not None:
        raise Conflict(N_("This follow-up is already recorded as held."))
    row.done_on = data.done_on or principal.today()
    row.done_by_id = principal.user_id
    if data.note:
        row.note = data.note
    db.flush()
    _remind(db, principal, project, row)
    return _reads(db, principal, [row])[0]


def remove_follow_up(
    db: Session,
    principal: Principal,
    project_id: int,
    follow_up_id: int,
    expected_version: int | None = MISSING,
) -> None:
    project = _project(db, principal, project_id)
    row = _of(db, principal, project_id, follow_up_id)
    check_version(row.version, expected_version)
    _after_closure(project)
    keep_reminder(db, principal.scope, SOURCE, row.id, None)
    db.delete(row)
    db.flush()
