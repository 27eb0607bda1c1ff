"""The plan's rules: WBS tasks, finish-to-start dependencies, buffers and deliverables.

Every change is checked against the plan as it would be after it (schedule.py): a task ends on
or after its start, a link joins two tasks of the same project, makes no loop, and the planned
dates respect every link (the successor starts no earlier than the predecessor's finish plus
the lag). A refused change writes nothing. The same checks serve the form, the Gantt's drag and
the API, since all of them call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.errors import Conflict, FieldError, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal, active_user_refs, user_refs
from pcrm.projects.deliverables.vocab import SETTLED
from pcrm.projects.plan import repository as repo
from pcrm.projects.plan import schedule
from pcrm.projects.plan.models import Deliverable, PlanBuffer, PlanTask, TaskDependency
from pcrm.projects.plan.schemas import (
    BufferRead,
    BufferUpdate,
    BufferWrite,
    DeliverableRead,
    DeliverableUpdate,
    DeliverableWrite,
    DependencyCreate,
    DependencyRead,
    DependencyUpdate,
    TaskCreate,
    TaskRead,
    TaskUpdate,
)
from pcrm.projects.projects import service as projects
from pcrm.projects.requirements import repository as requirements
from pcrm.projects.schemas import ENDS_BEFORE_START

STARTS_TOO_EARLY = N_("The task would start before a predecessor finishes (with the lag).")
ENDS_TOO_LATE = N_("The task would finish after a successor is due to start (with the lag).")
LINK_BREAKS_DATES = N_(
    "The successor is planned to start before the predecessor finishes (with the lag): "
    "move it first."
)
LOOP = N_("This link would make a loop: a task would wait for itself.")
TO_ITSELF = N_("A task cannot depend on itself.")
ACROSS_PROJECTS = N_("Link tasks of the same project.")
ALREADY_LINKED = N_("These two tasks are already linked.")
NO_END = N_("Give the end or the duration of the task.")
DECIDED = N_(
    "The customer accepted or waived this deliverable: it stays as the record of that decision."
)
PARENT_ELSEWHERE = N_("Choose a task of this project as the parent.")
PARENT_LOOP = N_("A task cannot be placed under itself or one of its subtasks.")
HAS_SUBTASKS = N_("This task has subtasks: move or remove them first.")
NOT_AN_OWNER = N_("Choose an active user of this workspace.")
NOT_A_MILESTONE = N_("Choose a milestone of this project.")
NOT_REQUIREMENTS = N_("Choose requirements of this project.")
REQUIRED = N_("This field is required.")


# --- reading ------------------------------------------------------------------------------


def task_reads(db: Session, scope: WorkspaceScope, rows: Sequence[PlanTask]) -> list[TaskRead]:
    owners = user_refs(db, scope, {t.owner_id for t in rows if t.owner_id})
    return [
        TaskRead(
            id=t.id,
            project_id=t.project_id,
            parent_id=t.parent_id,
            name=t.name,
            phase=t.phase,
            owner_id=t.owner_id,
            owner_name=owners[t.owner_id].name if t.owner_id in owners else None,
            start_on=t.start_on,
            end_on=t.end_on,
            duration_days=0 if t.is_milestone else (t.end_on - t.start_on).days + 1,
            progress=t.progress,
            is_milestone=t.is_milestone,
            version=t.version,
        )
        for t in rows
    ]


def tasks(db: Session, principal: Principal, project_id: int) -> list[TaskRead]:
    projects.get_project(db, principal, project_id)
    return task_reads(db, principal.scope, repo.tasks(db, principal.scope, project_id))


def task(db: Session, principal: Principal, project_id: int, task_id: int) -> TaskRead:
    """One task of the project (NotFound for another project's or workspace's)."""
    projects.get_project(db, principal, project_id)
    found = repo.one(db, principal.scope, PlanTask, task_id, project_id)
    return task_reads(db, principal.scope, [found])[0]


def dependencies(db: Session, principal: Principal, project_id: int) -> list[DependencyRead]:
    projects.get_project(db, principal, project_id)
    return [
        DependencyRead.model_validate(d) for d in repo.dependencies(db, principal.scope, project_id)
    ]


def buffers(db: Session, principal: Principal, project_id: int) -> list[BufferRead]:
    projects.get_project(db, principal, project_id)
    return [BufferRead.model_validate(b) for b in repo.buffers(db, principal.scope, project_id)]


def deliverables(db: Session, principal: Principal, project_id: int) -> list[DeliverableRead]:
    projects.get_project(db, principal, project_id)
    return [
        DeliverableRead.model_validate(d)
        for d in repo.deliverables(db, principal.scope, project_id)
    ]


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """A task's place in the work breakdown: its outline number (1.2.3) and depth."""

    id: int
    parent_id: int | None
    name: str
    is_milestone: bool
    wbs: str
    depth: int


