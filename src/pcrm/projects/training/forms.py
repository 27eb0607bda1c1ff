"""From the training tab's posted forms to the API's write schemas."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

NEED_FIELDS = ("contact_id", "topic", "planned_on", "note")
SESSION_FIELDS = ("topic", "held_on", "trainer", "location")


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def fields(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    """The named inputs; a blank one is left out (the schema's default or message applies)."""
    return {key: _text(form, key) for key in names if _text(form, key)}


def session(form: FormData) -> dict[str, Any]:
    data = fields(form, SESSION_FIELDS)
    data["attendee_ids"] = [v for v in form.getlist("attendee_ids") if isinstance(v, str) and v]
    return data


def attendance(form: FormData) -> dict[str, Any]:
    """Inputs named `attendance-<contact id>` → the sheet's marks."""
    marks = []
    for key, value in form.multi_items():
        if key.startswith("attendance-") and isinstance(value, str) and value:
            marks.append({"contact_id": key.removeprefix("attendance-"), "attendance": value})
    return {"marks": marks}
