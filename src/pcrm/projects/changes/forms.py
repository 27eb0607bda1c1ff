"""From the change pages' posted forms to the API's write schemas (same validation, same
messages): a blank optional input is left out, lists come from multiple selects."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.projects.changes.vocab import ID_LISTS

LISTS = ID_LISTS  # the lists of ids come from multiple selects


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _ids(form: FormData, key: str) -> list[str]:
    return [v.strip() for v in form.getlist(key) if isinstance(v, str) and v.strip()]


def change(form: FormData, *, editing: bool = False) -> dict[str, Any]:
    """A new change request, or (`editing`) the fields of an existing one: on an edit every
    list and the billable box are sent, so that emptying them clears them."""
    data: dict[str, Any] = {}
    for key in ("title", "origin", "reason", "category", "raised_on", "raised_by_contact_id"):
        if _text(form, key):
            data[key] = _text(form, key)
    if editing and "raised_by_contact_id" not in data and "raised_by_contact_id" in form:
        data["raised_by_contact_id"] = None
    data["billable"] = _text(form, "billable") == "on"
    for key in LISTS:
        data[key] = _ids(form, key)
    if editing:
        data.pop("origin", None)
    return data


def option(form: FormData, *, editing: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in ("title", "cost_delta", "schedule_delta_days", "quality_level"):
        text = _text(form, key)
        if text:
            data[key] = text
        elif editing and key != "title":
            data[key] = None
    for key in ("quality_effect", "new_risks"):
        text = _text(form, key)
        if text or editing:
            data[key] = text or None
    data["task_ids"] = _ids(form, "task_ids")
    return data


def decision(form: FormData) -> dict[str, Any]:
    """The customer's decision: `choice` is `option-<id>` (approved, with that option's
    version from `version-<id>`) or `rejected`."""
    data: dict[str, Any] = {}
    choice = _text(form, "choice")
    if choice.startswith("option-"):
        data["decision"] = "approved"
        data["option_id"] = choice.removeprefix("option-")
        version = _text(form, f"version-{data['option_id']}")
        if version:
            data["option_version"] = version
    elif choice == "rejected":
        data["decision"] = "rejected"
    for key in ("stakeholder_id", "decided_on", "comment"):
        if _text(form, key):
            data[key] = _text(form, key)
    return data


def dated(form: FormData, key: str) -> dict[str, Any]:
    return {key: _text(form, key)} if _text(form, key) else {}


def reason(form: FormData) -> dict[str, Any]:
    return {"reason": _text(form, "reason")}


def version(form: FormData) -> int | None:
    value = _text(form, "version")
    return int(value) if value.isdigit() and int(value) > 0 else None
