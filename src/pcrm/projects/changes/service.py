"""Change requests (变更请求): raised by the customer (a contact of the project's account) or
by us as a scope adjustment, with what they touch (requirements, tasks, deliverables) and where
they were discussed (activities), and their options (方案), each with a cost Δ, a schedule Δ in
working days on some of the affected tasks (its effect computed by impact.py through the plan's
own arithmetic), a quality or scope effect and new risks. An option without any impact is
refused. The steps and the customer's decision are in decision/service.py."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people, activities_involving, contacts_by_ids
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.identity.public import Permission, Principal
from pcrm.projects.changes import impact
from pcrm.projects.changes import repository as repo
from pcrm.projects.changes.models import ChangeOption, ChangeRequest
from pcrm.projects.changes.schemas import (
    ChangeDetail,
    ChangeList,
    ChangeRead,
    ChangeUpdate,
    ChangeWrite,
    DecisionRead,
    Impact,
    MovedTask,
    OptionRead,
    OptionUpdate,
    OptionWrite,
    Ref,
)
from pcrm.projects.changes.vocab import ID_LISTS, ChangeOrigin, ChangeState, ImpactLevel
from pcrm.projects.meetings import repository as meetings
from pcrm.projects.plan import repository as plan
from pcrm.projects.plan import schedule
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements import repository as requirements

EDITABLE = (ChangeState.SUBMITTED, ChangeState.IMPACT_ANALYSED)
OPTIONS_OPEN = (ChangeState.SUBMITTED, ChangeState.IMPACT_ANALYSED, ChangeState.AWAITING_DECISION)
BEFORE_DECISION = OPTIONS_OPEN
# The kind under which the evidence of a customer's decision is kept among the project's files.
EVIDENCE_KIND = "change_decision_evidence"
ACTIVITY_CHOICES = 200

NOT_EDITABLE = N_(
    "A change request can be edited only until it goes to the customer for a decision."
)
OPTIONS_CLOSED = N_(
    "Options can be added or removed only until the change request goes to the customer."
)
OPTION_FROZEN = N_("Options can be changed only until the customer decides.")
NOT_SUBMITTED = N_("Only a submitted change request can have its impact analysed.")
NOT_ANALYSED = N_("Only a change request whose impact is analysed can go to the customer.")
NOT_AWAITING = N_("Only a change request awaiting the customer's decision can be decided.")
NOT_APPROVED = N_("Only an approved change request can be implemented.")
NOT_WITHDRAWABLE = N_("A change request can be withdrawn only before the customer decides.")
STALE_OPTION = N_(
    "The option has changed since the customer saw it: reload and record the decision on the "
    "current version."
)
NO_IMPACT = N_("An option must change the cost, the schedule or the quality, or bring a new risk.")
FUTURE = N_("The date cannot be in the future.")
TOO_FEW_OPTIONS = N_("Add at least one option before the analysis.")
TOO_FEW_OURS = N_("A change we raise needs at least two options for the customer to choose from.")


def code(number: int) -> str:
    return f"CR-{number:03d}"


def _label(position: int) -> str:
    return chr(ord("A") + position) if position < 26 else str(position + 1)


# --- reading ---------------------------------------------------------------------------------


class _Names:
    """The names of what the change requests of one project point at, read once."""

    def __init__(
        self, db: Session, principal: Principal, project: Project, rows: Sequence[ChangeRequest]
    ) -> None:
        scope = principal.scope
        self.requirements = {
            r.id: f"R-{r.number:03d} {r.title}"
            for r in requirements.requirements(db, scope, project.id)
        }
        self.tasks = {t.id: t.name for t in plan.tasks(db, scope, project.id)}
        self.deliverables = {d.id: d.name for d in plan.deliverables(db, scope, project.id)}
        contact_ids = {r.raised_by_contact_id for r in rows if r.raised_by_contact_id}
        contacts = contacts_by_ids(db, scope, contact_ids) if contact_ids else {}
        self.contacts = {cid: c.name for cid, c in contacts.items()}
        wanted = {a for r in rows for a in r.activity_ids}
        self.activities = activity_choices(db, principal, project) if wanted else {}
        held = {m for r in rows for m in r.meeting_ids}
        self.meetings = meeting_choices(db, principal, project) if held else {}


def activity_choices(db: Session, principal: Principal, project: Project) -> dict[int, str]:
    """The latest activities with the account's people, as `date · subject`, by id."""
    people = {p.id for p in account_people(db, principal, project.account_id)}
    if not people:
        return {}
    found = activities_involving(db, principal, project.account_id, people, limit=ACTIVITY_CHOICES)
    return {a.id: f"{a.occurred_at.date().isoformat()} · {a.subject}" for a in found}


