"""Every query of contacts and their employments, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Row, Select, bindparam, func, select, union
from sqlalchemy.orm import Session

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.repository import rows_by_id
from pcrm.accounts.contacts.models import Contact, Employment
from pcrm.accounts.search.repository import NEWEST, searched, with_account_name
from pcrm.accounts.vocab import ContactStatus, Importance, Industry
from pcrm.core.errors import NotFound
from pcrm.core.pagination import (
    ListStatements,
    PageRequest,
    in_vocabulary_order,
    parse_sort,
    read_page,
    read_prepared_page,
)
from pcrm.core.tenancy import WorkspaceScope


@dataclass(frozen=True, slots=True)
class ContactFilters:
    q: str | None = None
    account_id: int | None = None
    importance: Importance | None = None
    status: ContactStatus | None = None
    owner_id: int | None = None
    industry: Industry | None = None
    province: str | None = None
    updated_from: datetime | None = None
    updated_to: datetime | None = None
    include_archived: bool = False


CONTACT_SORTS = {
    "name": Contact.sort_name,
    "added": Contact.id,
    "updated_at": Contact.updated_at,
    "created_at": Contact.created_at,
    "importance": in_vocabulary_order(Contact.importance, Importance),
    "title": Contact.title,
}


def contact(db: Session, scope: WorkspaceScope, contact_id: int) -> Contact:
    found = db.scalar(
        select(Contact).where(Contact.workspace_id == scope.workspace_id, Contact.id == contact_id)
    )
    if found is None:
        raise NotFound()
    return found


def contacts_by_ids(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Contact]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Contact).where(
        Contact.workspace_id == scope.workspace_id, Contact.id.in_(wanted)
    )
    return {c.id: c for c in db.scalars(query)}


def contacts_query(
    db: Session, scope: WorkspaceScope, filters: ContactFilters, newest_first: bool = False
) -> Select[Any]:
    """The contacts matching the filters; ordered newest first (latest added) if asked,
    else unordered. One account's contacts are few, so a search within them is not driven
    by the search index (which would read the matches of the whole workspace)."""
    query = select(Contact).where(Contact.workspace_id == scope.workspace_id)
    if not filters.include_archived:
        query = query.where(Contact.archived_at.is_(None))
    if filters.q:
        drive = newest_first and filters.account_id is None
        query = searched(db, query, Contact, filters.q, drive)
        if newest_first and not drive:
            query = query.order_by(Contact.id.desc())
    elif newest_first:
        query = query.order_by(Contact.id.desc())
    return query.where(*contact_conditions(contact_filter_values(filters), scope.workspace_id))


# Each filter of a contact list on the contact's own columns, as a condition on its value (a
# value or a bound parameter), and each on its account's columns (`contact_conditions`).
CONTACT_CONDITIONS: dict[str, Callable[[Any], ColumnElement[bool]]] = {
    "account_id": lambda value: Contact.account_id == value,
    "importance": lambda value: Contact.importance == value,
    "status": lambda value: Contact.status == value,
    "updated_from": lambda value: Contact.updated_at >= value,
    "updated_to": lambda value: Contact.updated_at < value,
}
CONTACT_ACCOUNT_CONDITIONS: dict[str, Callable[[Any], ColumnElement[bool]]] = {
    "owner_id": lambda value: Account.owner_id == value,
    "industry": lambda value: Account.industry == value,
    "province": lambda value: Account.province == value,
}


def contact_conditions(values: dict[str, Any], ws: Any) -> list[ColumnElement[bool]]:
    """The conditions of a contact list's filters (`values` by name, values or bound
    parameters); those on the account are one subquery of the workspace's accounts."""
    found = [CONTACT_CONDITIONS[n](v) for n, v in values.items() if n in CONTACT_CONDITIONS]
    on_account = [
        CONTACT_ACCOUNT_CONDITIONS[n](v)
        for n, v in values.items()
        if n in CONTACT_ACCOUNT_CONDITIONS
    ]
    if on_account:
        of_accounts = select(Account.id).where(Account.workspace_id == ws, *on_account)
        found.append(Contact.account_id.in_(of_accounts))
    return found


def contact_filter_values(filters: ContactFilters) -> dict[str, Any]:
    """The filters that are set (all but the search), by name."""
    names = (*CONTACT_CONDITIONS, *CONTACT_ACCOUNT_CONDITIONS)
    values = {name: getattr(filters, name) for name in names}
    return {name: value for name, value in values.items() if value is not None and value != ""}


