"""Every query of accounts, their tags and teams, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    bindparam,
    delete,
    func,
    select,
)
from sqlalchemy.orm import Session

from pcrm.accounts.accounts.models import Account, AccountTag, AccountTeamMember
from pcrm.accounts.search.repository import NEWEST, searched
from pcrm.accounts.vocab import (
    Industry,
    LifecycleStage,
    Ownership,
)
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


ACCOUNT_SORTS = {
    "name": Account.sort_name,
    "added": Account.id,
    "updated_at": Account.updated_at,
    "created_at": Account.created_at,
    "lifecycle_stage": in_vocabulary_order(Account.lifecycle_stage, LifecycleStage),
    "industry": Account.industry,
    "province": Account.province,
}


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


def account_ref_rows(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> list[Row[Any]]:
    """The few columns other areas' lists name an account with (id, name, short name, ownership,
    archived_at): whole accounts carry their long search columns, and loading 50 of them was
    most of the project list's time."""
    wanted = set(ids)
    if not wanted:
        return []
    query = select(
        Account.id, Account.name, Account.short_name, Account.ownership, Account.archived_at
    ).where(Account.workspace_id == scope.workspace_id, Account.id.in_(wanted))
    return list(db.execute(query))


# What an account is read with in lists: every column but the (long) derived search ones.
ACCOUNT_COLUMNS = tuple(
    c for c in Account.__table__.c if c.key not in ("search_text", "search_grams")
)


def account_rows(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, Row[Any]]:
    """Accounts by id as rows of their columns: a list validates its schema from each row's
    dict (`core.db.row_dicts`), three times as fast as from ORM objects."""
    return rows_by_id(db, _account_rows_statement(), scope, ids)


def rows_by_id(
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
        query = searched(db, query, Account, filters.q, newest_first)
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


def account_page(
    db: Session,
    scope: WorkspaceScope,
    filters: AccountFilters,
    sort: str,
    page: PageRequest,
    cap: int,
) -> tuple[list[Row[Any]], int, bool]:
    """One page of the accounts the filters find, as rows (`account_rows`), in an
    allow-listed `sort` order (`ACCOUNT_SORTS`; `NEWEST` for a search read newest first from
    the search index), with the count of them all up to `cap` and whether it reached it
    (`core.pagination`). The page's ids are read first, then its rows; an unsearched list
    runs statements built once per shape."""
    remember = ("accounts", scope.workspace_id, filters)
    if not filters.q and sort != NEWEST:
        values = account_filter_values(filters)
        return read_prepared_page(
            db,
            _prepared_list(tuple(values), filters.include_archived, sort),
            values | {"ws": scope.workspace_id},
            page,
            lambda ids: account_rows(db, scope, ids),
            cap,
            remember,
        )
    if sort == NEWEST:
        query = ordered = accounts_query(db, scope, filters, newest_first=True)
    else:
        live = None if filters.include_archived else Account.archived_at
        order = parse_sort(sort, ACCOUNT_SORTS, "name", constant=live)
        query = accounts_query(db, scope, filters)
        ordered = query.order_by(*order, Account.id)
    return read_page(
        db,
        query,
        ordered,
        Account.id,
        page,
        lambda ids: account_rows(db, scope, ids),
        cap,
        remember,
    )


@lru_cache(maxsize=256)
def _prepared_list(names: tuple[str, ...], include_archived: bool, sort: str) -> ListStatements:
    """The statements of an unsearched account list of one shape (its filters and its sort),
    built once; an unknown sort raises before anything is kept."""
    query = prepared_accounts_query(names, include_archived)
    live = None if include_archived else Account.archived_at
    return ListStatements.sorted(query, ACCOUNT_SORTS, sort, Account.id, live)


def accounts_matching(
    db: Session, scope: WorkspaceScope, text: str, limit: int
) -> Sequence[Account]:
    """Up to `limit` live accounts whose search fields contain `text`, in no set order."""
    return db.scalars(accounts_query(db, scope, AccountFilters(q=text)).limit(limit)).all()


def account_ids_by_ownership(db: Session, scope: WorkspaceScope, ownership: Ownership) -> set[int]:
    """Ids of the workspace's accounts of this ownership type, archived ones included."""
    filters = AccountFilters(ownership=ownership, include_archived=True)
    return set(db.scalars(accounts_query(db, scope, filters).with_only_columns(Account.id)))


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


def all_tags(db: Session, scope: WorkspaceScope, limit: int = 200) -> list[str]:
    query = (
        select(AccountTag.tag)
        .where(AccountTag.workspace_id == scope.workspace_id)
        .group_by(AccountTag.tag)
        .order_by(func.count().desc(), AccountTag.tag)
        .limit(limit)
    )
    return list(db.scalars(query))