def wbs_order(rows: Sequence[Any]) -> list[tuple[Any, str, int]]:
    """Rows with `id` and `parent_id` (in start order) in WBS order, each under its parent,
    with its outline number and depth; a row whose parent is not among them is at the top."""
    children: dict[int | None, list[Any]] = {}
    known = {r.id for r in rows}
    for r in rows:
        children.setdefault(r.parent_id if r.parent_id in known else None, []).append(r)
    ordered: list[tuple[Any, str, int]] = []
    # an explicit stack: a deep breakdown must not hit the recursion limit
    stack: list[tuple[Any, str, int]] = [
        (r, str(n), 0) for n, r in reversed(list(enumerate(children.get(None, []), start=1)))
    ]
    while stack:
        row, number, depth = stack.pop()
        ordered.append((row, number, depth))
        below = children.get(row.id, [])
        stack.extend(
            (r, f"{number}.{n}", depth + 1) for n, r in reversed(list(enumerate(below, start=1)))
        )
    return ordered


def outline(db: Session, principal: Principal, project_id: int) -> list[OutlineEntry]:
    projects.get_project(db, principal, project_id)
    rows = repo.outline_rows(db, principal.scope, project_id)
    return [
        OutlineEntry(r.id, r.parent_id, r.name, r.is_milestone, number, depth)
        for r, number, depth in wbs_order(rows)
    ]


LOOKUP_LIMIT = 20


def find_tasks(
    db: Session,
    principal: Principal,
    project_id: int,
    text: str,
    *,
    milestones_only: bool = False,
    exclude: int | None = None,
    limit: int = LOOKUP_LIMIT,
) -> list[OutlineEntry]:
    """The project's tasks whose WBS number starts with `text` or whose name contains it
    (any case, Chinese alike), in WBS order, at most `limit`, less `exclude` (the task being
    edited); the first ones for a blank text."""
    wanted = text.strip().casefold()
    found = []
    for entry in outline(db, principal, project_id):
        if (milestones_only and not entry.is_milestone) or entry.id == exclude:
            continue
        if wanted and not (entry.wbs.startswith(wanted) or wanted in entry.name.casefold()):
            continue
        found.append(entry)
        if len(found) >= limit:
            break
    return found


# --- the checks ------------------------------------------------------------------------------


def as_task(row: PlanTask) -> schedule.Task:
    return schedule.Task(row.id, row.start_on, row.end_on, row.is_milestone)


def as_link(row: TaskDependency) -> schedule.Link:
    return schedule.Link(row.predecessor_id, row.successor_id, row.lag_days)


@dataclass(frozen=True, slots=True)
class Dates:
    start_on: date
    end_on: date
    is_milestone: bool


def _dates(
    start_on: date, end_on: date | None, duration: int | None, milestone: bool
) -> Dates | None:
    """The task's first and last day from the end or the duration (a milestone: one day)."""
    if milestone:
        return Dates(start_on, start_on, True)
    if duration is not None:
        return Dates(start_on, start_on + timedelta(days=duration - 1), False)
    if end_on is None:
        return None
    return Dates(start_on, end_on, False)