def prepared_contacts_query(names: tuple[str, ...], include_archived: bool) -> Select[Any]:
    """`contacts_query` without a search, with bound parameters for the workspace (`ws`) and
    each filter in `names` (see `prepared_accounts_query`)."""
    ws = bindparam("ws", type_=Integer)
    query = select(Contact).where(Contact.workspace_id == ws)
    if not include_archived:
        query = query.where(Contact.archived_at.is_(None))
    return query.where(*contact_conditions({name: bindparam(name) for name in names}, ws))


def contact_page(
    db: Session,
    scope: WorkspaceScope,
    filters: ContactFilters,
    sort: str,
    page: PageRequest,
    cap: int,
) -> tuple[list[Row[Any]], int, bool]:
    """One page of the contacts the filters find, as rows with their account's name
    (`contact_rows`), in an allow-listed `sort` order (`CONTACT_SORTS`; `NEWEST` for a search
    read newest first from the search index), with the count of them all up to `cap` and
    whether it reached it, as `accounts.repository.account_page` reads accounts."""
    remember = ("contacts", scope.workspace_id, filters)
    if not filters.q and sort != NEWEST:
        values = contact_filter_values(filters)
        return read_prepared_page(
            db,
            _prepared_list(tuple(values), filters.include_archived, sort),
            values | {"ws": scope.workspace_id},
            page,
            lambda ids: contact_rows(db, scope, ids),
            cap,
            remember,
        )
    if sort == NEWEST:
        query = ordered = contacts_query(db, scope, filters, newest_first=True)
    else:
        live = None if filters.include_archived else Contact.archived_at
        order = parse_sort(sort, CONTACT_SORTS, "name", constant=live)
        query = contacts_query(db, scope, filters)
        ordered = query.order_by(*order, Contact.id)
    return read_page(
        db,
        query,
        ordered,
        Contact.id,
        page,
        lambda ids: contact_rows(db, scope, ids),
        cap,
        remember,
    )


@lru_cache(maxsize=256)
def _prepared_list(names: tuple[str, ...], include_archived: bool, sort: str) -> ListStatements:
    """The statements of an unsearched contact list of one shape (its filters and its sort),
    built once; an unknown sort raises before anything is kept."""
    query = prepared_contacts_query(names, include_archived)
    live = None if include_archived else Contact.archived_at
    return ListStatements.sorted(query, CONTACT_SORTS, sort, Contact.id, live)


def all_contacts_at(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Contact]:
    """Every contact of an account, archived ones included (for merges)."""
    filters = ContactFilters(account_id=account_id, include_archived=True)
    return db.scalars(contacts_query(db, scope, filters)).all()


# What a contact is read with: every column but the (long) derived search ones.
CONTACT_COLUMNS = tuple(
    c for c in Contact.__table__.c if c.key not in ("search_text", "search_grams")
)


def contact_rows(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Row[Any]]:
    """Contacts by id (archived ones too) as rows with `account_name`, in one query."""
    return rows_by_id(db, _contact_rows_statement(), scope, ids)


@cache
def _contact_rows_statement() -> Select[Any]:
    """Built once: a list page runs it on every request (see `search_box`)."""
    ws = bindparam("ws", type_=Integer)
    query = select(Contact).where(
        Contact.workspace_id == ws, Contact.id.in_(bindparam("ids", expanding=True))
    )
    return with_account_name(ws, query, CONTACT_COLUMNS)


def _account_contacts(scope: WorkspaceScope, account_id: int, limit: int) -> Select[Any]:
    return (
        select(Contact)
        .where(
            Contact.workspace_id == scope.workspace_id,
            Contact.account_id == account_id,
            Contact.archived_at.is_(None),
        )
        .order_by(Contact.sort_name, Contact.id)
        .limit(limit)
    )


def account_contacts(
    db: Session, scope: WorkspaceScope, account_id: int, limit: int = 500
) -> Sequence[Contact]:
    return db.scalars(_account_contacts(scope, account_id, limit)).all()


def account_contact_rows(
    db: Session,
    scope: WorkspaceScope,
    account_id: int,
    columns: Sequence[Any] = CONTACT_COLUMNS,
    limit: int = 500,
) -> Sequence[Row[*tuple[Any, ...]]]:
    """The same contacts as `account_contacts`, as rows of the given columns: reading hundreds
    of them for another area's graph costs far less without building ORM objects."""
    query = _account_contacts(scope, account_id, limit).with_only_columns(*columns)
    return db.execute(query).all()


