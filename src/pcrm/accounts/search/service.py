"""The search box across accounts and contacts: names that start with the query first, then
the newest other matches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pcrm.accounts.search import models as search
from pcrm.accounts.search import repository as search_repo
from pcrm.accounts.search.schemas import SearchHit, SearchResult
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


def _rank(name: str, query: str) -> int:
    text = name.casefold()
    if text == query:
        return 0
    if text.startswith(query):
        return 1
    return 2 if query in text else 3


def _unique(*batches: Iterable[T]) -> list[T]:
    seen: dict[int, T] = {}
    for batch in batches:
        for row in batch:
            seen.setdefault(row.id, row)  # type: ignore[attr-defined]
    return list(seen.values())


def search_all(db: Session, principal: Principal, query: str, limit: int = 10) -> SearchResult:
    """Accounts and contacts whose names, short names, aliases, phones, e-mails, titles or
    departments contain the query. Exact and leading matches come first."""
    principal.require(Permission.READ)
    q = normalize_query(query)
    if not q:
        return SearchResult(query=query, accounts=[], contacts=[])
    # Names that start with the query first (an old exact match must not drown among newer
    # partial ones), read in name order from the leading-name indexes; then the newest other
    # matches, which the search index serves newest first. Only the columns a hit shows are
    # read.
    if search.query_grams(q):
        accounts, contacts = _prepared_search(db, principal.scope, q, limit)
    else:
        accounts, contacts = _built_search(db, principal.scope, q, limit)
    accounts.sort(key=lambda a: (_rank(a.name, q), a.sort_name))
    contacts.sort(key=lambda c: (_rank(c.name, q), c.sort_name))
    contacts = contacts[:limit]
    return SearchResult(
        query=query,
        accounts=[
            SearchHit(
                kind="account",
                id=a.id,
                name=a.name,
                detail=a.short_name or "",
                url=f"/accounts/{a.id}",
            )
            for a in accounts[:limit]
        ],
        contacts=[
            SearchHit(
                kind="contact",
                id=c.id,
                name=c.name,
                detail=" · ".join(x for x in (c.account_name, c.title) if x),
                url=f"/contacts/{c.id}",
            )
            for c in contacts
        ],
    )


def _prepared_search(
    db: Session, scope: WorkspaceScope, q: str, limit: int
) -> tuple[list[Any], list[Any]]:
    """The search box's statements, built once, run with q's values (q has grams)."""
    return _merged(search_repo.box_hits(db, scope, q, limit, CANDIDATES))


def _built_search(
    db: Session, scope: WorkspaceScope, q: str, limit: int
) -> tuple[list[Any], list[Any]]:
    """A query without grams (punctuation, say), left to LIKE: the same lists, built for it."""
    return _merged(search_repo.like_hits(db, scope, q, limit, CANDIDATES))


def _merged(hits: search_repo.Hits) -> tuple[list[Any], list[Any]]:
    """Accounts and contacts found, leading names first, each once."""
    return (
        _unique(hits.leading_accounts, hits.newest_accounts),
        _unique(hits.leading_contacts, hits.newest_contacts),
    )
