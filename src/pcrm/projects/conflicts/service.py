"""Issues and conflicts (问题与冲突) of a project with the customer. Each has a kind (a
project-element conflict names the element: cost, schedule or quality), a severity, its parties
(our users and the customer's contacts) and a status that moves 打开 open → 协商中 negotiating →
已解决 resolved → 已关闭 closed (a resolution the customer goes back on returns to negotiation);
any other move is a 409. Resolving records the resolution agreed with the customer, the
customer's person who agreed and the day.

Escalation: when a conflict opens, its project manager (or, while the project has none, whoever
recorded it) gets a reminder due N days after the day it opened, at 09:00, N being the
workspace's `conflict_escalation_days` (5 until set): a conflict still unresolved by then needs
the manager. A new setting applies to the reminders planned after it. The reminder goes once it
is resolved and comes back if it returns to negotiation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from pcrm.accounts.public import account_people
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import (
    Principal,
    active_user_refs,
    conflict_escalation_days,
    user_refs,
)
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.conflicts import repository as repo
from pcrm.projects.conflicts.models import ConflictParty, ProjectConflict
from pcrm.projects.conflicts.schemas import (
    ConflictCounts,
    ConflictMove,
    ConflictRead,
    ConflictUpdate,
    ConflictWrite,
    PartyRead,
)
from pcrm.projects.conflicts.vocab import CONFLICT_MOVES, UNRESOLVED, ConflictKind, ConflictStatus
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project

SOURCE = "project_conflict"
REMINDER_HOUR = time(9, 0)
TITLE = N_("Conflict unresolved for %(days)s days: %(title)s")
MOVE_REFUSED = {
    ConflictStatus.OPEN: N_("A conflict cannot go back to open."),
    ConflictStatus.NEGOTIATING: N_(
        "Negotiation starts from an open conflict or from a resolution the customer went back on."
    ),
    ConflictStatus.RESOLVED: N_("Only a conflict in negotiation can be resolved."),
    ConflictStatus.CLOSED: N_("Only a resolved conflict can be closed."),
}
CLOSED_FOR_GOOD = N_("A closed conflict can no longer change.")


def _escalation_on(conflict: ProjectConflict, days: int) -> date | None:
    if conflict.status not in UNRESOLVED:
        return None
    return conflict.opened_on + timedelta(days=days)


def _reads(
    db: Session, principal: Principal, account_id: int, rows: Sequence[ProjectConflict]
) -> list[ConflictRead]:
    scope = principal.scope
    parties = repo.parties(db, scope, [c.id for c in rows])
    users = user_refs(db, scope, {p.user_id for p in parties if p.user_id})
    contacts = {c.id: c.name for c in account_people(db, principal, account_id)}
    days = conflict_escalation_days(db, scope)
    by_conflict: dict[int, list[PartyRead]] = {}
    for p in parties:
        if p.user_id is not None and p.user_id in users:
            name = users[p.user_id].name
        elif p.contact_id is not None:
            name = contacts.get(p.contact_id, "—")
        else:
            continue
        by_conflict.setdefault(p.conflict_id, []).append(
            PartyRead(user_id=p.user_id, contact_id=p.contact_id, name=name)
        )
    return [
        ConflictRead(
            id=c.id,
            project_id=c.project_id,
            kind=c.kind,
            element=c.element,
            severity=c.severity,
            title=c.title,
            description=c.description,
            status=c.status,
            opened_on=c.opened_on,
            escalation_on=_escalation_on(c, days),
            resolution=c.resolution,
            agreed_by_id=c.agreed_by_id,
            agreed_by_name=contacts.get(c.agreed_by_id) if c.agreed_by_id else None,
            resolved_on=c.resolved_on,
            closed_on=c.closed_on,
            parties=by_conflict.get(c.id, []),
            next_statuses=list(CONFLICT_MOVES[c.status]),
            version=c.version,
        )
        for c in rows
    ]


def conflicts(db: Session, principal: Principal, project_id: int) -> list[ConflictRead]:
    project = projects.get_project(db, principal, project_id)
    rows = repo.conflicts(db, principal.scope, project_id)
    return _reads(db, principal, project.account_id, rows)


def _check(db: Session, principal: Principal, project: Project, values: dict[str, Any]) -> None:
    """Every refused field at once (422), nothing written."""
    errors = []
    for field in ("kind", "severity", "title", "opened_on"):
        if field in values and values[field] is None:
            errors.append(FieldError(field, N_("This field is required."), "missing"))
    if values.get("kind") is ConflictKind.PROJECT_ELEMENT and values.get("element") is None:
        errors.append(
            FieldError("element", N_("Say which element: cost, schedule or quality."), "missing")
        )
    users = values.get("user_ids") or []
    if set(users) - {u.id for u in active_user_refs(db, principal.scope)}:
        errors.append(FieldError("user_ids", N_("Choose active users of this workspace.")))
    contacts = values.get("contact_ids") or []
    if contacts and set(contacts) - {
        c.id for c in account_people(db, principal, project.account_id)
    }:
        errors.append(FieldError("contact_ids", N_("Choose contacts of the project's account.")))
    if errors:
        raise ValidationFailed(errors)


def _set_parties(
    db: Session, principal: Principal, conflict: ProjectConflict, values: dict[str, Any]
) -> None:
    if "user_ids" not in values and "contact_ids" not in values:
        return
    existing = repo.parties(db, principal.scope, [conflict.id])
    users = values.get("user_ids")
    contacts = values.get("contact_ids")
    if users is None:
        users = [p.user_id for p in existing if p.user_id]
    if contacts is None:
        contacts = [p.contact_id for p in existing if p.contact_id]
    for party in existing:
        db.delete(party)
    db.flush()
    ws = principal.scope.workspace_id
    for uid in dict.fromkeys(users):
        db.add(ConflictParty(workspace_id=ws, conflict_id=conflict.id, user_id=uid))
    for cid in dict.fromkeys(contacts):
        db.add(ConflictParty(workspace_id=ws, conflict_id=conflict.id, contact_id=cid))
    db.flush()


def _remind(db: Session, principal: Principal, project: Project, conflict: ProjectConflict) -> None:
    days = conflict_escalation_days(db, principal.scope)
    day = _escalation_on(conflict, days)
    plan = None
    if day is not None:
        due = datetime.combine(day, REMINDER_HOUR, tzinfo=ZoneInfo(principal.timezone))
        title = translate(principal.locale or "zh_CN", TITLE, days=days, title=conflict.title)
        user = project.manager_id or principal.user_id
        plan = ReminderPlan(user, due, title, f"/projects/{project.id}?tab=conflicts")
    keep_reminder(db, principal.scope, SOURCE, conflict.id, plan)


def add_conflict(
    db: Session, principal: Principal, project_id: int, data: ConflictWrite
) -> ConflictRead:
    project = projects.writable(db, principal, project_id)
    values = data.model_dump()
    values["opened_on"] = values["opened_on"] or principal.today()
    _check(db, principal, project, values)
    fields = {k: v for k, v in values.items() if k not in ("user_ids", "contact_ids")}
    if fields["kind"] is not ConflictKind.PROJECT_ELEMENT:
        fields["element"] = None
    conflict = ProjectConflict(
        workspace_id=principal.scope.workspace_id, project_id=project.id, **fields
    )
    db.add(conflict)
    db.flush()
    _set_parties(db, principal, conflict, values)
    _remind(db, principal, project, conflict)
    return _reads(db, principal, project.account_id, [conflict])[0]


def _conflict_of(
    db: Session, principal: Principal, project_id: int, conflict_id: int
) -> ProjectConflict:
    found = repo.conflict(db, principal.scope, conflict_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def update_conflict(
    db: Session,
    principal: Principal,
    project_id: int,
    conflict_id: int,
    data: ConflictUpdate,
    expected_version: int | None = None,
) -> ConflictRead:
    project = projects.writable(db, principal, project_id)
    conflict = _conflict_of(db, principal, project_id, conflict_id)
    check_version(conflict.version, expected_version)
    if conflict.status is ConflictStatus.CLOSED:
        raise Conflict(CLOSED_FOR_GOOD)
    changes = data.model_dump(exclude_unset=True)
    kept = {k: changes.get(k, getattr(conflict, k)) for k in ("kind", "element")}
    _check(db, principal, project, changes | kept)
    for key, value in changes.items():
        if key not in ("user_ids", "contact_ids"):
            setattr(conflict, key, value)
    if conflict.kind is not ConflictKind.PROJECT_ELEMENT:
        conflict.element = None
    if "user_ids" in changes or "contact_ids" in changes:
        flag_modified(conflict, "title")  # a change of parties alone is a new version too
    db.flush()
    _set_parties(db, principal, conflict, changes)
    _remind(db, principal, project, conflict)
    return _reads(db, principal, project.account_id, [conflict])[0]


def move_conflict(
    db: Session,
    principal: Principal,
    project_id: int,
    conflict_id: int,
    data: ConflictMove,
    expected_version: int | None = None,
) -> ConflictRead:
    """A status action: 409 for a move CONFLICT_MOVES does not allow; resolving needs the
    resolution and the customer's person who agreed (422)."""
    project = projects.writable(db, principal, project_id)
    conflict = _conflict_of(db, principal, project_id, conflict_id)
    check_version(conflict.version, expected_version)
    if data.status not in CONFLICT_MOVES[conflict.status]:
        raise Conflict(
            CLOSED_FOR_GOOD
            if conflict.status is ConflictStatus.CLOSED
            else MOVE_REFUSED[data.status]
        )
    day = data.on or principal.today()
    if data.status is ConflictStatus.RESOLVED:
        errors = []
        if not data.resolution:
            errors.append(
                FieldError("resolution", N_("Write the resolution agreed with the customer."))
            )
        people = {c.id for c in account_people(db, principal, project.account_id)}
        if data.agreed_by_id is None or data.agreed_by_id not in people:
            errors.append(
                FieldError("agreed_by_id", N_("Choose the customer's person who agreed."))
            )
        if day < conflict.opened_on:
            errors.append(FieldError("on", N_("The day comes before the conflict opened.")))
        if errors:
            raise ValidationFailed(errors)
        conflict.resolution, conflict.agreed_by_id = data.resolution, data.agreed_by_id
        conflict.resolved_on = day
    elif data.status is ConflictStatus.CLOSED:
        conflict.closed_on = day
    elif data.status is ConflictStatus.NEGOTIATING and conflict.status is ConflictStatus.RESOLVED:
        conflict.resolved_on = None  # the customer went back on it; the text stays as history
    conflict.status = data.status
    db.flush()
    _remind(db, principal, project, conflict)
    return _reads(db, principal, project.account_id, [conflict])[0]


