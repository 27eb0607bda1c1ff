"""From the conflicts tab's forms to the API's write schemas: a blank optional input clears its
field; the parties come as checked boxes."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

FIELDS = ("kind", "element", "severity", "title", "description", "opened_on")
REQUIRED = ("kind", "severity", "title")


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def conflict(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in FIELDS:
        text = _text(form, key)
        data[key] = text if text or key in REQUIRED else None
    if data["opened_on"] is None:
        del data["opened_on"]
    for key in ("user_ids", "contact_ids"):
        data[key] = [v for v in form.getlist(key) if isinstance(v, str) and v.strip()]
    return data


def move(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {"status": _text(form, "status")}
    for key in ("resolution", "agreed_by_id", "on"):
        if _text(form, key):
            data[key] = _text(form, key)
    return data
