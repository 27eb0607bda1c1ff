"""From the posted account form to the API's write schemas (same validation, same messages),
an account back to the form's values, and the reading helpers every form of the area uses."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from starlette.datastructures import FormData

_SPLIT = re.compile(r"[,，、;；\n]+")

ACCOUNT_FIELDS = (
    "name",
    "short_name",
    "english_name",
    "credit_code",
    "industry",
    "province",
    "city",
    "ownership",
    "size_band",
    "revenue_band",
    "parent_id",
    "owner_id",
    "lifecycle_stage",
    "lost_reason",
    "lost_on",
    "status",
    "website",
    "address",
    "notes",
)


def field_text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def split_list(text: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


def field_values(form: FormData, fields: tuple[str, ...]) -> dict[str, Any]:
    return {key: (field_text(form, key) or None) for key in fields if key in form}


def account_data(form: FormData) -> dict[str, Any]:
    data = field_values(form, ACCOUNT_FIELDS)
    if "aliases" in form:
        data["aliases"] = split_list(field_text(form, "aliases"))
    if "tags" in form:
        data["tags"] = split_list(field_text(form, "tags"))
    return data


def form_echo(data: dict[str, Any]) -> dict[str, Any]:
    """What to put back in the inputs after an error: lists joined, everything as text."""
    echo: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            echo[key] = value if key.startswith("participant") else "，".join(value)
        elif isinstance(value, datetime):
            echo[key] = value.strftime("%Y-%m-%dT%H:%M")
        else:
            echo[key] = "" if value is None else str(value)
    return echo


def account_form_values(account: Any) -> dict[str, Any]:
    values = {key: getattr(account, key) for key in ACCOUNT_FIELDS}
    values["aliases"] = account.aliases
    values["tags"] = account.tags
    return form_echo(values)