def remove_conflict(
    db: Session,
    principal: Principal,
    project_id: int,
    conflict_id: int,
    expected_version: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    conflict = _conflict_of(db, principal, project_id, conflict_id)
    check_version(conflict.version, expected_version)
    keep_reminder(db, principal.scope, SOURCE, conflict.id, None)
    db.delete(conflict)
    db.flush()


def project_counts(db: Session, principal: Principal, project_id: int) -> ConflictCounts:
    projects.get_project(db, principal, project_id)
    n, unresolved = repo.counts_by_project(db, principal.scope, [project_id]).get(
        project_id, (0, 0)
    )
    return ConflictCounts(conflicts=n, unresolved=unresolved)


def account_counts(db: Session, principal: Principal, account_id: int) -> ConflictCounts:
    account_people(db, principal, account_id)  # a 404 for another workspace's account
    n, unresolved = repo.counts_of_account(db, principal.scope, account_id)
    return ConflictCounts(conflicts=n, unresolved=unresolved)


def conflict_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Issues named in a history (the one a failed inspection opened): the title, linked to
    the project's issues and conflicts tab."""
    return {
        c.id: Reference(c.title, f"/projects/{c.project_id}?tab=conflicts")
        for c in repo.conflicts_by_ids(db, reader.scope, ids)
    }
