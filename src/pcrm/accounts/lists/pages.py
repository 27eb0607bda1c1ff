"""What the pages of the customer line share: the notice after a redirect, the staff to
choose from, and a list's chrome (its parameters, sort links, columns and saved views)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from pydantic import ValidationError
from sqlalchemy.orm import Session

from pcrm.accounts.lists import service
from pcrm.accounts.lists.schemas import ListQuery
from pcrm.accounts.lists.service import COLUMNS
from pcrm.core.forms import FormErrors
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import notice, page_locale
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.identity.public import (
    Permission,
    Principal,
    UserRef,
    active_user_refs,
    user_refs,
)

Q = TypeVar("Q", bound=ListQuery)
NOTICES = {
    "saved": N_("Your changes have been saved."),
    "created": N_("Created."),
    "archived": N_("Archived. It no longer shows in lists; its history is kept."),
    "restored": N_("Restored."),
    "merged": N_("Merged. Every linked record now belongs here."),
    "bulk": N_("The chosen records were updated."),
    "bulk_failed": N_(
        "Nothing was changed: choose records, and an owner or a tag for that action."
    ),
    "view_saved": N_("View saved."),
    "columns": N_("Columns saved."),
}
COLUMN_LABELS = {
    "industry": N_("Industry"),
    "region": N_("Region"),
    "ownership": N_("Ownership"),
    "lifecycle_stage": N_("Stage"),
    "owner": N_("Owner"),
    "tags": N_("Tags"),
    "updated_at": N_("Updated"),
    "account": N_("Account"),
    "title": N_("Title"),
    "department": N_("Department"),
    "mobile": N_("Mobile"),
    "email": N_("E-mail"),
    "importance": N_("Importance"),
    "type": N_("Type"),
    "contact": N_("Contact"),
    "next_step": N_("Next step"),
    "cost": N_("Cost"),
}
SORTABLE = {
    "accounts": {
        "name": N_("Account name"),
        "industry": N_("Industry"),
        "province": N_("Region"),
        "lifecycle_stage": N_("Stage"),
        "updated_at": N_("Updated"),
    },
    "contacts": {
        "name": N_("Name"),
        "title": N_("Title"),
        "importance": N_("Importance"),
        "updated_at": N_("Updated"),
    },
    "activities": {"occurred_at": N_("Time"), "type": N_("Type")},
}


def page_notice(request: Request) -> str | None:
    return notice(request, NOTICES)


def users(db: Session, principal: Principal, extra: set[int] | None = None) -> dict[int, UserRef]:
    users = {u.id: u for u in active_user_refs(db, principal.scope)}
    missing = (extra or set()) - users.keys()
    if missing:
        users.update(user_refs(db, principal.scope, missing))
    return users


def list_params(request: Request, model: type[Q]) -> tuple[Q, FormErrors, list[tuple[str, str]]]:
    """The list's query parameters, validated with the API's own model. Unknown or bad ones
    are reported inline and the list falls back to its defaults."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "notice" and v != ""]
    raw: dict[str, Any] = {}
    for key, value in pairs:
        if key == "type":
            raw.setdefault("type", []).append(value)
        else:
            raw[key] = value
    try:
        return model.model_validate(raw), {}, pairs
    except ValidationError as exc:
        errors = {
            e["field"]: e["message"]
            for e in field_errors_from_pydantic(exc.errors(), page_locale(request))
        }
        return model(), errors, []


def list_links(
    path: str,
    pairs: list[tuple[str, str]],
    list_name: str,
    sort: str | None,
    default_sort: str,
    locale: str,
) -> dict[str, Any]:
    keep = [(k, v) for k, v in pairs if k not in ("page", "sort")]
    current = sort or default_sort
    headers = {}
    for key, label in SORTABLE[list_name].items():
        descending = current == key
        next_sort = f"-{key}" if descending else key
        arrow = "↑" if current == key else "↓" if current == f"-{key}" else ""
        headers[key] = {
            "label": translate(locale, label),
            "arrow": arrow,
            "url": f"{path}?{urlencode([*keep, ('sort', next_sort)])}",
        }
    without_page = [(k, v) for k, v in pairs if k != "page"]
    return {
        "sort_headers": headers,
        "newest_first": current == service.NEWEST,
        "base_url": f"{path}?{urlencode(without_page)}&" if without_page else f"{path}?",
        "query_string": urlencode(without_page),
        "filters": dict(keep),
    }


_LIST_WRITES = {
    "accounts": Permission.WRITE_ACCOUNTS,
    "contacts": Permission.WRITE_CONTACTS,
    "activities": Permission.WRITE_ACTIVITIES,
}


def list_chrome(db: Session, principal: Principal, list_name: str, locale: str) -> dict[str, Any]:
    chosen = service.chosen_columns(db, principal, list_name)  # type: ignore[arg-type]
    return {
        "columns": chosen,
        "column_choices": [
            (c, translate(locale, COLUMN_LABELS[c]), c in chosen) for c in COLUMNS[list_name]
        ],
        "views": service.saved_views(db, principal, list_name),  # type: ignore[arg-type]
        "list_name": list_name,
        "can_write": principal.can(_LIST_WRITES[list_name]),
    }


def user_name(users: dict[int, UserRef], user_id: int | None, locale: str) -> str:
    if user_id is None or user_id not in users:
        return ""
    return users[user_id].display(locale)


def user_choices(users: Iterable[UserRef], locale: str) -> list[tuple[str, str]]:
    return [(str(u.id), u.display(locale)) for u in users]
