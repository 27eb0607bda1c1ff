"""From the meetings tab's forms to the API's write schemas: a blank optional input clears its
field; the attendees come as checked boxes."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

FIELDS = (
    "kind",
    "title",
    "held_on",
    "starts_at",
    "duration_minutes",
    "location",
    "cadence_days",
    "agenda",
    "minutes",
    "decisions",
)
REQUIRED = ("kind", "title", "held_on")


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def meeting(form: FormData, new: bool = False) -> dict[str, Any]:
    """A new meeting's blank cadence takes its kind's default; an edited one's clears it."""
    data: dict[str, Any] = {}
    for key in FIELDS:
        text = _text(form, key)
        data[key] = text if text or key in REQUIRED else None
    for key in ("user_ids", "contact_ids"):
        data[key] = [v for v in form.getlist(key) if isinstance(v, str) and v.strip()]
    if new and data["cadence_days"] is None:
        del data["cadence_days"]
    return data


def action(form: FormData) -> dict[str, Any]:
    return {key: _text(form, key) for key in ("description", "owner_id", "due_on")}
