"""Improvement actions (改进事项, 落实改进) born of a project's closure: each comes from an item
of the customer's evaluation of our organisation, a dissatisfied point or improvement item of
the satisfaction analysis, or a lesson (the source is kept), has an owner and a due day (a
reminder for the owner at 09:00 while it is unfinished) and moves 打开 open → 进行中 in progress
→ 已完成 done → 已验证 verified; someone other than the owner verifies, and a verification that
fails sends it back to in progress. They stay writable once the project is archived: carrying
them out often outlasts the project."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import MISSING, check_version
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, active_user_refs, user_refs
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.closure import repository as repo
from pcrm.projects.closure.models import ImprovementAction
from pcrm.projects.closure.schemas import (
    ImprovementMove,
    ImprovementRead,
    ImprovementUpdate,
    ImprovementWrite,
)
from pcrm.projects.closure.vocab import (
    EVALUATION_DIMENSIONS,
    EVALUATION_TEXTS,
    IMPROVEMENT_MOVES,
    UNFINISHED,
    ImprovementSource,
    ImprovementStatus,
)
from pcrm.projects.projects import repository as projects_repo
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project

SOURCE = "project_improvement"
REMINDER_HOUR = time(9, 0)
TITLE = N_("Improvement action due: %(title)s")
OTHER_VERIFIER = N_("Someone other than the owner verifies an improvement action.")
VERIFIED_FOR_GOOD = N_("A verified improvement action can no longer change.")
MOVE_REFUSED = {
    ImprovementStatus.OPEN: N_("An improvement action cannot go back to open."),
    ImprovementStatus.IN_PROGRESS: N_(
        "Work starts on an open action, or resumes on a done one that failed verification."
    ),
    ImprovementStatus.DONE: N_("Only an action in progress can be done."),
    ImprovementStatus.VERIFIED: N_("Only a done action can be verified."),
}


def _reads(
    db: Session, principal: Principal, rows: Sequence[tuple[ImprovementAction, str, str]]
) -> list[ImprovementRead]:
    """From (action, project code, project name) rows."""
    ids = {r[0].owner_id for r in rows if r[0].owner_id}
    ids |= {r[0].verified_by_id for r in rows if r[0].verified_by_id}
    users = user_refs(db, principal.scope, ids)
    today = principal.today()

    def name(uid: int | None) -> str | None:
        return users[uid].name if uid is not None and uid in users else None

    return [
        ImprovementRead(
            id=a.id,
            project_id=a.project_id,
            project_code=code,
            project_name=pname,
            title=a.title,
            source=a.source,
            source_detail=a.source_detail,
            lesson_id=a.lesson_id,
            owner_id=a.owner_id,
            owner_name=name(a.owner_id),
            due_on=a.due_on,
            overdue=a.status in UNFINISHED and a.due_on < today,
            status=a.status,
            note=a.note,
            done_on=a.done_on,
            verified_by_id=a.verified_by_id,
            verified_by_name=name(a.verified_by_id),
            verified_on=a.verified_on,
            next_statuses=list(IMPROVEMENT_MOVES[a.status]),
            version=a.version,
        )
        for a, code, pname in rows
    ]


def _read(
    db: Session, principal: Principal, project: Project, a: ImprovementAction
) -> ImprovementRead:
    return _reads(db, principal, [(a, project.code, project.name)])[0]


def _project(db: Session, principal: Principal, project_id: int) -> Project:
    """The project for a write on its improvement actions, whatever its status."""
    principal.require(Permission.WRITE_PROJECTS)
    return projects_repo.project(db, principal.scope, project_id)


def _remind(db: Session, principal: Principal, a: ImprovementAction) -> None:
    plan = None
    if a.status in UNFINISHED and a.owner_id is not None:
        due = datetime.combine(a.due_on, REMINDER_HOUR, tzinfo=ZoneInfo(principal.timezone))
        title = translate(principal.locale or "zh_CN", TITLE, title=a.title)
        plan = ReminderPlan(a.owner_id, due, title, f"/projects/{a.project_id}?tab=closure")
    keep_reminder(db, principal.scope, SOURCE, a.id, plan)


def _check_owner(db: Session, principal: Principal, owner_id: int | None) -> None:
    if owner_id is not None and owner_id not in {
        u.id for u in active_user_refs(db, principal.scope)
    }:
        raise ValidationFailed(
            [FieldError("owner_id", N_("Choose an active user of this workspace."))]
        )


def _check_source(
    db: Session, principal: Principal, project_id: int, data: ImprovementWrite
) -> None:
    """The source must exist on this project: the evaluation's item, the analysis's point as
    written there, or one of its lessons."""
    detail = data.source_detail
    error: FieldError | None = None
    if data.source is ImprovementSource.EVALUATION:
        evaluation = repo.evaluation(db, principal.scope, project_id)
        if evaluation is None:
            error = FieldError("source", N_("The customer's evaluation is not filled yet."))
        elif detail not in {*EVALUATION_DIMENSIONS, *EVALUATION_TEXTS}:
            error = FieldError("source_detail", N_("Choose an item of the customer's evaluation."))
    elif data.source in (ImprovementSource.DISSATISFIED, ImprovementSource.IMPROVEMENT_ITEM):
        analysis = repo.analysis(db, principal.scope, project_id)
        points = []
        if analysis is not None:
            points = (
                analysis.dissatisfied_points
                if data.source is ImprovementSource.DISSATISFIED
                else analysis.improvement_items
            )
        if detail not in points:
            error = FieldError(
                "source_detail", N_("Choose a point of the customer satisfaction analysis.")
            )
    else:
        lesson = None
        if data.lesson_id is not None:
            try:
                lesson = repo.lesson(db, principal.scope, data.lesson_id)
            except NotFound:
                lesson = None
        if lesson is None or lesson.project_id != project_id:
            error = FieldError("lesson_id", N_("Choose a lesson of this project."))
    if error is not None:
        raise ValidationFailed([error])


def improvements(db: Session, principal: Principal, project_id: int) -> list[ImprovementRead]:
    projects.get_project(db, principal, project_id)
    return _reads(db, principal, repo.improvements(db, principal.scope, project_id=project_id))


def all_improvements(
    db: Session,
    principal: Principal,
    *,
    project_id: int | None = None,
    owner_id: int | None = None,
    statuses: Sequence[ImprovementStatus] = (),
) -> list[ImprovementRead]:
    """Across projects (the open ones unless statuses are given), by due day."""
    chosen = statuses or UNFINISHED
    rows = repo.improvements(
        db, principal.scope, project_id=project_id, owner_id=owner_id, statuses=chosen
    )
    return _reads(db, principal, rows)


def add_improvement(
    db: Session, principal: Principal, project_id: int, data: ImprovementWrite
) -> ImprovementRead:
    project = _project(db, principal, project_id)
    _check_owner(db, principal, data.owner_id)
    _check_source(db, principal, project_id, data)
    action = ImprovementAction(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        title=data.title,
        source=data.source,
        source_detail=data.source_detail if data.source is not ImprovementSource.LESSON else None,
        lesson_id=data.lesson_id if data.source is ImprovementSource.LESSON else None,
        owner_id=data.owner_id,
        due_on=data.due_on,
        note=data.note,
    )
    db.add(action)
    db.flush()
    _remind(db, principal, action)
    return _read(db, principal, project, action)


def _of(
    db: Session, principal: Principal, project_id: int, improvement_id: int
) -> ImprovementAction:
    found = repo.improvement(db, principal.scope, improvement_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def update_improvement(
    db: Session,
    principal: Principal,
    project_id: int,
    improvement_id: int,
    data: ImprovementUpdate,
    expected_version: int | None = MISSING,
) -> ImprovementRead:
    project = _project(db, principal, project_id)
    action = _of(db, principal, project_id, improvement_id)
    check_version(action.version, expected_version)
    if action.status is ImprovementStatus.VERIFIED:
        raise Conflict(VERIFIED_FOR_GOOD)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(k, N_("This field is required."), "missing")
        for k in ("title", "owner_id", "due_on")
        if k in changes and changes[k] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    _check_owner(db, principal, changes.get("owner_id"))
    for key, value in changes.items():
        setattr(action, key, value)
    db.flush()
    _remind(db, principal, action)
    return _read(db, principal, project, action)


def move_improvement(
    db: Session,
    principal: Principal,
    project_id: int,
    improvement_id: int,
    data: ImprovementMove,
    expected_version: int | None = MISSING,
) -> ImprovementRead:
    project = _project(db, principal, project_id)
    action = _of(db, principal, project_id, improvement_id)
    check_version(action.version, expected_version)
    if data.status not in IMPROVEMENT_MOVES[action.status]:
        raise Conflict(
            VERIFIED_FOR_GOOD
            if action.status is ImprovementStatus.VERIFIED
            else MOVE_REFUSED[data.status]
        )
    day = data.on or principal.today()
    if data.status is ImprovementStatus.VERIFIED:
        if action.owner_id == principal.user_id:
            raise Conflict(OTHER_VERIFIER)
        action.verified_by_id, action.verified_on = principal.user_id, day
    elif data.status is ImprovementStatus.DONE:
        action.done_on = day
    elif action.status is ImprovementStatus.DONE:  # the verification failed: back to work
        action.done_on = None
    action.status = data.status
    db.flush()
    _remind(db, principal, action)
    return _read(db, principal, project, action)


def remove_improvement(
    db: Session,
    principal: Principal,
    project_id: int,
    improvement_id: int,
    expected_version: int | None = MISSING,
) -> None:
    _project(db, principal, project_id)
    action = _of(db, principal, project_id, improvement_id)
    check_version(action.version, expected_version)
    keep_reminder(db, principal.scope, SOURCE, action.id, None)
    db.delete(action)
    db.flush()


def owner_choices(db: Session, principal: Principal) -> list[tuple[int, str]]:
    return [(u.id, u.name) for u in active_user_refs(db, principal.scope)]


def project_choices(db: Session, principal: Principal) -> list[tuple[int, str, str]]:
    return repo.projects_with_improvements(db, principal.scope)
