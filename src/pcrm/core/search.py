"""The global search's parts that every area shares: what a hit looks like, how it ranks, and
the kinds of record an area offers to it.

An area makes a kind of record findable with one declaration: a `SearchKind` in its `area.py`
(`Area.search`) whose `find` returns the workspace's records matching a normalised query as
`SearchHit`s. The application factory registers every area's kinds in layer order
(`register`); the shell's search page and `/api/v1/search` ask each kind (`kinds()`) and
show the hits grouped by kind, the group with the best match first. The matching rules (NFKC,
case folding, Chinese substrings, pinyin initials) are the accounts area's search index's
(`pcrm.accounts.public.search_text`), so every kind finds the same way on both databases."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Row, Select, bindparam, case, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pcrm.core.tenancy import WorkspaceScope

EXACT, LEADING, IN_NAME, ELSEWHERE = range(4)
FIELD_SEPARATOR = "\x1f"  # between the fields of a `search_text` (accounts.search.models)


class SearchHit(BaseModel):
    kind: str
    id: int
    name: str
    detail: str
    url: str
    rank: int = ELSEWHERE  # 0 exact name, 1 name starts with the query, 2 in the name, 3 else


class SearchGroup(BaseModel):
    kind: str
    label: str
    hits: list[SearchHit]


class SearchResults(BaseModel):
    query: str
    groups: list[SearchGroup]


Finder = Callable[[Session, Any, str, int, str], Sequence[SearchHit]]


@dataclass(frozen=True, slots=True)
class SearchKind:
    """A kind of record the global search finds. `find(db, principal, query, limit, locale)`
    gets a normalised, non-empty query and returns up to `limit` hits of the principal's
    workspace, best first, each with its `rank` and its `detail` in the locale; it checks the
    principal's permission itself."""

    kind: str  # "account", "contact", ...: the hit's `kind` and the API group's key
    label: str  # an English message id of the group's heading, translated when shown
    find: Finder


_KINDS: list[SearchKind] = []


def register(kinds: Sequence[SearchKind]) -> None:
    """The kinds of every area, in layer order (the application factory calls it)."""
    _KINDS[:] = list(kinds)


def kinds() -> list[SearchKind]:
    return list(_KINDS)


def _escape(query: str) -> str:
    return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_rows(
    db: Session,
    scope: WorkspaceScope,
    model: Any,
    columns: Sequence[InstrumentedAttribute[Any]],
    query: str,
    limit: int,
) -> list[Row[Any]]:
    """`columns` of up to `limit` live rows of the workspace (`model` has `workspace_id`,
    `archived_at` and `search_text`) whose `search_text` holds the normalised query: rows with
    a field that starts with it (the name, its pinyin initials) first, then the newest.

    For the kinds whose tables hold thousands of rows a workspace, not millions: it reads
    every live row's `search_text` (accounts and contacts have a gram index instead). The
    statement is built once per kind and run with the query's values: building it anew took
    most of a search of an empty table (about 6 ms of 7 on a busy machine)."""
    escaped = _escape(query)
    values = {
        "workspace_id": scope.workspace_id,
        "inside": f"%{escaped}%",
        "leading": f"{escaped}%",
        "field_leading": f"%{FIELD_SEPARATOR}{escaped}%",
    }
    return list(db.execute(_matching_statement(model, tuple(columns), limit), values))


@functools.cache
def _matching_statement(
    model: Any, columns: tuple[InstrumentedAttribute[Any], ...], limit: int
) -> Select[Any]:
    text = model.search_text
    leading = or_(
        text.like(bindparam("leading"), escape="\\"),
        text.like(bindparam("field_leading"), escape="\\"),
    )
    return (
        select(*columns)
        .where(
            model.workspace_id == bindparam("workspace_id"),
            model.archived_at.is_(None),
            text.like(bindparam("inside"), escape="\\"),
        )
        .order_by(case((leading, 0), else_=1), model.id.desc())
        .limit(limit)
    )