def meeting_choices(db: Session, principal: Principal, project: Project) -> dict[int, str]:
    """The project's meetings, as `date · title`, by id, newest first."""
    return {
        m.id: f"{m.held_on.isoformat()} · {m.title}"
        for m in meetings.meetings(db, principal.scope, project.id)
    }


def _refs(ids: list[Any], names: dict[int, str]) -> list[Ref]:
    return [Ref(id=i, label=names[i]) for i in ids if i in names]


def _read(change: ChangeRequest, names: _Names) -> ChangeRead:
    return ChangeRead(
        id=change.id,
        project_id=change.project_id,
        number=change.number,
        code=code(change.number),
        title=change.title,
        origin=change.origin,
        raised_by_contact_id=change.raised_by_contact_id,
        raised_by_name=names.contacts.get(change.raised_by_contact_id)
        if change.raised_by_contact_id
        else None,
        raised_on=change.raised_on,
        reason=change.reason,
        category=change.category,
        billable=change.billable,
        state=change.state,
        requirements=_refs(change.requirement_ids, names.requirements),
        tasks=_refs(change.task_ids, names.tasks),
        deliverables=_refs(change.deliverable_ids, names.deliverables),
        activities=_refs(change.activity_ids, names.activities),
        meetings=_refs(change.meeting_ids, names.meetings),
        sent_on=change.sent_on,
        implemented_on=change.implemented_on,
        withdrawn_reason=change.withdrawn_reason,
        requirements_baseline_id=change.requirements_baseline_id,
        plan_baseline_id=change.plan_baseline_id,
        created_at=change.created_at,
        version=change.version,
    )


def changes_by_meeting(db: Session, principal: Principal, project_id: int) -> dict[int, list[Ref]]:
    """The change requests discussed at each of the project's meetings, by meeting id."""
    found: dict[int, list[Ref]] = {}
    for change in repo.changes(db, principal.scope, project_id, None):
        for meeting_id in change.meeting_ids:
            found.setdefault(meeting_id, []).append(
                Ref(id=change.id, label=f"{code(change.number)} {change.title}")
            )
    return found


def list_changes(
    db: Session, principal: Principal, project_id: int, state: ChangeState | None = None
) -> ChangeList:
    project = projects.get_project(db, principal, project_id)
    scope = principal.scope
    rows = repo.changes(db, scope, project.id, state)
    names = _Names(db, principal, project, rows)
    counts = repo.state_counts(db, scope, project.id)
    return ChangeList(
        items=[_read(r, names) for r in rows],
        counts={s: counts.get(s, 0) for s in ChangeState},
        total=sum(counts.values()),
    )


def plan_tasks(db: Session, principal: Principal, project_id: int) -> tuple[
    list[impact.PlannedTask], list[schedule.Link], dict[int, tuple[str, bool]]
]:  # fmt: skip
    scope = principal.scope
    rows = plan.task_rows(db, scope, project_id)
    tasks = [
        impact.PlannedTask(t.id, t.start_on, t.end_on, t.is_milestone, t.parent_id) for t in rows
    ]
    links = [
        schedule.Link(d.predecessor_id, d.successor_id, d.lag_days)
        for d in plan.dependency_rows(db, scope, project_id)
    ]
    return tasks, links, {t.id: (t.name, t.is_milestone) for t in rows}


