"""Every query of the accounts area, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
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
from pcrm.accounts.search.repository import searched
from pcrm.accounts.vocab import (
    Industry,
    LifecycleStage,
    Ownership,
)
from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope

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
