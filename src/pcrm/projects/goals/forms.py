"""From the goals tab's posted forms to the API's write schemas (same validation, same
messages): a blank optional input clears its field."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

FIELDS = (
    "kind",
    "statement",
    "metric",
    "target_value",
    "unit",
    "current_value",
    "deadline",
    "owner_id",
    "requirement_id",
    "stakeholder_id",
)
REQUIRED = ("kind", "statement")


def goal(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in FIELDS:
        value = form.get(key)
        text = value.strip() if isinstance(value, str) else ""
        data[key] = text if text or key in REQUIRED else None
    return data