# A contact as other areas' graphs of a whole account read it (`public.ContactRef`).
PERSON_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.title,
    Contact.importance,
    Contact.status,
    Contact.account_id,
    Contact.reports_to_id,
    Contact.version,
)


def account_people(
    db: Session, scope: WorkspaceScope, account_id: int
) -> Sequence[Row[*tuple[Any, ...]]]:
    """The same contacts as `account_contacts`, as rows of `PERSON_COLUMNS`."""
    return account_contact_rows(db, scope, account_id, PERSON_COLUMNS)


def contact_count(db: Session, scope: WorkspaceScope, account_id: int) -> int:
    query = (
        select(func.count())
        .select_from(Contact)
        .where(
            Contact.workspace_id == scope.workspace_id,
            Contact.account_id == account_id,
            Contact.archived_at.is_(None),
        )
    )
    return int(db.scalar(query) or 0)


def reports_to_of(db: Session, scope: WorkspaceScope, contact_id: int) -> int | None:
    return db.scalar(
        select(Contact.reports_to_id).where(
            Contact.workspace_id == scope.workspace_id, Contact.id == contact_id
        )
    )


def direct_reports(db: Session, scope: WorkspaceScope, contact_id: int) -> Sequence[Contact]:
    query = select(Contact).where(
        Contact.workspace_id == scope.workspace_id, Contact.reports_to_id == contact_id
    )
    return db.scalars(query).all()


def contacts_with(
    db: Session,
    scope: WorkspaceScope,
    *,
    mobile: str | None = None,
    email: str | None = None,
    limit: int = 5,
) -> Sequence[Contact]:
    query = select(Contact).where(
        Contact.workspace_id == scope.workspace_id, Contact.archived_at.is_(None)
    )
    if mobile:
        query = query.where(Contact.mobile == mobile)
    elif email:
        query = query.where(Contact.email == email)
    else:
        return []
    return db.scalars(query.limit(limit)).all()


def employments(db: Session, scope: WorkspaceScope, contact_id: int) -> Sequence[Employment]:
    query = (
        select(Employment)
        .where(Employment.workspace_id == scope.workspace_id, Employment.contact_id == contact_id)
        .order_by(Employment.started_on.desc(), Employment.id.desc())
    )
    return db.scalars(query).all()


def employments_at(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Employment]:
    query = select(Employment).where(
        Employment.workspace_id == scope.workspace_id, Employment.account_id == account_id
    )
    return db.scalars(query).all()


def open_employment(db: Session, scope: WorkspaceScope, contact_id: int) -> Employment | None:
    query = (
        select(Employment)
        .where(
            Employment.workspace_id == scope.workspace_id,
            Employment.contact_id == contact_id,
            Employment.ended_on.is_(None),
        )
        .order_by(Employment.id.desc())
        .limit(1)
    )
    return db.scalar(query)


def reporting_links(
    db: Session, scope: WorkspaceScope, contact_ids: Iterable[int]
) -> list[tuple[int, int]]:
    """(contact, boss) pairs where either side is one of the given contacts (not archived).
    The contacts themselves are found by primary key and their reports through
    ix_contacts_reports_to, united: `id IN (...) OR reports_to_id IN (...)` made SQLite read
    every contact of the workspace instead."""
    wanted = set(contact_ids)
    if not wanted:
        return []
    scoped = Contact.workspace_id == scope.workspace_id
    either = union(
        select(Contact.id).where(scoped, Contact.id.in_(wanted)),
        select(Contact.id).where(scoped, Contact.reports_to_id.in_(wanted)),
    )
    query = select(Contact.id, Contact.reports_to_id).where(
        scoped,
        Contact.id.in_(either),
        Contact.archived_at.is_(None),
        Contact.reports_to_id.is_not(None),
    )
    return [(int(row.id), int(row.reports_to_id)) for row in db.execute(query.order_by(Contact.id))]


def live_contact_names(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, str]:
    """Id → name of the workspace's contacts among `ids` that are not archived. Archived ones
    are left out here, not in SQL: with `archived_at IS NULL` (or with only indexed columns
    read) SQLite, which has no statistics, read every contact of the workspace through an
    index instead of looking the few ids up by primary key."""
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Contact.id, Contact.name, Contact.archived_at).where(
        Contact.workspace_id == scope.workspace_id, Contact.id.in_(wanted)
    )
    return {row.id: row.name for row in db.execute(query) if row.archived_at is None}