def _check_dates(
    db: Session, scope: WorkspaceScope, project_id: int, task_id: int | None, dates: Dates
) -> list[FieldError]:
    """The task's dates against its links: a start before a predecessor's finish plus lag,
    or a finish that pushes a successor past its planned start."""
    if dates.end_on < dates.start_on:
        return [FieldError("end_on", ENDS_BEFORE_START)]
    if task_id is None:
        return []
    links = [
        as_link(d)
        for d in repo.dependencies(db, scope, project_id)
        if task_id in (d.predecessor_id, d.successor_id)
    ]
    if not links:
        return []
    others = {link.predecessor for link in links} | {link.successor for link in links}
    plan = [as_task(t) for t in repo.tasks(db, scope, project_id) if t.id in others - {task_id}]
    plan.append(schedule.Task(task_id, dates.start_on, dates.end_on, dates.is_milestone))
    errors = []
    broken = schedule.broken_links(plan, links)
    if any(link.successor == task_id for link in broken):
        errors.append(FieldError("start_on", STARTS_TOO_EARLY))
    if any(link.predecessor == task_id for link in broken):
        errors.append(FieldError("end_on", ENDS_TOO_LATE))
    return errors


def _check_parent(
    db: Session, scope: WorkspaceScope, project_id: int, task_id: int | None, parent_id: int
) -> FieldError | None:
    rows = {t.id: t for t in repo.tasks(db, scope, project_id)}
    if parent_id not in rows:
        return FieldError("parent_id", PARENT_ELSEWHERE)
    at: int | None = parent_id
    while at is not None:
        if at == task_id:
            return FieldError("parent_id", PARENT_LOOP)
        at = rows[at].parent_id
    return None


def _check_owner(db: Session, scope: WorkspaceScope, owner_id: int | None) -> FieldError | None:
    if owner_id is not None and owner_id not in {u.id for u in active_user_refs(db, scope)}:
        return FieldError("owner_id", NOT_AN_OWNER)
    return None


# --- tasks -----------------------------------------------------------------------------------


def add_task(db: Session, principal: Principal, project_id: int, data: TaskCreate) -> TaskRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    errors: list[FieldError] = []
    dates = _dates(data.start_on, data.end_on, data.duration_days, data.is_milestone)
    if dates is None:
        errors.append(FieldError("end_on", NO_END, "missing"))
    else:
        errors += _check_dates(db, scope, project.id, None, dates)
    if data.parent_id is not None:
        errors += [e for e in [_check_parent(db, scope, project.id, None, data.parent_id)] if e]
    errors += [e for e in [_check_owner(db, scope, data.owner_id)] if e]
    if errors or dates is None:
        raise ValidationFailed(errors)
    task = PlanTask(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        parent_id=data.parent_id,
        name=data.name,
        phase=data.phase,
        owner_id=data.owner_id,
        start_on=dates.start_on,
        end_on=dates.end_on,
        progress=data.progress,
        is_milestone=dates.is_milestone,
    )
    db.add(task)
    db.flush()
    return task_reads(db, scope, [task])[0]


