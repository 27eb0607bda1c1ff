"""Every query of activities, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from pcrm.accounts.activities.models import Activity, ActivityParticipant
from pcrm.accounts.search import models as search
from pcrm.accounts.vocab import ActivityType
from pcrm.core.errors import NotFound
from pcrm.core.pagination import PageRequest, parse_sort, read_page
from pcrm.core.tenancy import WorkspaceScope


@dataclass(frozen=True, slots=True)
class ActivityFilters:
    account_id: int | None = None
    contact_id: int | None = None
    owner_id: int | None = None
    types: tuple[ActivityType, ...] = field(default_factory=tuple)
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    q: str | None = None


ACTIVITY_SORTS = {
    "occurred_at": Activity.occurred_at,
    "type": Activity.type,
    "created_at": Activity.created_at,
}


def activities_by_ids(
    db: Session, scope: WorkspaceScope, ids: Iterable[int]
) -> dict[int, Activity]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Activity).where(
        Activity.workspace_id == scope.workspace_id, Activity.id.in_(wanted)
    )
    return {a.id: a for a in db.scalars(query)}


def activity(db: Session, scope: WorkspaceScope, activity_id: int) -> Activity:
    found = db.scalar(
        select(Activity).where(
            Activity.workspace_id == scope.workspace_id,
            Activity.id == activity_id,
            Activity.archived_at.is_(None),
        )
    )
    if found is None:
        raise NotFound()
    return found


def activities_query(scope: WorkspaceScope, filters: ActivityFilters) -> Select[Any]:
    query = select(Activity).where(
        Activity.workspace_id == scope.workspace_id, Activity.archived_at.is_(None)
    )
    if filters.account_id is not None:
        query = query.where(Activity.account_id == filters.account_id)
    if filters.contact_id is not None:
        involved = select(ActivityParticipant.activity_id).where(
            ActivityParticipant.workspace_id == scope.workspace_id,
            ActivityParticipant.contact_id == filters.contact_id,
        )
        query = query.where((Activity.contact_id == filters.contact_id) | Activity.id.in_(involved))
    if filters.owner_id is not None:
        query = query.where(Activity.owner_id == filters.owner_id)
    if filters.types:
        query = query.where(Activity.type.in_(filters.types))
    if filters.occurred_from is not None:
        query = query.where(Activity.occurred_at >= filters.occurred_from)
    if filters.occurred_to is not None:
        query = query.where(Activity.occurred_at < filters.occurred_to)
    if filters.q:
        like = search.like_pattern(filters.q)
        query = query.where(func.lower(Activity.subject).like(like, escape="\\"))
    return query


def activity_page(
    db: Session,
    scope: WorkspaceScope,
    filters: ActivityFilters,
    sort: str | None,
    page: PageRequest,
    cap: int,
) -> tuple[list[Activity], int, bool]:
    """One page of the activities the filters find, in an allow-listed `sort` order
    (`ACTIVITY_SORTS`, newest first if none), with the count of them all up to `cap` and
    whether it reached it (`core.pagination`): the page's ids first, then its rows."""
    order = parse_sort(sort, ACTIVITY_SORTS, "-occurred_at")
    query = activities_query(scope, filters)
    return read_page(
        db,
        query,
        query.order_by(*order, Activity.id.desc()),
        Activity.id,
        page,
        lambda ids: activities_by_ids(db, scope, ids),
        cap,
        remember=("activities", scope.workspace_id, filters),
    )


def activities_with(db: Session, scope: WorkspaceScope, contact_id: int) -> Sequence[Activity]:
    """The live activities a contact is the contact of or took part in."""
    return db.scalars(activities_query(scope, ActivityFilters(contact_id=contact_id))).all()


def activities_involving(
    db: Session,
    scope: WorkspaceScope,
    account_id: int,
    contact_ids: Iterable[int],
    until: datetime | None,
    limit: int,
) -> Sequence[Activity]:
    """The account's live activities that one of the contacts is the contact of or took part
    in, newest first, up to `limit`, none after `until`."""
    wanted = set(contact_ids)
    if not wanted:
        return []
    involved = select(ActivityParticipant.activity_id).where(
        ActivityParticipant.workspace_id == scope.workspace_id,
        ActivityParticipant.contact_id.in_(wanted),
    )
    query = select(Activity).where(
        Activity.workspace_id == scope.workspace_id,
        Activity.account_id == account_id,
        Activity.archived_at.is_(None),
        Activity.contact_id.in_(wanted) | Activity.id.in_(involved),
    )
    if until is not None:
        query = query.where(Activity.occurred_at < until)
    return db.scalars(
        query.order_by(Activity.occurred_at.desc(), Activity.id.desc()).limit(limit)
    ).all()


def participants(
    db: Session, scope: WorkspaceScope, activity_ids: Iterable[int]
) -> dict[int, tuple[list[int], list[int]]]:
    """activity id → (contact ids, user ids), in one query for a whole page."""
    wanted = set(activity_ids)
    found: dict[int, tuple[list[int], list[int]]] = {a: ([], []) for a in wanted}
    if not wanted:
        return found
    query = (
        select(ActivityParticipant)
        .where(
            ActivityParticipant.workspace_id == scope.workspace_id,
            ActivityParticipant.activity_id.in_(wanted),
        )
        .order_by(ActivityParticipant.id)
    )
    for row in db.scalars(query):
        contacts, users = found[row.activity_id]
        if row.contact_id is not None:
            contacts.append(row.contact_id)
        if row.user_id is not None:
            users.append(row.user_id)
    return found


