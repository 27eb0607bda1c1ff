"""Service requests (服务请求) and their SLA clocks.

A request comes in on an account (a project of it, optionally) and takes the maintenance plan in
force that day (the project's before an account-wide one) or, without one, the workspace's
default targets. Its priority's target sets two due times from the moment it was received, in
the workspace's working time (or around the clock): the first response and the resolution.
The clocks stop at the first response and at the resolution; one that stopped late, or still
runs past its due, is breached. Reopening restarts the resolution clock against the same due.
The handler (or the plan's after-sales owner, or whoever recorded it) is reminded when 80 % of
a target has passed and again at the breach."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_refs, contacts_by_ids, get_account
from pcrm.core.db import utcnow
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.core.pagination import Page, PageRequest
from pcrm.identity.public import Permission, Principal, active_user_refs, user_refs
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.public import get_project
from pcrm.service.desk import repository as repo
from pcrm.service.desk.models import RequestNote, ServiceRequest
from pcrm.service.desk.schemas import (
    Clock,
    Move,
    NoteRead,
    NoteWrite,
    RequestCounts,
    RequestFilter,
    RequestRead,
    RequestUpdate,
    RequestWrite,
    Respond,
)
from pcrm.service.plans import repository as plans_repo
from pcrm.service.sla import service as sla
from pcrm.service.sla.clock import BusinessCalendar
from pcrm.service.vocab import MOVES, Category, Priority, RequestStatus

SOURCE_NEAR, SOURCE_BREACH = "service_request_near", "service_request_breach"
NEAR = 0.8  # the share of a target after which the handler is reminded
FUTURE_SLACK = timedelta(minutes=5)
NOT_COVERED = N_(
    "The maintenance plan in force has no target for this priority: choose a priority it covers."
)
IN_FUTURE = N_("This time is in the future.")
BEFORE_RECEIPT = N_("This cannot come before the request was received.")
RESOLUTION_NEEDED = N_("Write the resolution.")
ALREADY_ANSWERED = N_("The request already has its first response.")
CLOSED = N_("A closed request cannot be changed: reopen it first.")
MOVE_REFUSED = {
    RequestStatus.IN_PROGRESS: N_("Only a resolved or closed request can be reopened."),
    RequestStatus.AWAITING_CUSTOMER: N_("This request is already resolved or closed."),
    RequestStatus.CLOSED: N_("This request is already closed."),
    RequestStatus.NEW: N_("A request cannot go back to new."),
}
NEAR_TITLE = N_("%(code)s: the %(clock)s is due at %(due)s")
BREACH_TITLE = N_("%(code)s: the %(clock)s target is breached")
RESPONSE, RESOLUTION = N_("first response"), N_("resolution")


def code(number: int) -> str:
    return f"SR-{number:06d}"


def calendar_now(db: Session, principal: Principal) -> tuple[BusinessCalendar, datetime]:
    now = utcnow()
    return sla.calendar(db, principal.scope, principal.timezone, now.date()), now


def clock(
    cal: BusinessCalendar, due: datetime, done: datetime | None, now: datetime, atc: bool
) -> Clock:
    if done is not None:
        return Clock(due_at=due, done_at=done, breached=done > due, minutes_left=None)
    left = (
        cal.between(now, due, around_the_clock=atc)
        if now < due
        else -cal.between(due, now, around_the_clock=atc)
    )
    return Clock(due_at=due, done_at=None, breached=now > due, minutes_left=left)


def _reads(db: Session, principal: Principal, rows: Sequence[ServiceRequest]) -> list[RequestRead]:
    scope = principal.scope
    cal, now = calendar_now(db, principal)
    accounts = account_refs(db, scope, {r.account_id for r in rows})
    people = contacts_by_ids(db, scope, {r.reporter_id for r in rows if r.reporter_id})
    users = user_refs(db, scope, {r.assignee_id for r in rows if r.assignee_id})
    return [
        RequestRead(
            id=r.id,
            number=r.number,
            code=code(r.number),
            account_id=r.account_id,
            account_name=accounts[r.account_id].name if r.account_id in accounts else "",
            project_id=r.project_id,
            plan_id=r.plan_id,
            reporter_id=r.reporter_id,
            reporter_name=people[r.reporter_id].name if r.reporter_id in people else None,
            assignee_id=r.assignee_id,
            assignee_name=users[r.assignee_id].display() if r.assignee_id in users else None,
            channel=r.channel,
            category=r.category,
            priority=r.priority,
            title=r.title,
            description=r.description,
            status=r.status,
            received_at=r.received_at,
            first_response_at=r.first_response_at,
            resolved_at=r.resolved_at,
            closed_at=r.closed_at,
            around_the_clock=r.around_the_clock,
            response=clock(cal, r.response_due_at, r.first_response_at, now, r.around_the_clock),
            resolution_clock=clock(
                cal, r.resolution_due_at, r.resolved_at, now, r.around_the_clock
            ),
            resolution=r.resolution,
            rating=r.rating,
            rating_comment=r.rating_comment,
            reopened=r.reopened,
            complaint_severity=r.complaint_severity,
            spread_to=r.spread_to,
            outcome=r.outcome,
            next_statuses=list(MOVES[r.status]),
            version=r.version,
        )
        for r in rows
    ]


def list_requests(db: Session, principal: Principal, f: RequestFilter) -> Page[RequestRead]:
    principal.require(Permission.READ)
    request = PageRequest.checked(f.page, f.page_size)
    rows, total, capped = repo.page(db, principal.scope, f, utcnow(), request)
    return Page.of(_reads(db, principal, rows), total, request, capped)


def get_request(db: Session, principal: Principal, request_id: int) -> RequestRead:
    principal.require(Permission.READ)
    return _reads(db, principal, [repo.request(db, principal.scope, request_id)])[0]


def _due_times(
    db: Session,
    principal: Principal,
    plan_id: int | None,
    priority: Priority,
    received: datetime,
) -> tuple[datetime, datetime, bool]:
    target = sla.target_for(db, principal.scope, plan_id, priority)
    if target is None:
        raise ValidationFailed([FieldError("priority", NOT_COVERED)])
    cal = sla.calendar(db, principal.scope, principal.timezone, received.date())
    atc = target.around_the_clock
    return (
        cal.add(received, target.response_minutes, around_the_clock=atc).astimezone(UTC),
        cal.add(received, target.resolution_minutes, around_the_clock=atc).astimezone(UTC),
        atc,
    )


def _remind(db: Session, principal: Principal, r: ServiceRequest) -> None:
    """The next clock still running: a reminder at 80 % of it and one at its due."""
    near = breach = None
    running = (
        (RESPONSE, r.response_due_at)
        if r.first_response_at is None
        else (RESOLUTION, r.resolution_due_at)
        if r.resolved_at is None and r.status is not RequestStatus.CLOSED
        else None
    )
    if running is not None:
        name, due = running
        cal = sla.calendar(db, principal.scope, principal.timezone, r.received_at.date())
        atc = r.around_the_clock
        whole = cal.between(r.received_at, due, around_the_clock=atc)
        near_at = cal.add(r.received_at, int(whole * NEAR), around_the_clock=atc)
        owner = r.assignee_id or _plan_owner(db, principal, r) or principal.user_id
        locale = principal.locale or "zh_CN"
        link = f"/service/requests/{r.id}"
        clock_name = translate(locale, name)
        shown = due.astimezone(cal.tz).strftime("%m-%d %H:%M")
        near = ReminderPlan(
            owner,
            near_at,
            translate(locale, NEAR_TITLE, code=code(r.number), clock=clock_name, due=shown),
            link,
        )
        breach = ReminderPlan(
            owner,
            due,
            translate(locale, BREACH_TITLE, code=code(r.number), clock=clock_name),
            link,
        )
    keep_reminder(db, principal.scope, SOURCE_NEAR, r.id, near)
    keep_reminder(db, principal.scope, SOURCE_BREACH, r.id, breach)


def _plan_owner(db: Session, principal: Principal, r: ServiceRequest) -> int | None:
    if r.plan_id is None:
        return None
    try:
        return plans_repo.plan(db, principal.scope, r.plan_id).owner_id
    except NotFound:
        return None


def _check_people(
    db: Session, principal: Principal, account_id: int, values: dict[str, Any]
) -> list[FieldError]:
    errors = []
    if values.get("project_id") is not None:
        try:
            project = get_project(db, principal, values["project_id"])
        except NotFound:
            project = None
        if project is None or project.account_id != account_id:
            errors.append(FieldError("project_id", N_("Choose a project of this account.")))
    reporter = values.get("reporter_id")
    if reporter is not None:
        found = contacts_by_ids(db, principal.scope, {reporter}).get(reporter)
        if found is None or found.account_id != account_id:
            errors.append(FieldError("reporter_id", N_("Choose a contact of this account.")))
    assignee = values.get("assignee_id")
    if assignee is not None and assignee not in {
        u.id for u in active_user_refs(db, principal.scope)
    }:
        errors.append(FieldError("assignee_id", N_("Choose an active user of this workspace.")))
    return errors


def _when(value: datetime | None, now: datetime, field: str) -> datetime:
    """The time given (stored in UTC, as every instant), or now; never in the future."""
    if value is None:
        return now
    if value > now + FUTURE_SLACK:
        raise ValidationFailed([FieldError(field, IN_FUTURE)])
    return value.astimezone(UTC)


def create_request(db: Session, principal: Principal, data: RequestWrite) -> RequestRead:
    principal.require(Permission.WRITE_SERVICE)
    get_account(db, principal, data.account_id)  # 404 for another workspace's
    values = data.model_dump()
    errors = _check_people(db, principal, data.account_id, values)
    if errors:
        raise ValidationFailed(errors)
    now = utcnow()
    received = _when(data.received_at, now, "received_at")
    local_day = received.astimezone(ZoneInfo(principal.timezone)).date()
    plans = plans_repo.in_force(db, principal.scope, data.account_id, data.project_id, local_day)
    plan_id = plans[0].id if plans else None
    response_due, resolution_due, atc = _due_times(db, principal, plan_id, data.priority, received)
    if data.category is not Category.COMPLAINT:
        values["complaint_severity"] = values["spread_to"] = None
    values["received_at"] = received
    r = ServiceRequest(
        workspace_id=principal.scope.workspace_id,
        number=repo.next_number(db, principal.scope),
        plan_id=plan_id,
        response_due_at=response_due,
        resolution_due_at=resolution_due,
        around_the_clock=atc,
        status=RequestStatus.NEW,
        **values,
    )
    db.add(r)
    db.flush()
    _remind(db, principal, r)
    return get_request(db, principal, r.id)


def _writable(
    db: Session, principal: Principal, request_id: int, expected: int | None
) -> ServiceRequest:
    principal.require(Permission.WRITE_SERVICE)
    r = repo.request(db, principal.scope, request_id)
    check_version(r.version, expected)
    return r


def update_request(
    db: Session, principal: Principal, request_id: int, data: RequestUpdate, expected: int | None
) -> RequestRead:
    r = _writable(db, principal, request_id, expected)
    changes = data.model_dump(exclude_unset=True)
    if r.status is RequestStatus.CLOSED and set(changes) - {"outcome"}:
        raise Conflict(CLOSED)
    for key in ("title", "priority"):
        if key in changes and changes[key] is None:
            raise ValidationFailed([FieldError(key, N_("This field is required."), "missing")])
    errors = _check_people(db, principal, r.account_id, changes)
    if errors:
        raise ValidationFailed(errors)
    if changes.get("priority") not in (None, r.priority):
        response_due, resolution_due, atc = _due_times(
            db, principal, r.plan_id, changes["priority"], r.received_at
        )
        r.response_due_at, r.resolution_due_at, r.around_the_clock = (
            response_due,
            resolution_due,
            atc,
        )
    if r.category is not Category.COMPLAINT:
        for key in ("complaint_severity", "spread_to"):
            changes.pop(key, None)
    for key, value in changes.items():
        setattr(r, key, value)
    db.flush()
    _remind(db, principal, r)
    return get_request(db, principal, r.id)


def respond(
    db: Session, principal: Principal, request_id: int, data: Respond, expected: int | None
) -> RequestRead:
    r = _writable(db, principal, request_id, expected)
    if r.first_response_at is not None:
        raise Conflict(ALREADY_ANSWERED)
    at = _when(data.at, utcnow(), "at")
    if at < r.received_at:
        raise ValidationFailed([FieldError("at", BEFORE_RECEIPT)])
    r.first_response_at = at
    if r.status is RequestStatus.NEW:
        r.status = RequestStatus.IN_PROGRESS
    if data.note:
        db.add(
            RequestNote(
                workspace_id=principal.scope.workspace_id,
                request_id=r.id,
                author_id=principal.user_id,
                body=data.note,
                to_customer=True,
            )
        )
    db.flush()
    _remind(db, principal, r)
    return get_request(db, principal, r.id)


def move(
    db: Session, principal: Principal, request_id: int, data: Move, expected: int | None
) -> RequestRead:
    r = _writable(db, principal, request_id, expected)
    if data.status not in MOVES[r.status]:
        raise Conflict(MOVE_REFUSED[data.status])
    at = _when(data.at, utcnow(), "at")
    target = data.status
    if target in (RequestStatus.AWAITING_CUSTOMER, RequestStatus.CLOSED):
        resolution = data.resolution or r.resolution
        errors = []
        if not resolution:
            errors.append(FieldError("resolution", RESOLUTION_NEEDED, "missing"))
        if at < r.received_at:
            errors.append(FieldError("at", BEFORE_RECEIPT))
        if errors:
            raise ValidationFailed(errors)
        r.resolution = resolution
        if r.resolved_at is None:
            r.resolved_at = at
        if r.first_response_at is None:  # resolving answers the customer too
            r.first_response_at = at
    if target is RequestStatus.CLOSED:
        r.closed_at = max(at, r.resolved_at or at)
        r.rating, r.rating_comment = data.rating, data.rating_comment
    if target is RequestStatus.IN_PROGRESS and r.status is not RequestStatus.NEW:  # reopened
        r.resolved_at = r.closed_at = None
        r.rating = r.rating_comment = None
        r.reopened += 1
    r.status = target
    db.flush()
    _remind(db, principal, r)
    return get_request(db, principal, r.id)


def notes(db: Session, principal: Principal, request_id: int) -> list[NoteRead]:
    principal.require(Permission.READ)
    repo.request(db, principal.scope, request_id)
    rows = repo.notes(db, principal.scope, request_id)
    users = user_refs(db, principal.scope, {n.author_id for n in rows if n.author_id})
    return [
        NoteRead(
            id=n.id,
            author_name=users[n.author_id].display() if n.author_id in users else None,
            body=n.body,
            to_customer=n.to_customer,
            created_at=n.created_at,
        )
        for n in rows
    ]


def add_note(db: Session, principal: Principal, request_id: int, data: NoteWrite) -> NoteRead:
    principal.require(Permission.WRITE_SERVICE)
    repo.request(db, principal.scope, request_id)
    note = RequestNote(
        workspace_id=principal.scope.workspace_id,
        request_id=request_id,
        author_id=principal.user_id,
        **data.model_dump(),
    )
    db.add(note)
    db.flush()
    return notes(db, principal, request_id)[-1]


def account_counts(db: Session, principal: Principal, account_id: int) -> RequestCounts:
    """For the loyalty area: the account's requests by category, complaints, breached ones,
    the mean first response and resolution in working minutes, and the mean rating."""
    principal.require(Permission.READ)
    rows = repo.of_account(db, principal.scope, account_id)
    cal, now = calendar_now(db, principal)
    by_category = dict.fromkeys(Category, 0)
    responses, resolutions, ratings, breaches = [], [], [], 0
    for r in rows:
        by_category[r.category] += 1
        atc = r.around_the_clock
        if r.first_response_at is not None:
            responses.append(cal.between(r.received_at, r.first_response_at, around_the_clock=atc))
        if r.resolved_at is not None:
            resolutions.append(cal.between(r.received_at, r.resolved_at, around_the_clock=atc))
        if r.rating is not None:
            ratings.append(r.rating)
        response = clock(cal, r.response_due_at, r.first_response_at, now, atc)
        resolution = clock(cal, r.resolution_due_at, r.resolved_at, now, atc)
        breaches += response.breached or resolution.breached
    return RequestCounts(
        requests=len(rows),
        by_category=by_category,
        complaints=by_category[Category.COMPLAINT],
        breaches=breaches,
        mean_first_response_minutes=_mean(responses),
        mean_resolution_minutes=_mean(resolutions),
        mean_rating=_mean(ratings),
    )


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None
