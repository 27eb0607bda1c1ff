"""Every query of the accounts area, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Row,
    Select,
    TableClause,
    Text,
    bindparam,
    cast,
    column,
    delete,
    func,
    literal_column,
    select,
    table,
    text,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import Join

from pcrm.accounts import search
from pcrm.accounts.models import (
    Account,
    AccountTag,
    AccountTeamMember,
    Activity,
    ActivityParticipant,
    Contact,
    Employment,
    ListColumns,
    SavedView,
)
from pcrm.accounts.vocab import (
    ActivityType,
    ContactStatus,
    Importance,
    Industry,
    LifecycleStage,
    Ownership,
)
from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope

FTS_TABLES = {"accounts": "accounts_fts", "contacts": "contacts_fts"}
# SQLite's FTS5 tables over search_grams (made by the migrations, not in the models); the
# hidden column named like the table is the one MATCH is applied to.
FTS: dict[str, TableClause] = {
    name: table(fts, column("rowid", Integer), column(fts)) for name, fts in FTS_TABLES.items()
}
Searched = type[Account] | type[Contact]


def _dialect(db: Session) -> str:
    return db.get_bind().dialect.name


class _CrossJoin(Join):
    """An inner join that SQLite must run with the left table in the outer loop."""

    inherit_cache = True


@compiles(_CrossJoin, "sqlite")
def _sqlite_cross_join(join: _CrossJoin, compiler: SQLCompiler, **kw: Any) -> str:
    # "<left> JOIN <right> ON ...", with the FROM linter told they are joined; the left side
    # is always a bare FTS table, so the first " JOIN " is this join's.
    joined = compiler.visit_join(join, **kw)  # type: ignore[no-untyped-call]
    return str(joined).replace(" JOIN ", " CROSS JOIN ", 1)


def _has_grams(model: Searched, grams: Any) -> ColumnElement[bool]:
    """PostgreSQL: the row's grams include every one of `grams` (a list or a bound array)."""
    return func.string_to_array(model.search_grams, " ").op("@>")(cast(grams, ARRAY(Text)))


def matches(db: Session, model: Searched, query: str) -> ColumnElement[bool]:
    """Rows whose search fields contain the normalised query (see `accounts.search`)."""
    like = model.search_text.like(search.like_pattern(query), escape="\\")
    grams = search.query_grams(query)
    if not grams:
        return like
    if _dialect(db) == "postgresql":
        return _has_grams(model, array(grams)) & like
    fts = FTS_TABLES[model.__tablename__]
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH :match"  # noqa: S608 - fixed names
    candidates = (
        text(sql).bindparams(match=search.fts_match(grams)).columns(column("rowid", Integer))
    )
    return model.id.in_(candidates) & like


def _searched(
    db: Session, query: Select[Any], model: Searched, q: str, newest_first: bool
) -> Select[Any]:
    """`query` narrowed to the rows matching q, and ordered newest first if asked.

    Newest first on SQLite, FTS5 drives: `fts CROSS JOIN model ... ORDER BY fts.rowid DESC`
    reads the matches newest first and stops at the LIMIT (0.4-0.9 ms at a million contacts
    instead of materialising every match, 20-30 ms for 王). It must be CROSS JOIN: with a
    plain JOIN SQLite put the model outside and probed FTS5 once per row (18 s for 王).
    PostgreSQL walks the primary key backwards, checking the gram condition."""
    grams = search.query_grams(q)
    if not (newest_first and grams and _dialect(db) == "sqlite"):
        query = query.where(matches(db, model, q))
        return query.order_by(model.id.desc()) if newest_first else query
    return _fts_driven(query, model, search.fts_match(grams), search.like_pattern(q))