def shifted(
    change: ChangeRequest,
    option: ChangeOption,
    tasks: list[impact.PlannedTask],
    links: list[schedule.Link],
) -> impact.Shift:
    days = option.schedule_delta_days or 0
    affected = option.task_ids or change.task_ids
    if not days or not tasks:
        end = max((t.end for t in tasks), default=None)
        return impact.Shift([], end, end)
    return impact.shift(tasks, links, affected, days)


def _impact(result: impact.Shift, names: dict[int, tuple[str, bool]]) -> Impact:
    return Impact(
        moved=[
            MovedTask(
                task_id=m.task_id,
                name=names[m.task_id][0],
                is_milestone=names[m.task_id][1],
                old_start_on=m.old_start,
                old_end_on=m.old_end,
                new_start_on=m.new_start,
                new_end_on=m.new_end,
                days=m.days,
            )
            for m in result.moves
        ],
        old_end_on=result.old_end,
        new_end_on=result.new_end,
        end_days=result.end_days,
    )


def _option_reads(
    db: Session, principal: Principal, change: ChangeRequest, rows: Sequence[ChangeOption]
) -> list[OptionRead]:
    tasks, links, names = plan_tasks(db, principal, change.project_id)
    return [
        OptionRead(
            id=o.id,
            change_id=o.change_id,
            label=_label(position),
            title=o.title,
            cost_delta=o.cost_delta,
            schedule_delta_days=o.schedule_delta_days,
            task_ids=list(o.task_ids),
            quality_effect=o.quality_effect,
            quality_level=o.quality_level,
            new_risks=o.new_risks,
            impact=_impact(shifted(change, o, tasks, links), names),
            version=o.version,
        )
        for position, o in enumerate(rows)
    ]