def replace_participants(
    db: Session,
    scope: WorkspaceScope,
    activity_id: int,
    contact_ids: list[int],
    user_ids: list[int],
) -> None:
    db.execute(
        delete(ActivityParticipant).where(
            ActivityParticipant.workspace_id == scope.workspace_id,
            ActivityParticipant.activity_id == activity_id,
        )
    )
    db.add_all(
        [
            ActivityParticipant(
                workspace_id=scope.workspace_id, activity_id=activity_id, contact_id=c
            )
            for c in dict.fromkeys(contact_ids)
        ]
        + [
            ActivityParticipant(workspace_id=scope.workspace_id, activity_id=activity_id, user_id=u)
            for u in dict.fromkeys(user_ids)
        ]
    )


def move_participant(
    db: Session, scope: WorkspaceScope, from_contact: int, to_contact: int
) -> None:
    query = select(ActivityParticipant).where(
        ActivityParticipant.workspace_id == scope.workspace_id,
        ActivityParticipant.contact_id.in_([from_contact, to_contact]),
    )
    rows = list(db.scalars(query))
    already = {r.activity_id for r in rows if r.contact_id == to_contact}
    for row in rows:
        if row.contact_id == from_contact:
            if row.activity_id in already:
                db.delete(row)
            else:
                row.contact_id = to_contact


def all_activities_of(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Activity]:
    """Every activity of an account, archived ones included (for merges)."""
    query = select(Activity).where(
        Activity.workspace_id == scope.workspace_id, Activity.account_id == account_id
    )
    return db.scalars(query).all()


def last_interactions(
    db: Session, scope: WorkspaceScope, user_ids: Iterable[int], contact_ids: Iterable[int]
) -> dict[tuple[int, int], datetime]:
    """(user id, contact id) → time of their latest activity together: both took part, or the
    user owns an activity with the contact as its contact or a participant."""
    users, contacts = set(user_ids), set(contact_ids)
    if not users or not contacts:
        return {}
    us = ActivityParticipant.__table__.alias("us")
    them = ActivityParticipant.__table__.alias("them")
    together = (
        select(us.c.user_id, them.c.contact_id, func.max(Activity.occurred_at))
        .select_from(us)
        .join(
            them,
            (them.c.activity_id == us.c.activity_id) & (them.c.workspace_id == scope.workspace_id),
        )
        .join(
            Activity,
            (Activity.id == us.c.activity_id) & (Activity.workspace_id == scope.workspace_id),
        )
        .where(
            us.c.workspace_id == scope.workspace_id,
            us.c.user_id.in_(users),
            them.c.contact_id.in_(contacts),
            Activity.archived_at.is_(None),
        )
        .group_by(us.c.user_id, them.c.contact_id)
    )
    owned = (
        select(Activity.owner_id, Activity.contact_id, func.max(Activity.occurred_at))
        .where(
            Activity.workspace_id == scope.workspace_id,
            Activity.owner_id.in_(users),
            Activity.contact_id.in_(contacts),
            Activity.archived_at.is_(None),
        )
        .group_by(Activity.owner_id, Activity.contact_id)
    )
    owned_with = (
        select(Activity.owner_id, them.c.contact_id, func.max(Activity.occurred_at))
        .select_from(them)
        .join(
            Activity,
            (Activity.id == them.c.activity_id) & (Activity.workspace_id == scope.workspace_id),
        )
        .where(
            them.c.workspace_id == scope.workspace_id,
            Activity.owner_id.in_(users),
            them.c.contact_id.in_(contacts),
            Activity.archived_at.is_(None),
        )
        .group_by(Activity.owner_id, them.c.contact_id)
    )
    found: dict[tuple[int, int], datetime] = {}
    for query in (together, owned, owned_with):
        for user_id, contact_id, when in db.execute(query):
            key = (int(user_id), int(contact_id))
            if key not in found or when > found[key]:
                found[key] = when
    return found


def last_activity_with(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> dict[int, datetime]:
    """Contact → time of the latest activity with them (as the contact or a participant)."""
    wanted = set(contact_ids)
    if not wanted:
        return {}
    direct = (
        select(Activity.contact_id, func.max(Activity.occurred_at))
        .where(
            Activity.workspace_id == scope.workspace_id,
            Activity.contact_id.in_(wanted),
            Activity.archived_at.is_(None),
        )
        .group_by(Activity.contact_id)
    )
    joined = (
        select(ActivityParticipant.contact_id, func.max(Activity.occurred_at))
        .join(
            Activity,
            (Activity.id == ActivityParticipant.activity_id)
            & (Activity.workspace_id == scope.workspace_id),
        )
        .where(
            ActivityParticipant.workspace_id == scope.workspace_id,
            ActivityParticipant.contact_id.in_(wanted),
            Activity.archived_at.is_(None),
        )
        .group_by(ActivityParticipant.contact_id)
    )
    found: dict[int, datetime] = {}
    for query in (direct, joined):
        for contact_id, when in db.execute(query):
            if (
                contact_id is not None
                and when is not None
                and (contact_id not in found or when > found[contact_id])
            ):
                found[int(contact_id)] = when
    return found
