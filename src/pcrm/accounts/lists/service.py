"""What the account, contact and activity lists share: how far they count, their order when
none is chosen, dates as filters, saved views and chosen columns."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.accounts.lists import repository as repo
from pcrm.accounts.lists.models import ListColumns, SavedView
from pcrm.accounts.lists.schemas import SavedViewWrite
from pcrm.accounts.search import repository as search_repo
from pcrm.accounts.search.service import normalize_query
from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.identity.public import Principal

# Lists count their rows up to a cap and then say "more than ...": a searched list to 1,000,
# since a count costs in proportion to the matches it reads (10,001 matches of a frequent
# 2-character query took up to 457 ms, docs/performance.md finding 4).
LIST_COUNT_CAP = 10_000
SEARCH_COUNT_CAP = 1_000
NEWEST = search_repo.NEWEST  # a search's order when none is chosen: newest first
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


def default_sort(q: str | None) -> str:
    """A list's order when none is chosen: newest first for a search, else by name."""
    return NEWEST if normalize_query(q) else "name"


def count_cap(q: str | None) -> int:
    return SEARCH_COUNT_CAP if q else LIST_COUNT_CAP


def day_start(day: date | None, tz: str, *, next_day: bool = False) -> datetime | None:
    """Midnight of a local date in the workspace's time zone, as UTC."""
    if day is None:
        return None
    if next_day:
        day = day + timedelta(days=1)
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz)).astimezone(UTC)


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
