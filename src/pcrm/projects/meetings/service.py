"""Meetings (会议) of a project: 周例会 the weekly internal meeting and 客户沟通会 the customer
meeting, both recurring on a cadence (the next one is created from the last: same kind, title,
place, length, cadence and attendees, its day the cadence later, its agenda carried over), and
经验教训总结会 the lessons-learned meeting (closure asks for one with the customer invited).
Attendees are our users and the contacts of the project's account. Each action item has an
owner and a due day: the owner has a reminder at 09:00 that day until it is done."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from pcrm.accounts.public import account_people
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal, active_user_refs, user_refs
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.meetings import repository as repo
from pcrm.projects.meetings.models import Meeting, MeetingAction, MeetingAttendee
from pcrm.projects.meetings.schemas import (
    ActionRead,
    ActionUpdate,
    ActionWrite,
    AttendeeRead,
    MeetingRead,
    MeetingUpdate,
    MeetingWrite,
)
from pcrm.projects.meetings.vocab import DEFAULT_CADENCE
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project

SOURCE = "project_meeting_action"
REMINDER_HOUR = time(9, 0)
TITLE = N_("Action item due: %(action)s")
NO_CADENCE = N_("This meeting does not recur: give it a cadence first.")
PEOPLE = ("user_ids", "contact_ids")


def _reads(
    db: Session, principal: Principal, account_id: int, rows: Sequence[Meeting]
) -> list[MeetingRead]:
    scope = principal.scope
    ids = [m.id for m in rows]
    people = repo.attendees(db, scope, ids)
    items = repo.actions(db, scope, ids)
    wanted = {p.user_id for p in people if p.user_id} | {a.owner_id for a in items if a.owner_id}
    users = user_refs(db, scope, wanted) if wanted else {}
    contacts = {c.id: c.name for c in account_people(db, principal, account_id)} if people else {}
    attendees: dict[int, list[AttendeeRead]] = {}
    for p in people:
        name = users[p.user_id].name if p.user_id in users else contacts.get(p.contact_id or 0)
        if name:
            attendees.setdefault(p.meeting_id, []).append(
                AttendeeRead(user_id=p.user_id, contact_id=p.contact_id, name=name)
            )
    actions: dict[int, list[ActionRead]] = {}
    for a in items:
        actions.setdefault(a.meeting_id, []).append(_action_read(a, users))
    return [
        MeetingRead(
            id=m.id,
            project_id=m.project_id,
            kind=m.kind,
            title=m.title,
            held_on=m.held_on,
            starts_at=m.starts_at,
            duration_minutes=m.duration_minutes,
            location=m.location,
            cadence_days=m.cadence_days,
            next_on=m.held_on + timedelta(days=m.cadence_days) if m.cadence_days else None,
            agenda=m.agenda,
            minutes=m.minutes,
            decisions=m.decisions,
            attendees=attendees.get(m.id, []),
            customer_invited=any(a.contact_id for a in attendees.get(m.id, [])),
            actions=actions.get(m.id, []),
            version=m.version,
        )
        for m in rows
    ]


def _action_read(action: MeetingAction, users: dict[int, Any]) -> ActionRead:
    return ActionRead(
        id=action.id,
        meeting_id=action.meeting_id,
        description=action.description,
        owner_id=action.owner_id,
        owner_name=users[action.owner_id].name if action.owner_id in users else None,
        due_on=action.due_on,
        done_on=action.done_on,
        version=action.version,
    )


def meetings(db: Session, principal: Principal, project_id: int) -> list[MeetingRead]:
    project = projects.get_project(db, principal, project_id)
    return _reads(db, principal, project.account_id, repo.meetings(db, principal.scope, project_id))


def _check(db: Session, principal: Principal, project: Project, values: dict[str, Any]) -> None:
    errors = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("kind", "title", "held_on")
        if field in values and values[field] is None
    ]
    if set(values.get("user_ids") or []) - {u.id for u in active_user_refs(db, principal.scope)}:
        errors.append(FieldError("user_ids", N_("Choose active users of this workspace.")))
    contacts = values.get("contact_ids") or []
    if contacts and set(contacts) - {
        c.id for c in account_people(db, principal, project.account_id)
    }:
        errors.append(FieldError("contact_ids", N_("Choose contacts of the project's account.")))
    if errors:
        raise ValidationFailed(errors)


def _set_attendees(
    db: Session, principal: Principal, meeting: Meeting, values: dict[str, Any]
) -> None:
    if not any(key in values for key in PEOPLE):
        return
    existing = repo.attendees(db, principal.scope, [meeting.id])
    users = values.get("user_ids")
    contacts = values.get("contact_ids")
    users = [p.user_id for p in existing if p.user_id] if users is None else users
    contacts = [p.contact_id for p in existing if p.contact_id] if contacts is None else contacts
    for person in existing:
        db.delete(person)
    db.flush()
    ws = principal.scope.workspace_id
    for uid in dict.fromkeys(users):
        db.add(MeetingAttendee(workspace_id=ws, meeting_id=meeting.id, user_id=uid))
    for cid in dict.fromkeys(contacts):
        db.add(MeetingAttendee(workspace_id=ws, meeting_id=meeting.id, contact_id=cid))
    db.flush()


def add_meeting(
    db: Session, principal: Principal, project_id: int, data: MeetingWrite
) -> MeetingRead:
    project = projects.writable(db, principal, project_id)
    values = data.model_dump()
    _check(db, principal, project, values)
    fields = {k: v for k, v in values.items() if k not in PEOPLE}
    if "cadence_days" not in data.model_fields_set:
        fields["cadence_days"] = DEFAULT_CADENCE[data.kind]
    meeting = Meeting(workspace_id=principal.scope.workspace_id, project_id=project.id, **fields)
    db.add(meeting)
    db.flush()
    _set_attendees(db, principal, meeting, values)
    return _reads(db, principal, project.account_id, [meeting])[0]


def _meeting_of(db: Session, principal: Principal, project_id: int, meeting_id: int) -> Meeting:
    found = repo.meeting(db, principal.scope, meeting_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def update_meeting(
    db: Session,
    principal: Principal,
    project_id: int,
    meeting_id: int,
    data: MeetingUpdate,
    expected_version: int | None = None,
) -> MeetingRead:
    project = projects.writable(db, principal, project_id)
    meeting = _meeting_of(db, principal, project_id, meeting_id)
    check_version(meeting.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    _check(db, principal, project, changes)
    for key, value in changes.items():
        if key not in PEOPLE:
            setattr(meeting, key, value)
    if any(key in changes for key in PEOPLE):
        flag_modified(meeting, "title")  # new attendees alone are a new version too
    db.flush()
    _set_attendees(db, principal, meeting, changes)
    return _reads(db, principal, project.account_id, [meeting])[0]


def next_meeting(
    db: Session,
    principal: Principal,
    project_id: int,
    meeting_id: int,
    expected_version: int | None = None,
) -> MeetingRead:
    """The next meeting of a recurring series, from this one (409 when it has no cadence)."""
    project = projects.writable(db, principal, project_id)
    last = _meeting_of(db, principal, project_id, meeting_id)
    check_version(last.version, expected_version)
    if not last.cadence_days:
        raise Conflict(NO_CADENCE)
    following = Meeting(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        kind=last.kind,
        title=last.title,
        held_on=last.held_on + timedelta(days=last.cadence_days),
        starts_at=last.starts_at,
        duration_minutes=last.duration_minutes,
        location=last.location,
        cadence_days=last.cadence_days,
        agenda=last.agenda,
    )
    db.add(following)
    db.flush()
    people = repo.attendees(db, principal.scope, [last.id])
    _set_attendees(
        db,
        principal,
        following,
        {
            "user_ids": [p.user_id for p in people if p.user_id],
            "contact_ids": [p.contact_id for p in people if p.contact_id],
        },
    )
    return _reads(db, principal, project.account_id, [following])[0]


def remove_meeting(
    db: Session,
    principal: Principal,
    project_id: int,
    meeting_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    meeting = _meeting_of(db, principal, project_id, meeting_id)
    check_version(meeting.version, expected_version)
    for item in repo.actions(db, principal.scope, [meeting.id]):
        keep_reminder(db, principal.scope, SOURCE, item.id, None)
    db.delete(meeting)
    db.flush()


# --- action items ---------------------------------------------------------------------------


def _remind(db: Session, principal: Principal, project_id: int, item: MeetingAction) -> None:
    plan = None
    if item.done_on is None and item.owner_id is not None:
        due = datetime.combine(item.due_on, REMINDER_HOUR, tzinfo=ZoneInfo(principal.timezone))
        title = translate(principal.locale or "zh_CN", TITLE, action=item.description[:80])
        plan = ReminderPlan(item.owner_id, due, title, f"/projects/{project_id}?tab=meetings")
    keep_reminder(db, principal.scope, SOURCE, item.id, plan)


def _check_owner(db: Session, principal: Principal, owner_id: int | None) -> None:
    if owner_id is not None and owner_id not in {
        u.id for u in active_user_refs(db, principal.scope)
    }:
        raise ValidationFailed(
            [FieldError("owner_id", N_("Choose an active user of this workspace."))]
        )


def add_action(
    db: Session, principal: Principal, project_id: int, meeting_id: int, data: ActionWrite
) -> ActionRead:
    projects.writable(db, principal, project_id)
    meeting = _meeting_of(db, principal, project_id, meeting_id)
    _check_owner(db, principal, data.owner_id)
    item = MeetingAction(
        workspace_id=principal.scope.workspace_id, meeting_id=meeting.id, **data.model_dump()
    )
    db.add(item)
    db.flush()
    _remind(db, principal, project_id, item)
    return _action_read(item, user_refs(db, principal.scope, {data.owner_id}))


def _action_of(db: Session, principal: Principal, project_id: int, action_id: int) -> MeetingAction:
    item = repo.action(db, principal.scope, action_id)
    _meeting_of(db, principal, project_id, item.meeting_id)
    return item


def update_action(
    db: Session,
    principal: Principal,
    project_id: int,
    action_id: int,
    data: ActionUpdate,
    expected_version: int | None = None,
) -> ActionRead:
    projects.writable(db, principal, project_id)
    item = _action_of(db, principal, project_id, action_id)
    check_version(item.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    missing = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("description", "owner_id", "due_on")
        if field in changes and changes[field] is None
    ]
    if missing:
        raise ValidationFailed(missing)
    _check_owner(db, principal, changes.get("owner_id"))
    done = changes.pop("done", None)
    for key, value in changes.items():
        setattr(item, key, value)
    if done is not None:
        item.done_on = principal.today() if done else None
    db.flush()
    _remind(db, principal, project_id, item)
    owner = {item.owner_id} if item.owner_id else set()
    return _action_read(item, user_refs(db, principal.scope, owner) if owner else {})


def remove_action(
    db: Session,
    principal: Principal,
    project_id: int,
    action_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    item = _action_of(db, principal, project_id, action_id)
    check_version(item.version, expected_version)
    keep_reminder(db, principal.scope, SOURCE, item.id, None)
    db.delete(item)
    db.flush()


def lessons_learned_with_customer(db: Session, principal: Principal, project_id: int) -> bool:
    projects.get_project(db, principal, project_id)
    return repo.lessons_learned_with_customer(db, principal.scope, project_id)


def meeting_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Meetings named in a history (an action item's meeting): title and date, linked to the
    project's meetings tab."""
    return {
        m.id: Reference(
            f"{m.title} ({m.held_on.isoformat()})", f"/projects/{m.project_id}?tab=meetings"
        )
        for m in repo.meeting_rows(db, reader.scope, ids)
    }
