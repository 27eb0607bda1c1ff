"""Business rules for activities (跟进记录): who took part, next steps and their reminders."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.accounts.accounts import repository as accounts_repo
from pcrm.accounts.accounts.service import check_users
from pcrm.accounts.activities import repository as repo
from pcrm.accounts.activities.models import Activity
from pcrm.accounts.activities.repository import ActivityFilters
from pcrm.accounts.activities.schemas import (
    ActivityCreate,
    ActivityQuery,
    ActivityRead,
    ActivityUpdate,
)
from pcrm.accounts.contacts import repository as contacts_repo
from pcrm.accounts.lists.service import count_cap, day_start
from pcrm.core.db import utcnow
from pcrm.core.errors import FieldError, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.core.pagination import (
    Page,
    PageRequest,
)
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal
from pcrm.notifications.public import ReminderPlan, keep_reminder

REMINDER_HOUR = time(9, 0)


def _check_links(
    db: Session,
    scope: WorkspaceScope,
    account_id: int,
    contact_id: int | None,
    participant_ids: list[int],
    *,
    creating: bool = False,
) -> None:
    account = accounts_repo.accounts_by_ids(db, scope, [account_id]).get(account_id)
    errors = []
    if account is None or (creating and account.archived_at is not None):
        errors.append(FieldError("account_id", N_("Choose an account of this workspace.")))
    wanted = {*participant_ids, *([contact_id] if contact_id is not None else [])}
    contacts = contacts_repo.contacts_by_ids(db, scope, wanted)
    if contact_id is not None:
        linked = contacts.get(contact_id)
        if linked is None or linked.account_id != account_id:
            errors.append(FieldError("contact_id", N_("Choose a contact of the same account.")))
    if set(participant_ids) - contacts.keys():
        errors.append(
            FieldError("participant_contact_ids", N_("Choose contacts of this workspace."))
        )
    if errors:
        raise ValidationFailed(errors)


def _sync_reminder(db: Session, principal: Principal, activity: Activity) -> None:
    """One open reminder per activity with a next step, for its owner, at 09:00 local time."""
    plan = None
    if activity.next_step and activity.next_step_due is not None and activity.owner_id is not None:
        due = datetime.combine(
            activity.next_step_due, REMINDER_HOUR, tzinfo=ZoneInfo(principal.timezone)
        )
        link = f"/accounts/{activity.account_id}?tab=activities"
        plan = ReminderPlan(activity.owner_id, due, activity.next_step, link)
    keep_reminder(db, principal.scope, "activity", activity.id, plan)


def _cents(amount: Decimal | None) -> Decimal | None:
    """Money is kept to the cent, as the database stores it."""
    return amount.quantize(Decimal("0.01")) if amount is not None else None


def create_activity(db: Session, principal: Principal, data: ActivityCreate) -> Activity:
    principal.require(Permission.WRITE_ACTIVITIES)
    scope = principal.scope
    if data.occurred_at.tzinfo is None:
        raise field_error("occurred_at", N_("Give the time with its time zone."))
    owner_id = data.owner_id if data.owner_id is not None else principal.user_id
    check_users(
        db, scope, {"owner_id": {owner_id}, "participant_user_ids": set(data.participant_user_ids)}
    )
    _check_links(
        db, scope, data.account_id, data.contact_id, data.participant_contact_ids, creating=True
    )
    values = data.model_dump(
        exclude={"owner_id", "participant_contact_ids", "participant_user_ids"}
    )
    values["occurred_at"] = data.occurred_at.astimezone(UTC)
    values["cost"] = _cents(data.cost)
    activity = Activity(workspace_id=scope.workspace_id, owner_id=owner_id, **values)
    db.add(activity)
    db.flush()
    repo.replace_participants(
        db, scope, activity.id, data.participant_contact_ids, data.participant_user_ids
    )
    _sync_reminder(db, principal, activity)
    db.flush()
    return activity


def update_activity(
    db: Session,
    principal: Principal,
    activity_id: int,
    data: ActivityUpdate,
    expected_version: int | None,
) -> Activity:
    principal.require(Permission.WRITE_ACTIVITIES)
    scope = principal.scope
    activity = repo.activity(db, scope, activity_id)
    check_version(activity.version, expected_version)
    changes = data.model_dump(
        exclude_unset=True, exclude={"participant_contact_ids", "participant_user_ids"}
    )
    for key in ("type", "occurred_at", "subject"):
        if key in changes and changes[key] is None:
            raise field_error(key, N_("This field is required."))
    if changes.get("occurred_at") is not None:
        if changes["occurred_at"].tzinfo is None:
            raise field_error("occurred_at", N_("Give the time with its time zone."))
        changes["occurred_at"] = changes["occurred_at"].astimezone(UTC)
    if "cost" in changes:
        changes["cost"] = _cents(changes["cost"])
    users = {"participant_user_ids": set(data.participant_user_ids or [])}
    if changes.get("owner_id") is not None:
        users["owner_id"] = {changes["owner_id"]}
    check_users(db, scope, users)
    contact_id = changes.get("contact_id", activity.contact_id)
    _check_links(db, scope, activity.account_id, contact_id, data.participant_contact_ids or [])
    for key, value in changes.items():
        setattr(activity, key, value)
    if data.participant_contact_ids is not None or data.participant_user_ids is not None:
        current = repo.participants(db, scope, [activity.id])[activity.id]
        repo.replace_participants(
            db,
            scope,
            activity.id,
            data.participant_contact_ids
            if data.participant_contact_ids is not None
            else current[0],
            data.participant_user_ids if data.participant_user_ids is not None else current[1],
        )
    _sync_reminder(db, principal, activity)
    db.flush()
    return activity


def archive_activity(
    db: Session, principal: Principal, activity_id: int, *, expected: int | None = None
) -> None:
    principal.require(Permission.WRITE_ACTIVITIES)
    activity = repo.activity(db, principal.scope, activity_id)
    check_version(activity.version, expected)
    activity.archived_at = utcnow()
    activity.next_step_due = None
    _sync_reminder(db, principal, activity)
    db.flush()


def _reads(db: Session, scope: WorkspaceScope, rows: list[Activity]) -> list[ActivityRead]:
    """Activities with names and participants, in three queries for the whole page."""
    ids = [a.id for a in rows]
    people = repo.participants(db, scope, ids)
    accounts = accounts_repo.account_names(db, scope, {a.account_id for a in rows})
    contacts = contacts_repo.contacts_by_ids(
        db, scope, {a.contact_id for a in rows if a.contact_id}
    )
    return [
        ActivityRead.model_validate(a).model_copy(
            update={
                "account_name": accounts.get(a.account_id, ""),
                "contact_name": contacts[a.contact_id].name if a.contact_id in contacts else None,
                "participant_contact_ids": people[a.id][0],
                "participant_user_ids": people[a.id][1],
            }
        )
        for a in rows
    ]


def get_activity(db: Session, principal: Principal, activity_id: int) -> ActivityRead:
    principal.require(Permission.READ)
    return _reads(db, principal.scope, [repo.activity(db, principal.scope, activity_id)])[0]


def activities_involving(
    db: Session,
    principal: Principal,
    account_id: int,
    contact_ids: set[int],
    until: datetime | None = None,
    limit: int = 10,
) -> list[ActivityRead]:
    """The latest activities at an account with any of the given people (an opportunity's
    decision chain), with their names and participants."""
    principal.require(Permission.READ)
    rows = repo.activities_involving(db, principal.scope, account_id, contact_ids, until, limit)
    return _reads(db, principal.scope, list(rows))


def list_activities(db: Session, principal: Principal, query: ActivityQuery) -> Page[ActivityRead]:
    """A page of the activities the query's filters find, newest first unless a `sort` says
    otherwise, each with its names and participants."""
    principal.require(Permission.READ)
    filters = _filters(query, principal.timezone)
    page = PageRequest(query.page, query.page_size)
    rows, total, capped = repo.activity_page(
        db, principal.scope, filters, query.sort, page, count_cap(filters.q)
    )
    return Page[ActivityRead].of(_reads(db, principal.scope, rows), total, page, capped)


def _filters(query: ActivityQuery, tz: str) -> ActivityFilters:
    """The repository's filters for a list query: its search case-folded, its days in the
    workspace's time zone."""
    return ActivityFilters(
        account_id=query.account_id,
        contact_id=query.contact_id,
        owner_id=query.owner_id,
        types=tuple(query.type),
        occurred_from=day_start(query.occurred_from, tz),
        occurred_to=day_start(query.occurred_to, tz, next_day=True),
        q=query.q.casefold() if query.q else None,
    )


def activity_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """The activities among `ids` by subject, linked to their pages (for a history)."""
    linked = reader.can(Permission.READ)
    return {
        aid: Reference(a.subject, f"/activities/{aid}" if linked else None)
        for aid, a in repo.activities_by_ids(db, reader.scope, ids).items()
    }
