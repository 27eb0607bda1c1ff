"""The search box across accounts and contacts, saved views and chosen list columns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from pcrm.accounts import repository as repo
from pcrm.accounts import search
from pcrm.accounts.models import Account, Contact, ListColumns, SavedView
from pcrm.accounts.repository import AccountFilters, ContactFilters
from pcrm.accounts.schemas import SavedViewWrite, SearchHit, SearchResult
from pcrm.accounts.service import normalize_query
from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal

T = TypeVar("T")
ListName = Literal["accounts", "contacts", "activities"]
COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": (
        "industry",
        "region",
        "ownership",
        "lifecycle_stage",
        "owner",
        "tags",
        "updated_at",
    ),
    "contacts": ("account", "title", "department", "mobile", "email", "importance", "updated_at"),
    "activities": ("type", "account", "contact", "owner", "next_step", "cost"),
}
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("industry", "region", "lifecycle_stage", "owner", "updated_at"),
    "contacts": ("account", "title", "mobile", "importance"),
    "activities": ("type", "account", "contact", "owner", "next_step"),
}
CANDIDATES = 50


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
    """The search box's statements, built once (`repo.search_box`), run with q's values."""
    dialect = db.get_bind().dialect.name
    box = repo.search_box(dialect, min(len(q), 2))
    values = repo.search_box_parameters(dialect, q, limit, CANDIDATES) | {"ws": scope.workspace_id}
    accounts = _unique(
        db.execute(box.leading_accounts, values),
        _newest(db, box.recent_accounts, box.newest_accounts, values),
    )
    contacts = _unique(
        db.execute(box.leading_contacts, values),
        _newest(db, box.recent_contacts, box.newest_contacts, values),
    )
    return accounts, contacts


def _newest(
    db: Session, recent: Select[Any] | None, every: Select[Any], values: dict[str, Any]
) -> list[Any]:
    """The newest matches: among the newest ids first where the box has such a statement
    (PostgreSQL, `repo.RECENT_IDS`); if they are too few, among all."""
    if recent is not None:
        rows = list(db.execute(recent, values))
        if len(rows) >= values["candidates"]:
            return rows
    return list(db.execute(every, values))


def _built_search(
    db: Session, scope: WorkspaceScope, q: str, limit: int
) -> tuple[list[Any], list[Any]]:
    """A query without grams (punctuation, say), left to LIKE: the same lists, built here."""
    accounts = _unique(
        db.execute(
            repo.accounts_query(db, scope, AccountFilters())
            .with_only_columns(*repo.ACCOUNT_HIT)
            .where(repo.starts_with(Account, q))
            .order_by(*repo.in_name_order(Account))
            .limit(limit)
        ),
        db.execute(
            repo.accounts_query(db, scope, AccountFilters(q=q), newest_first=True)
            .with_only_columns(*repo.ACCOUNT_HIT)
            .limit(CANDIDATES)
        ),
    )
    contacts = _unique(
        db.execute(
            repo.with_account_name(
                scope,
                repo.contacts_query(db, scope, ContactFilters())
                .where(repo.starts_with(Contact, q))
                .order_by(*repo.in_name_order(Contact))
                .limit(limit),
                repo.CONTACT_HIT,
            )
        ),
        db.execute(
            repo.with_account_name(
                scope,
                repo.contacts_query(db, scope, ContactFilters(q=q), newest_first=True).limit(
                    CANDIDATES
                ),
                repo.CONTACT_HIT,
            )
        ),
    )
    return accounts, contacts


def saved_views(db: Session, principal: Principal, list_name: ListName) -> list[SavedView]:
    return list(repo.saved_views(db, principal.scope, principal.user_id, list_name))


def save_view(
    db: Session, principal: Principal, list_name: ListName, data: SavedViewWrite
) -> SavedView:
    """Save (or overwrite, by name) the current filter and sort of a list."""
    query = data.query.lstrip("?")
    for view in repo.saved_views(db, principal.scope, principal.user_id, list_name):
        if view.name == data.name:
            view.query = query
            db.flush()
            return view
    view = SavedView(
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        list_name=list_name,
        name=data.name,
        query=query,
    )
    db.add(view)
    db.flush()
    return view


def delete_view(db: Session, principal: Principal, view_id: int) -> None:
    db.delete(repo.saved_view(db, principal.scope, principal.user_id, view_id))
    db.flush()


def chosen_columns(db: Session, principal: Principal, list_name: ListName) -> list[str]:
    stored = repo.list_columns(db, principal.scope, principal.user_id, list_name)
    allowed = COLUMNS[list_name]
    if stored is None:
        return list(DEFAULT_COLUMNS[list_name])
    return [c for c in stored.columns if c in allowed]


def choose_columns(
    db: Session, principal: Principal, list_name: ListName, columns: list[str]
) -> list[str]:
    unknown = [c for c in columns if c not in COLUMNS[list_name]]
    if unknown:
        raise field_error("columns", N_("Choose one of the allowed values."), "enum")
    ordered = [c for c in COLUMNS[list_name] if c in columns]
    stored = repo.list_columns(db, principal.scope, principal.user_id, list_name)
    if stored is None:
        db.add(
            ListColumns(
                workspace_id=principal.workspace_id,
                user_id=principal.user_id,
                list_name=list_name,
                columns=ordered,
            )
        )
    else:
        stored.columns = ordered
    db.flush()
    return ordered