def _fts_driven(query: Select[Any], model: Searched, match: Any, like: Any) -> Select[Any]:
    """SQLite: `query` read newest first from the search index (`match`, `like`: values or
    bound parameters)."""
    fts = FTS[model.__tablename__]
    driven = _CrossJoin(fts, model.__table__, model.id == fts.c.rowid)
    return (
        query.select_from(driven)
        .where(fts.c[fts.name].op("MATCH")(match), model.search_text.like(like, escape="\\"))
        .order_by(fts.c.rowid.desc())
    )


def starts_with(model: Searched, query: str) -> ColumnElement[bool]:
    """Rows whose name starts with the normalised query, in the form the leading-name
    indexes answer (models.py): the first field of search_text is the name, so
    `substr(search_text, 1, n) = q[:n]` (n = 1 or 2) finds the candidates in name order and
    `LIKE 'q%'` confirms them. It implies the gram condition, which is therefore left out.
    The substr arguments are literals: SQLite matches an index expression only by its text."""
    n = min(len(query), 2)
    return _leading(model, n, query[:n], search.prefix_pattern(query))


def _leading(model: Searched, n: int, lead: Any, prefix: Any) -> ColumnElement[bool]:
    leading = func.substr(model.search_text, literal_column("1"), literal_column(str(n)))
    condition: ColumnElement[bool] = (leading == lead) & model.search_text.like(prefix, escape="\\")
    return condition


def in_name_order(model: Searched) -> tuple[Any, Any]:
    """ORDER BY of live rows by name that the (workspace_id, archived_at, ..., sort_name)
    indexes serve as they are: archived_at is NULL on every such row, but PostgreSQL reads an
    index in order only when each column before sort_name is fixed by `=` or ordered on."""
    return model.archived_at, model.sort_name


# --- accounts ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountFilters:
    q: str | None = None
    industry: Industry | None = None
    province: str | None = None
    ownership: Ownership | None = None
    stage: LifecycleStage | None = None
    owner_id: int | None = None
    tag: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    include_archived: bool = False


def account(db: Session, scope: WorkspaceScope, account_id: int) -> Account:
    found = db.scalar(
        select(Account).where(Account.workspace_id == scope.workspace_id, Account.id == account_id)
    )
    if found is None:
        raise NotFound()
    return found


def accounts_by_ids(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Account]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Account).where(
        Account.workspace_id == scope.workspace_id, Account.id.in_(wanted)
    )
    return {a.id: a for a in db.scalars(query)}


# What an account is read with in lists: every column but the (long) derived search ones.
ACCOUNT_COLUMNS = tuple(
    c for c in Account.__table__.c if c.key not in ("search_text", "search_grams")
)


def account_rows(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Row[Any]]:
    """Accounts by id as rows of their columns: a list validates its schema from each row's
    dict (`core.db.row_dicts`), three times as fast as from ORM objects."""
    return _rows_by_id(db, _account_rows_statement(), scope, ids)


def _rows_by_id(
    db: Session, statement: Select[Any], scope: WorkspaceScope, ids: Iterable[int]
) -> dict[int, Row[Any]]:
    """Run a statement built once with the bound parameters `ws` and `ids` (expanding)."""
    wanted = set(ids)
    if not wanted:
        return {}
    values = {"ws": scope.workspace_id, "ids": list(wanted)}
    return {row.id: row for row in db.execute(statement, values)}


@cache
def _account_rows_statement() -> Select[Any]:
    """Built once: a list page runs it on every request (see `search_box`)."""
    return select(*ACCOUNT_COLUMNS).where(
        Account.workspace_id == bindparam("ws", type_=Integer),
        Account.id.in_(bindparam("ids", expanding=True)),
    )


