"""The search box across accounts and contacts: names that start with the query first, then
the newest other matches. Each is a kind of the global search (`core.search`), declared in
the area's `area.py`; the ranking and the indexing of names are shared with the other areas'
kinds through `accounts.public`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pcrm.accounts.search import models as search
from pcrm.accounts.search import repository as search_repo
from pcrm.core.search import ELSEWHERE, EXACT, IN_NAME, LEADING, SearchHit
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal

T = TypeVar("T")
CANDIDATES = 50


def normalize_query(query: str | None) -> str | None:
    """The search box's text as the index sees it; phone-like input loses spaces and dashes."""
    if query is None:
        return None
    text = search.normalize(query)[: search.MAX_QUERY]
    if text and all(ch.isdigit() or ch in " +-()" for ch in text):
        text = "".join(ch for ch in text if ch.isdigit() or ch == "+")
    return text or None


def rank(name: str, query: str) -> int:
    """How well a record's name answers a normalised query, best first: the whole name or the
    pinyin initials of the whole name (杨杰 for yj), a name or initials that start with it, a
    name or initials that hold it, or another field (a phone, a title)."""
    text = search.normalize(name)
    initials = search.pinyin_initials(text)
    if query in (text, initials):
        return EXACT
    if text.startswith(query) or (initials and initials.startswith(query)):
        return LEADING
    if query in text or (initials and query in initials):
        return IN_NAME
    return ELSEWHERE


def search_fields(values: Iterable[str | None]) -> str:
    """The `search_text` of a record of another area whose searchable values (its name first)
    are `values`: what `matches` looks the query up in."""
    return search.index_fields(values)[0]


def sort_key(name: str) -> str:
    return search.sort_key(name)


def like_pattern(query: str) -> str:
    """A LIKE pattern (escape `\\`) finding a normalised query in a `search_text`."""
    return search.like_pattern(query)


def _unique(*batches: Iterable[T]) -> list[T]:
    seen: dict[int, T] = {}
    for batch in batches:
        for row in batch:
            seen.setdefault(row.id, row)  # type: ignore[attr-defined]
    return list(seen.values())


def _rows(
    db: Session, scope: WorkspaceScope, q: str, limit: int, kind: str
) -> list[tuple[int, Any]]:
    """Names that start with the query first (an old exact match must not drown among newer
    partial ones), read in name order from the leading-name indexes; then the newest other
    matches, which the search index serves newest first. Only the columns a hit shows are
    read; each row once, best rank first."""
    if search.query_grams(q):
        hits = search_repo.box_hits(db, scope, q, limit, CANDIDATES, kind)
    else:  # a query without grams (punctuation, say), left to LIKE
        hits = search_repo.like_hits(db, scope, q, limit, CANDIDATES, kind)
    ranked = [(rank(row.name, q), row) for row in _unique(hits.leading, hits.newest)]
    ranked.sort(key=lambda pair: (pair[0], pair[1].sort_name))
    return ranked[:limit]


def find_accounts(
    db: Session, principal: Principal, q: str, limit: int, locale: str = "en"
) -> list[SearchHit]:
    """Accounts whose names, short names, English names, aliases or credit codes contain the
    normalised query q."""
    principal.require(Permission.READ)
    return [
        SearchHit(
            kind="account",
            id=a.id,
            name=a.name,
            detail=a.short_name or "",
            url=f"/accounts/{a.id}",
            rank=found,
        )
        for found, a in _rows(db, principal.scope, q, limit, "accounts")
    ]


def find_contacts(
    db: Session, principal: Principal, q: str, limit: int, locale: str = "en"
) -> list[SearchHit]:
    """Contacts whose names, English names, phones, e-mails, titles or departments contain the
    normalised query q."""
    principal.require(Permission.READ)
    return [
        SearchHit(
            kind="contact",
            id=c.id,
            name=c.name,
            detail=" · ".join(x for x in (c.account_name, c.title) if x),
            url=f"/contacts/{c.id}",
            rank=found,
        )
        for found, c in _rows(db, principal.scope, q, limit, "contacts")
    ]


def _both(fetch: Callable[[str], search_repo.Hits]) -> tuple[list[Any], list[Any]]:
    accounts, contacts = fetch("accounts"), fetch("contacts")
    return _unique(accounts.leading, accounts.newest), _unique(contacts.leading, contacts.newest)


def _prepared_search(
    db: Session, scope: WorkspaceScope, q: str, limit: int
) -> tuple[list[Any], list[Any]]:
    """The search box's statements, built once, run with q's values (q has grams)."""
    return _both(lambda kind: search_repo.box_hits(db, scope, q, limit, CANDIDATES, kind))


def _built_search(
    db: Session, scope: WorkspaceScope, q: str, limit: int
) -> tuple[list[Any], list[Any]]:
    """A query without grams (punctuation, say), left to LIKE: the same lists, built for it."""
    return _both(lambda kind: search_repo.like_hits(db, scope, q, limit, CANDIDATES, kind))
