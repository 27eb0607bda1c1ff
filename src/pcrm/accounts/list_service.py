"""Saved views and chosen list columns."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from pcrm.accounts import repository as repo
from pcrm.accounts.models import ListColumns, SavedView
from pcrm.accounts.schemas import SavedViewWrite
from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.identity.public import Principal

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
