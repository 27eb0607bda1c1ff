"""The queries of the search index: how accounts and contacts are found by a piece of their
text (see `search.models`), on SQLite through FTS5 and on PostgreSQL through GIN, and the
search box's statements, built once. Every query is scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
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
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import Join

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.contacts.models import Contact
from pcrm.accounts.search import models as search
from pcrm.core.tenancy import WorkspaceScope

# Newest first (latest added): a search's default order, which the search index serves on
# both databases without reading every match; name order stays available as a choice.
NEWEST = "-added"
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


def searched(
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


def with_account_name(
    scope: WorkspaceScope | BindParameter[int],
    query: Select[Any],
    columns: Iterable[Any],
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


@dataclass(frozen=True, slots=True)
class Hits:
    """What the search box finds of one kind, as rows of `ACCOUNT_HIT` or `CONTACT_HIT` (the
    contacts' with `account_name`): names that start with the query (`leading`, in name
    order) and the newest matches (`newest`)."""

    leading: list[Row[Any]]
    newest: list[Row[Any]]


def box_hits(
    db: Session, scope: WorkspaceScope, query: str, limit: int, candidates: int, kind: str
) -> Hits:
    """The search box's statements (`search_box`, built once) for `kind` ("accounts" or
    "contacts") run with the values of a normalised query that has grams: up to `limit`
    leading names and `candidates` newest matches."""
    dialect = _dialect(db)
    box = search_box(dialect, min(len(query), 2))
    values = search_box_parameters(dialect, query, limit, candidates) | {"ws": scope.workspace_id}
    if kind == "accounts":
        return Hits(
            leading=list(db.execute(box.leading_accounts, values)),
            newest=_newest(db, box.recent_accounts, box.newest_accounts, values),
        )
    return Hits(
        leading=list(db.execute(box.leading_contacts, values)),
        newest=_newest(db, box.recent_contacts, box.newest_contacts, values),
    )


def _newest(
    db: Session, recent: Select[Any] | None, every: Select[Any], values: dict[str, Any]
) -> list[Row[Any]]:
    """The newest matches: among the newest ids first where the box has such a statement
    (PostgreSQL, `RECENT_IDS`); if they are too few, among all."""
    if recent is not None:
        rows = list(db.execute(recent, values))
        if len(rows) >= values["candidates"]:
            return rows
    return list(db.execute(every, values))


def like_hits(
    db: Session, scope: WorkspaceScope, query: str, limit: int, candidates: int, kind: str
) -> Hits:
    """The same lists for a normalised query without grams (punctuation, say), which LIKE
    alone decides: statements built for it, as `accounts_query` and `contacts_query` build
    a search of live rows."""

    def live(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        return select(*columns).where(
            model.workspace_id == scope.workspace_id, model.archived_at.is_(None)
        )

    def leading(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        return (
            live(model, columns)
            .where(starts_with(model, query))
            .order_by(*in_name_order(model))
            .limit(limit)
        )

    def newest(model: Searched, columns: Iterable[Any]) -> Select[Any]:
        return searched(db, live(model, columns), model, query, True).limit(candidates)

    if kind == "accounts":
        return Hits(
            leading=list(db.execute(leading(Account, ACCOUNT_HIT))),
            newest=list(db.execute(newest(Account, ACCOUNT_HIT))),
        )
    return Hits(
        leading=list(
            db.execute(with_account_name(scope, leading(Contact, CONTACT_HIT), CONTACT_HIT))
        ),
        newest=list(
            db.execute(with_account_name(scope, newest(Contact, CONTACT_HIT), CONTACT_HIT))
        ),
    )
