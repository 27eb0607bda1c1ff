"""Tenancy by construction.

`WorkspaceScope` is what every repository needs: it cannot be built without a workspace id. The
guard installed by `install_tenant_guard` refuses any ORM SELECT/UPDATE/DELETE that touches a
tenant table (one with a `workspace_id` column) without comparing that column, so a forgotten
filter fails loudly in tests and in production instead of leaking another workspace's rows.
Queries that are global by nature (sign-in by e-mail, session lookup by token hash) say so with
`.execution_options(tenant_scope="global")`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BinaryExpression, ColumnElement
from sqlalchemy.sql.expression import Alias, Join

GLOBAL = {"tenant_scope": "global"}


class TenantScopeError(RuntimeError):
    """A query on a tenant table had no workspace filter."""


@dataclass(frozen=True, slots=True)
class WorkspaceScope:
    workspace_id: int

    def __post_init__(self) -> None:
        if not isinstance(self.workspace_id, int) or self.workspace_id <= 0:
            raise TenantScopeError("a workspace scope needs a positive workspace id")


def _tenant_froms(statement: Any) -> list[Any]:
    """The tenant tables (or aliases of them) a statement reads or writes."""
    found: list[Any] = []

    def visit(from_: Any) -> None:
        if isinstance(from_, Join):
            visit(from_.left)
            visit(from_.right)
        elif isinstance(from_, Alias) and isinstance(from_.element, Table):
            if "workspace_id" in from_.element.c:
                found.append(from_)
        elif isinstance(from_, Table) and "workspace_id" in from_.c:
            found.append(from_)

    if statement.is_select:
        for from_ in statement.get_final_froms():
            visit(from_)
    else:  # UPDATE / DELETE
        visit(statement.table)
    return found


def _criteria(statement: Any) -> list[ColumnElement[Any]]:
    criteria: list[ColumnElement[Any]] = []
    where = statement.whereclause
    if where is not None:
        criteria.append(where)
    if statement.is_select:
        for from_ in statement.get_final_froms():
            for element in visitors.iterate(from_):
                if isinstance(element, Join) and element.onclause is not None:
                    criteria.append(element.onclause)
    return criteria


def _scoped_tables(criteria: list[ColumnElement[Any]]) -> set[Any]:
    scoped: set[Any] = set()
    for clause in criteria:
        for element in visitors.iterate(clause):
            if isinstance(element, BinaryExpression):
                for side in (element.left, element.right):
                    if hasattr(side, "table") and getattr(side, "key", None) == "workspace_id":
                        scoped.add(side.table)
    return scoped


_CHECKED: dict[Any, None] = {}  # cache keys of statements already found scoped
_CHECKED_MAX = 10_000


def check_tenant_scope(statement: Any) -> None:
    """Raise unless every tenant table of the statement is filtered on workspace_id. Finding
    the FROM list compiles an ORM statement in full, so a statement shape found scoped once
    (same cache key: same SQL, other parameters) is not checked again."""
    cache_key = statement._generate_cache_key()
    key = cache_key.key if cache_key is not None else None
    if key is not None and key in _CHECKED:
        return
    _check(statement)
    if key is not None:
        if len(_CHECKED) >= _CHECKED_MAX:
            _CHECKED.clear()
        _CHECKED[key] = None


def _check(statement: Any) -> None:
    tables = _tenant_froms(statement)
    if not tables:
        return
    scoped = _scoped_tables(_criteria(statement))
    missing = [t for t in tables if t not in scoped]
    if missing:
        names = ", ".join(sorted(getattr(t, "name", str(t)) for t in missing))
        raise TenantScopeError(f"query on tenant table(s) {names} has no workspace_id filter")


def install_tenant_guard(factory: sessionmaker[Session]) -> None:
    @event.listens_for(factory, "do_orm_execute")
    def _guard(state: ORMExecuteState) -> None:
        if state.is_relationship_load or state.is_column_load:
            return  # loads through an already-scoped parent row
        if state.execution_options.get("tenant_scope") == "global":
            return
        if state.is_select or state.is_update or state.is_delete:
            check_tenant_scope(state.statement)