def update_task(
    db: Session,
    principal: Principal,
    project_id: int,
    task_id: int,
    data: TaskUpdate,
    expected_version: int | None = None,
) -> TaskRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    task = repo.one(db, scope, PlanTask, task_id, project_id)
    check_version(task.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(name, REQUIRED, "missing")
        for name in ("name", "start_on", "progress", "is_milestone")
        if name in changes and changes[name] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    milestone = changes.get("is_milestone", task.is_milestone)
    start_on = changes.get("start_on", task.start_on)
    duration = changes.get("duration_days")
    end_on = changes.get("end_on")
    if end_on is None and duration is None:
        # a moved start keeps the task's length, as dragging a bar does
        end_on = start_on + (task.end_on - task.start_on)
    dates = _dates(start_on, end_on, duration, milestone) or Dates(start_on, start_on, milestone)
    errors += _check_dates(db, scope, project_id, task.id, dates)
    if changes.get("parent_id") is not None:
        errors += [
            e for e in [_check_parent(db, scope, project_id, task.id, changes["parent_id"])] if e
        ]
    if "owner_id" in changes:
        errors += [e for e in [_check_owner(db, scope, changes["owner_id"])] if e]
    if errors:
        raise ValidationFailed(errors)
    for key in ("name", "parent_id", "phase", "owner_id", "progress"):
        if key in changes:
            setattr(task, key, changes[key])
    task.start_on, task.end_on, task.is_milestone = dates.start_on, dates.end_on, milestone
    db.flush()
    return task_reads(db, scope, [task])[0]


def remove_task(
    db: Session,
    principal: Principal,
    project_id: int,
    task_id: int,
    expected_version: int | None = None,
) -> None:
    """Remove a task with its links (each audited); its deliverables lose their milestone."""
    projects.writable(db, principal, project_id)
    scope = principal.scope
    task = repo.one(db, scope, PlanTask, task_id, project_id)
    check_version(task.version, expected_version)
    if any(t.parent_id == task.id for t in repo.tasks(db, scope, project_id)):
        raise Conflict(HAS_SUBTASKS)
    for link in repo.dependencies(db, scope, project_id):
        if task.id in (link.predecessor_id, link.successor_id):
            db.delete(link)
    for deliverable in repo.deliverables(db, scope, project_id):
        if deliverable.milestone_id == task.id:
            deliverable.milestone_id = None
    db.flush()
    db.delete(task)
    db.flush()


# --- dependencies ----------------------------------------------------------------------------


def add_dependency(
    db: Session, principal: Principal, project_id: int, data: DependencyCreate
) -> DependencyRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    rows = {t.id: t for t in repo.tasks(db, scope, project.id)}
    errors = []
    for field, task_id in (
        ("predecessor_id", data.predecessor_id),
        ("successor_id", data.successor_id),
    ):
        if task_id not in rows:
            elsewhere = repo.task_anywhere(db, scope, task_id) is not None
            errors.append(FieldError(field, ACROSS_PROJECTS if elsewhere else N_("Choose a task.")))
    if errors:
        raise ValidationFailed(errors)
    if data.predecessor_id == data.successor_id:
        raise field_error("successor_id", TO_ITSELF)
    existing = repo.dependencies(db, scope, project.id)
    if any(
        (d.predecessor_id, d.successor_id) == (data.predecessor_id, data.successor_id)
        for d in existing
    ):
        raise Conflict(ALREADY_LINKED)
    new = schedule.Link(data.predecessor_id, data.successor_id, data.lag_days)
    links = [as_link(d) for d in existing]
    if schedule.creates_cycle(rows, links, new):
        raise field_error("successor_id", LOOP)
    pair = [as_task(rows[data.predecessor_id]), as_task(rows[data.successor_id])]
    if schedule.broken_links(pair, [new]):
        raise field_error("lag_days", LINK_BREAKS_DATES)
    dependency = TaskDependency(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        predecessor_id=data.predecessor_id,
        successor_id=data.successor_id,
        lag_days=data.lag_days,
    )
    db.add(dependency)
    db.flush()
    return DependencyRead.model_validate(dependency)


def update_dependency(
    db: Session,
    principal: Principal,
    project_id: int,
    dependency_id: int,
    data: DependencyUpdate,
    expected_version: int | None = None,
) -> DependencyRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    dependency = repo.one(db, scope, TaskDependency, dependency_id, project_id)
    check_version(dependency.version, expected_version)
    before = repo.one(db, scope, PlanTask, dependency.predecessor_id, project_id)
    after = repo.one(db, scope, PlanTask, dependency.successor_id, project_id)
    link = schedule.Link(before.id, after.id, data.lag_days)
    if schedule.broken_links([as_task(before), as_task(after)], [link]):
        raise field_error("lag_days", LINK_BREAKS_DATES)
    dependency.lag_days = data.lag_days
    db.flush()
    return DependencyRead.model_validate(dependency)


def remove_dependency(
    db: Session,
    principal: Principal,
    project_id: int,
    dependency_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    dependency = repo.one(db, principal.scope, TaskDependency, dependency_id, project_id)
    check_version(dependency.version, expected_version)
    db.delete(dependency)
    db.flush()


# --- buffers ---------------------------------------------------------------------------------


def add_buffer(db: Session, principal: Principal, project_id: int, data: BufferWrite) -> BufferRead:
    project = projects.writable(db, principal, project_id)
    buffer = PlanBuffer(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        phase=data.phase,
        days=data.days,
        note=data.note,
    )
    db.add(buffer)
    db.flush()
    return BufferRead.model_validate(buffer)


def update_buffer(
    db: Session,
    principal: Principal,
    project_id: int,
    buffer_id: int,
    data: BufferUpdate,
    expected_version: int | None = None,
) -> BufferRead:
    projects.writable(db, principal, project_id)
    buffer = repo.one(db, principal.scope, PlanBuffer, buffer_id, project_id)
    check_version(buffer.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "days" in changes and changes["days"] is None:
        raise field_error("days", REQUIRED, "missing")
    for key, value in changes.items():
        setattr(buffer, key, value)
    db.flush()
    return BufferRead.model_validate(buffer)


def remove_buffer(
    db: Session,
    principal: Principal,
    project_id: int,
    buffer_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    buffer = repo.one(db, principal.scope, PlanBuffer, buffer_id, project_id)
    check_version(buffer.version, expected_version)
    db.delete(buffer)
    db.flush()


# --- deliverables ----------------------------------------------------------------------------


def _check_deliverable(
    db: Session,
    scope: WorkspaceScope,
    project_id: int,
    milestone_id: int | None,
    requirement_ids: Sequence[int],
) -> None:
    errors = []
    if milestone_id is not None:
        milestones = {t.id for t in repo.tasks(db, scope, project_id) if t.is_milestone}
        if milestone_id not in milestones:
            errors.append(FieldError("milestone_id", NOT_A_MILESTONE))
    if requirement_ids:
        known = {r.id for r in requirements.requirements(db, scope, project_id)}
        if not set(requirement_ids) <= known:
            errors.append(FieldError("requirement_ids", NOT_REQUIREMENTS))
    if errors:
        raise ValidationFailed(errors)


def add_deliverable(
    db: Session, principal: Principal, project_id: int, data: DeliverableWrite
) -> DeliverableRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    _check_deliverable(db, scope, project.id, data.milestone_id, data.requirement_ids)
    deliverable = Deliverable(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        name=data.name,
        description=data.description,
        milestone_id=data.milestone_id,
        requirement_ids=sorted(set(data.requirement_ids)),
    )
    db.add(deliverable)
    db.flush()
    return DeliverableRead.model_validate(deliverable)


def update_deliverable(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    data: DeliverableUpdate,
    expected_version: int | None = None,
) -> DeliverableRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    deliverable = repo.one(db, scope, Deliverable, deliverable_id, project_id)
    check_version(deliverable.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] is None:
        raise field_error("name", REQUIRED, "missing")
    wanted = changes.get("requirement_ids")
    _check_deliverable(
        db,
        scope,
        project_id,
        changes.get("milestone_id", deliverable.milestone_id),
        wanted or [],
    )
    for key, value in changes.items():
        setattr(deliverable, key, sorted(set(value or [])) if key == "requirement_ids" else value)
    db.flush()
    return DeliverableRead.model_validate(deliverable)


def remove_deliverable(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    deliverable = repo.one(db, principal.scope, Deliverable, deliverable_id, project_id)
    check_version(deliverable.version, expected_version)
    if deliverable.status in SETTLED:  # the customer's decision and its inspections stay
        raise Conflict(DECIDED)
    db.delete(deliverable)
    db.flush()