def account_names(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    query = select(Account.id, Account.name).where(
        Account.workspace_id == scope.workspace_id, Account.id.in_(wanted)
    )
    return {row.id: row.name for row in db.execute(query)}


def account_by_credit_code(db: Session, scope: WorkspaceScope, code: str) -> Account | None:
    return db.scalar(
        select(Account).where(
            Account.workspace_id == scope.workspace_id, Account.credit_code == code
        )
    )


def accounts_query(
    db: Session, scope: WorkspaceScope, filters: AccountFilters, newest_first: bool = False
) -> Select[Any]:
    """The accounts matching the filters; ordered newest first (latest added) if asked,
    else unordered."""
    query = select(Account).where(Account.workspace_id == scope.workspace_id)
    if not filters.include_archived:
        query = query.where(Account.archived_at.is_(None))
    if filters.q:
        query = _searched(db, query, Account, filters.q, newest_first)
    elif newest_first:
        query = query.order_by(Account.id.desc())
    return query.where(*account_conditions(account_filter_values(filters), scope.workspace_id))


# Each filter of an account list as a condition on its value (a value or a bound parameter).
ACCOUNT_CONDITIONS: dict[str, Callable[[Any, Any], ColumnElement[bool]]] = {
    "industry": lambda value, _ws: Account.industry == value,
    "province": lambda value, _ws: Account.province == value,
    "ownership": lambda value, _ws: Account.ownership == value,
    "stage": lambda value, _ws: Account.lifecycle_stage == value,
    "owner_id": lambda value, _ws: Account.owner_id == value,
    "tag": lambda value, ws: Account.id.in_(
        select(AccountTag.account_id).where(AccountTag.workspace_id == ws, AccountTag.tag == value)
    ),
    "created_from": lambda value, _ws: Account.created_at >= value,
    "created_to": lambda value, _ws: Account.created_at < value,
}


def account_conditions(values: dict[str, Any], ws: Any) -> list[ColumnElement[bool]]:
    """The conditions of an account list's filters (`values` by name, values or bound
    parameters), as `contact_conditions` for contacts."""
    return [ACCOUNT_CONDITIONS[name](value, ws) for name, value in values.items()]


def account_filter_values(filters: AccountFilters) -> dict[str, Any]:
    """The filters that are set (all but the search), by name."""
    values = {name: getattr(filters, name) for name in ACCOUNT_CONDITIONS}
    return {name: value for name, value in values.items() if value is not None and value != ""}


def prepared_accounts_query(names: tuple[str, ...], include_archived: bool) -> Select[Any]:
    """`accounts_query` without a search, with bound parameters for the workspace (`ws`) and
    for each filter in `names` (by its name), to be built once per shape of list and run with
    each request's values (see `search_box`)."""
    ws = bindparam("ws", type_=Integer)
    query = select(Account).where(Account.workspace_id == ws)
    if not include_archived:
        query = query.where(Account.archived_at.is_(None))
    return query.where(*account_conditions({name: bindparam(name) for name in names}, ws))


def parent_of(db: Session, scope: WorkspaceScope, account_id: int) -> int | None:
    return db.scalar(
        select(Account.parent_id).where(
            Account.workspace_id == scope.workspace_id, Account.id == account_id
        )
    )


def children(
    db: Session, scope: WorkspaceScope, account_id: int, include_archived: bool = False
) -> Sequence[Account]:
    query = select(Account).where(
        Account.workspace_id == scope.workspace_id, Account.parent_id == account_id
    )
    if not include_archived:
        query = query.where(Account.archived_at.is_(None))
    return db.scalars(query.order_by(Account.sort_name)).all()


def all_activities_of(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Activity]:
    """Every activity of an account, archived ones included (for merges)."""
    query = select(Activity).where(
        Activity.workspace_id == scope.workspace_id, Activity.account_id == account_id
    )
    return db.scalars(query).all()


def team(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[AccountTeamMember]:
    query = (
        select(AccountTeamMember)
        .where(
            AccountTeamMember.workspace_id == scope.workspace_id,
            AccountTeamMember.account_id == account_id,
        )
        .order_by(AccountTeamMember.id)
    )
    return db.scalars(query).all()


def replace_tags(db: Session, scope: WorkspaceScope, account_id: int, tags: list[str]) -> None:
    db.execute(
        delete(AccountTag).where(
            AccountTag.workspace_id == scope.workspace_id, AccountTag.account_id == account_id
        )
    )
    db.add_all(
        AccountTag(workspace_id=scope.workspace_id, account_id=account_id, tag=t) for t in tags
    )


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


def all_tags(db: Session, scope: WorkspaceScope, limit: int = 200) -> list[str]:
    query = (
        select(AccountTag.tag)
        .where(AccountTag.workspace_id == scope.workspace_id)
        .group_by(AccountTag.tag)
        .order_by(func.count().desc(), AccountTag.tag)
        .limit(limit)
    )
    return list(db.scalars(query))


# --- contacts ----------------------------------------------------------------------------------


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
        query = _searched(db, query, Contact, filters.q, drive)
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


# What a contact is read with: every column but the (long) derived search ones.
CONTACT_COLUMNS = tuple(
    c for c in Contact.__table__.c if c.key not in ("search_text", "search_grams")
)


def with_account_name(
    scope: WorkspaceScope | BindParameter[int],
    query: Select[Any],
    columns: Iterable[Any] = CONTACT_COLUMNS,
) -> Select[Any]:
    """A query of contacts as rows of their columns plus their account's name
    (`account_name`), joined in the same statement. A LEFT JOIN, because SQLite always keeps
    its right side in the inner loop: the contacts' own plan (and order) stays as it was.
    Validate a schema from such rows as dicts (`core.db.row_dicts`): pydantic reads a dict
    about twice as fast as the row's `_mapping` and more than twice as fast as its attributes
    or an ORM object."""
    workspace = scope.workspace_id if isinstance(scope, WorkspaceScope) else scope
    return query.with_only_columns(*columns, Account.name.label("account_name")).outerjoin(
        Account, (Account.id == Contact.account_id) & (Account.workspace_id == workspace)
    )


# --- the search box ----------------------------------------------------------------------------

ACCOUNT_HIT = (Account.id, Account.name, Account.short_name, Account.sort_name)
CONTACT_HIT = (Contact.id, Contact.name, Contact.title, Contact.sort_name)

# PostgreSQL finds the matches of a gram as a bitmap of every matching row from the GIN index,
# and reads and rechecks all of them before it can sort by id: the newest 60 contacts that
# match 张伟 (7,866 of a million) took 141 ms. Limited to the workspace's newest RECENT_IDS ids,
# it ANDs that bitmap with a primary-key range and reads only those: 4.7 ms. A search that
# finds too few there runs again over every row (`SearchBox.recent_*`).
RECENT_IDS = 50_000


@dataclass(frozen=True, slots=True)
class SearchBox:
    """The search box's statements, each with bound parameters only: accounts and contacts
    whose name starts with the query (`lead`, `prefix`, up to `limit`), and the newest other
    matches (`match` or `grams`, `like`, up to `candidates`). On PostgreSQL, `recent_*` look
    for the newest matches among the workspace's newest `recent` ids first (`RECENT_IDS`):
    when they find `candidates` rows, those are the newest; else `newest_*` runs."""

    leading_accounts: Select[Any]
    newest_accounts: Select[Any]
    leading_contacts: Select[Any]
    newest_contacts: Select[Any]
    recent_accounts: Select[Any] | None = None
    recent_contacts: Select[Any] | None = None


@cache
def search_box(dialect: str, leading: int) -> SearchBox:
    """Built once per database and leading-index width (1 or 2 characters), then executed with
    new parameters: building these statements took more of a search request than running
    them (about 2 of 3.6 ms at a million contacts). Same SQL as `accounts_query` and
    `contacts_query` with a search and `starts_with`."""
    ws = bindparam("ws", type_=Integer)
    lead, prefix, like = (bindparam(name, type_=Text) for name in ("lead", "prefix", "like"))
    limit, candidates = bindparam("limit", type_=Integer), bindparam("candidates", type_=Integer)

    def live(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        return select(*columns).where(model.workspace_id == ws, model.archived_at.is_(None))

    def newest(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        if dialect == "sqlite":
            return _fts_driven(live(model, columns), model, bindparam("match"), like)
        grams = bindparam("grams", type_=ARRAY(Text))
        return (
            live(model, columns)
            .where(_has_grams(model, grams), model.search_text.like(like, escape="\\"))
            .order_by(model.id.desc())
        )

    def recent(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        latest = select(func.max(model.id)).where(model.workspace_id == ws).scalar_subquery()
        return newest(model, columns).where(model.id > latest - bindparam("recent", type_=Integer))

    def first(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        return (
            live(model, columns)
            .where(_leading(model, leading, lead, prefix))
            .order_by(*in_name_order(model))
        )

    def contacts(query: Select[Any], limit: BindParameter[int]) -> Select[Any]:
        return with_account_name(ws, query, CONTACT_HIT).limit(limit)

    box = SearchBox(
        leading_accounts=first(Account, ACCOUNT_HIT).limit(limit),
        newest_accounts=newest(Account, ACCOUNT_HIT).limit(candidates),
        leading_contacts=contacts(first(Contact, CONTACT_HIT), limit),
        newest_contacts=contacts(newest(Contact, CONTACT_HIT), candidates),
    )
    if dialect == "sqlite":  # FTS5 hands over the newest matches in order
        return box
    return replace(
        box,
        recent_accounts=recent(Account, ACCOUNT_HIT).limit(candidates),
        recent_contacts=contacts(recent(Contact, CONTACT_HIT), candidates),
    )


def search_box_parameters(dialect: str, query: str, limit: int, candidates: int) -> dict[str, Any]:
    """The values of `search_box`'s parameters for a normalised query that has grams."""
    grams = search.query_grams(query)
    found: dict[str, Any] = {
        "lead": query[: min(len(query), 2)],
        "prefix": search.prefix_pattern(query),
        "like": search.like_pattern(query),
        "limit": limit,
        "candidates": candidates,
    }
    if dialect == "sqlite":
        found["match"] = search.fts_match(grams)
    else:
        found["grams"] = grams
        found["recent"] = RECENT_IDS
    return found


def contact_rows(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Row[Any]]:
    """Contacts by id (archived ones too) as rows with `account_name`, in one query."""
    return _rows_by_id(db, _contact_rows_statement(), scope, ids)


@cache
def _contact_rows_statement() -> Select[Any]:
    """Built once: a list page runs it on every request (see `search_box`)."""
    ws = bindparam("ws", type_=Integer)
    query = select(Contact).where(
        Contact.workspace_id == ws, Contact.id.in_(bindparam("ids", expanding=True))
    )
    return with_account_name(ws, query)


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


# --- activities --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActivityFilters:
    account_id: int | None = None
    contact_id: int | None = None
    owner_id: int | None = None
    types: tuple[ActivityType, ...] = field(default_factory=tuple)
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    q: str | None = None


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


# --- saved views and columns -------------------------------------------------------------------


def saved_views(
    db: Session, scope: WorkspaceScope, user_id: int, list_name: str
) -> Sequence[SavedView]:
    query = (
        select(SavedView)
        .where(
            SavedView.workspace_id == scope.workspace_id,
            SavedView.user_id == user_id,
            SavedView.list_name == list_name,
        )
        .order_by(SavedView.name)
    )
    return db.scalars(query).all()


def saved_view(db: Session, scope: WorkspaceScope, user_id: int, view_id: int) -> SavedView:
    found = db.scalar(
        select(SavedView).where(
            SavedView.workspace_id == scope.workspace_id,
            SavedView.user_id == user_id,
            SavedView.id == view_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def list_columns(
    db: Session, scope: WorkspaceScope, user_id: int, list_name: str
) -> ListColumns | None:
    return db.scalar(
        select(ListColumns).where(
            ListColumns.workspace_id == scope.workspace_id,
            ListColumns.user_id == user_id,
            ListColumns.list_name == list_name,
        )
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