def change_of(db: Session, principal: Principal, project_id: int, change_id: int) -> ChangeRequest:
    found = repo.change(db, principal.scope, change_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def change_detail(
    db: Session, principal: Principal, project_id: int, change_id: int
) -> ChangeDetail:
    project = projects.get_project(db, principal, project_id)
    change = change_of(db, principal, project.id, change_id)
    return detail(db, principal, project, change)


def detail(
    db: Session, principal: Principal, project: Project, change: ChangeRequest
) -> ChangeDetail:
    scope = principal.scope
    names = _Names(db, principal, project, [change])
    rows = repo.options(db, scope, [change.id])
    decided = repo.decisions(db, scope, [change.id])
    return ChangeDetail(
        **_read(change, names).model_dump(),
        options=_option_reads(db, principal, change, rows),
        decision=DecisionRead.model_validate(decided[0]) if decided else None,
    )


# --- the request -----------------------------------------------------------------------------


def _check(db: Session, principal: Principal, project: Project, values: dict[str, Any]) -> None:
    """Every refused field at once (422), nothing written."""
    scope = principal.scope
    errors: list[FieldError] = []
    origin = values.get("origin")
    contact = values.get("raised_by_contact_id")
    if origin is ChangeOrigin.CUSTOMER:
        people = {p.id for p in account_people(db, principal, project.account_id)}
        if contact is None:
            errors.append(
                FieldError(
                    "raised_by_contact_id",
                    N_("Choose the customer's person who raised it."),
                    "missing",
                )
            )
        elif contact not in people:
            errors.append(
                FieldError("raised_by_contact_id", N_("Choose a contact of the project's account."))
            )
    elif contact is not None:
        errors.append(
            FieldError("raised_by_contact_id", N_("A change we raise has no customer's person."))
        )
    raised = values.get("raised_on")
    if raised is not None and raised > principal.today():
        errors.append(FieldError("raised_on", FUTURE))
    if values.get("billable") and project.opportunity_id is None:
        errors.append(
            FieldError(
                "billable",
                N_("The project came from no won opportunity whose amount could grow."),
            )
        )
    known = {
        "requirement_ids": (
            {r.id for r in requirements.requirements(db, scope, project.id)},
            N_("Choose requirements of this project."),
        ),
        "task_ids": (
            {t.id for t in plan.tasks(db, scope, project.id)},
            N_("Choose tasks of this project's plan."),
        ),
        "deliverable_ids": (
            {d.id for d in plan.deliverables(db, scope, project.id)},
            N_("Choose deliverables of this project."),
        ),
    }
    for field, (ids, message) in known.items():
        if values.get(field) and not set(values[field]) <= ids:
            errors.append(FieldError(field, message))
    if values.get("activity_ids") and not set(values["activity_ids"]) <= set(
        activity_choices(db, principal, project)
    ):
        errors.append(
            FieldError("activity_ids", N_("Choose activities with the account's people."))
        )
    if values.get("meeting_ids") and not set(values["meeting_ids"]) <= set(
        meeting_choices(db, principal, project)
    ):
        errors.append(FieldError("meeting_ids", N_("Choose meetings of this project.")))
    if errors:
        raise ValidationFailed(errors)


def _unique(ids: list[int] | None) -> list[int]:
    return list(dict.fromkeys(ids or []))


def create_change(
    db: Session, principal: Principal, project_id: int, data: ChangeWrite
) -> ChangeDetail:
    project = projects.writable(db, principal, project_id)
    values = data.model_dump()
    _check(db, principal, project, values)
    for key in ID_LISTS:
        values[key] = _unique(values[key])
    values["raised_on"] = values["raised_on"] or principal.today()
    change = ChangeRequest(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        number=repo.next_number(db, principal.scope, project.id),
        state=ChangeState.SUBMITTED,
        created_by_id=principal.user_id,
        **values,
    )
    db.add(change)
    db.flush()
    return detail(db, principal, project, change)


def writable_change(
    db: Session, principal: Principal, project_id: int, change_id: int, expected: int | None
) -> tuple[Project, ChangeRequest]:
    project = projects.writable(db, principal, project_id)
    change = change_of(db, principal, project.id, change_id)
    check_version(change.version, expected)
    return project, change


def update_change(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: ChangeUpdate,
    expected_version: int | None = None,
) -> ChangeDetail:
    project, change = writable_change(db, principal, project_id, change_id, expected_version)
    if change.state not in EDITABLE:
        raise Conflict(NOT_EDITABLE)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(key, N_("This field is required."), "missing")
        for key in ("title", "reason", "category", "billable")
        if key in changes and changes[key] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    for key in ID_LISTS:
        if key in changes:
            changes[key] = _unique(changes[key])
    kept = {
        key: changes.get(key, getattr(change, key)) for key in ("raised_by_contact_id", "billable")
    }
    _check(db, principal, project, changes | kept | {"origin": change.origin})
    if "raised_on" in changes and changes["raised_on"] is None:
        changes.pop("raised_on")
    for key, value in changes.items():
        setattr(change, key, value)
    db.flush()
    return detail(db, principal, project, change)


# --- options ---------------------------------------------------------------------------------


def _check_option(change: ChangeRequest, values: dict[str, Any]) -> None:
    errors: list[FieldError] = []
    has_impact = (
        values.get("cost_delta") not in (None, Decimal(0))
        or values.get("schedule_delta_days") not in (None, 0)
        or values.get("quality_level") not in (None, ImpactLevel.NONE)
        or bool(values.get("new_risks"))
    )
    if not has_impact:
        errors.append(FieldError("impact", NO_IMPACT))
    if values.get("quality_level") not in (None, ImpactLevel.NONE) and not values.get(
        "quality_effect"
    ):
        errors.append(
            FieldError("quality_effect", N_("Describe the quality or scope effect."), "missing")
        )
    tasks = values.get("task_ids") or []
    if not set(tasks) <= set(change.task_ids):
        errors.append(FieldError("task_ids", N_("Choose among the change's affected tasks.")))
    if values.get("schedule_delta_days") and not (tasks or change.task_ids):
        errors.append(
            FieldError(
                "task_ids",
                N_("Name the affected tasks the schedule Δ applies to."),
                "missing",
            )
        )
    if errors:
        raise ValidationFailed(errors)


def add_option(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: OptionWrite,
) -> OptionRead:
    project, change = writable_change(db, principal, project_id, change_id, None)
    if change.state not in EDITABLE:
        raise Conflict(OPTIONS_CLOSED)
    values = data.model_dump()
    values["task_ids"] = _unique(values["task_ids"])
    _check_option(change, values)
    option = ChangeOption(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        change_id=change.id,
        **values,
    )
    db.add(option)
    db.flush()
    return _one_option(db, principal, change, option.id)


def _one_option(
    db: Session, principal: Principal, change: ChangeRequest, option_id: int
) -> OptionRead:
    rows = repo.options(db, principal.scope, [change.id])
    return next(o for o in _option_reads(db, principal, change, rows) if o.id == option_id)


def option_of(
    db: Session, principal: Principal, change: ChangeRequest, option_id: int
) -> ChangeOption:
    found = repo.option(db, principal.scope, option_id)
    if found.change_id != change.id:
        raise NotFound()
    return found


def update_option(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    option_id: int,
    data: OptionUpdate,
    expected_version: int | None = None,
) -> OptionRead:
    """Change an option; while the customer is deciding, its new version makes a decision
    recorded on the old one stale (409)."""
    _, change = writable_change(db, principal, project_id, change_id, None)
    option = option_of(db, principal, change, option_id)
    check_version(option.version, expected_version)
    if change.state not in OPTIONS_OPEN:
        raise Conflict(OPTION_FROZEN)
    changes = data.model_dump(exclude_unset=True)
    if "title" in changes and changes["title"] is None:
        raise field_error("title", N_("This field is required."), "missing")
    if changes.get("quality_level", ...) is None:
        changes["quality_level"] = ImpactLevel.NONE
    if "task_ids" in changes:
        changes["task_ids"] = _unique(changes["task_ids"])
    keys = ("cost_delta", "schedule_delta_days", "task_ids", "quality_effect", "quality_level",
            "new_risks")  # fmt: skip
    _check_option(change, {key: changes.get(key, getattr(option, key)) for key in keys})
    for key, value in changes.items():
        setattr(option, key, value)
    db.flush()
    return _one_option(db, principal, change, option.id)


def remove_option(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    option_id: int,
    expected_version: int | None = None,
) -> None:
    _, change = writable_change(db, principal, project_id, change_id, None)
    option = option_of(db, principal, change, option_id)
    check_version(option.version, expected_version)
    if change.state not in EDITABLE:
        raise Conflict(OPTIONS_CLOSED)
    if change.state is ChangeState.IMPACT_ANALYSED:
        left = len(repo.options(db, principal.scope, [change.id])) - 1
        if left < fewest_options(change):
            raise Conflict(
                N_("The analysis needs the options it has: add another before removing this one.")
            )
    db.delete(option)
    db.flush()


def fewest_options(change: ChangeRequest) -> int:
    return 2 if change.origin is ChangeOrigin.US else 1


# --- names for histories ---------------------------------------------------------------------


def _history_link(reader: Principal, project_id: int, change_id: int) -> str | None:
    path = f"/projects/{project_id}/changes/{change_id}"
    return path if reader.can(Permission.READ) else None


def change_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(
            f"{code(row.number)} {row.title}",
            _history_link(reader, row.project_id, row.id),
        )
        for row in repo.change_rows(db, reader.scope, ids)
    }


def option_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    return {
        row.id: Reference(row.title, _history_link(reader, row.project_id, row.change_id))
        for row in repo.option_rows(db, reader.scope, ids)
    }
