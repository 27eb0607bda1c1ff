"""From the risk forms (project tab, opportunity tab) to the API's write schemas: a blank
optional input clears its field."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

FIELDS = (
    "description",
    "category",
    "probability",
    "impact",
    "response",
    "actions",
    "owner_id",
    "trigger",
    "review_on",
    "status",
)
REQUIRED = ("description", "category", "probability", "impact", "response", "status")


def risk(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in FIELDS:
        value = form.get(key)
        text = value.strip() if isinstance(value, str) else ""
        data[key] = text if text or key in REQUIRED else None
    return data


def level(value: str | None) -> int | None:
    """A heat map cell's coordinate from the address: 1 to 5, anything else none."""
    return int(value) if value in {"1", "2", "3", "4", "5"} else None
