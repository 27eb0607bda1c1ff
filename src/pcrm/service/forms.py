"""From the service pages' posted forms to the API's write schemas: a blank optional input is
left out, a local time (`datetime-local`) is read in the workspace's time zone."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.datastructures import FormData

REQUEST_FIELDS = (
    "account_id",
    "project_id",
    "reporter_id",
    "assignee_id",
    "channel",
    "category",
    "priority",
    "title",
    "description",
    "received_at",
    "complaint_severity",
    "spread_to",
)
UPDATE_FIELDS = (
    "title",
    "description",
    "priority",
    "assignee_id",
    "complaint_severity",
    "spread_to",
    "outcome",
)
PLAN_FIELDS = (
    "account_id",
    "project_id",
    "name",
    "contract_ref",
    "starts_on",
    "ends_on",
    "owner_id",
    "note",
)
TIMES = ("received_at", "at")


def text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def local_time(value: str, tz: str) -> str:
    """`2026-11-30T10:00` from a datetime-local input, in the workspace's zone, as ISO 8601
    with its offset; anything else unchanged (the schema then names the field)."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(tz))
    return parsed.isoformat()


def fields(form: FormData, names: tuple[str, ...], tz: str) -> dict[str, Any]:
    data = {key: text(form, key) for key in names if text(form, key)}
    for key in TIMES:
        if key in data:
            data[key] = local_time(data[key], tz)
    return data


def edit(form: FormData, tz: str) -> dict[str, Any]:
    """An edit form sends every field: a blank optional one clears it."""
    data: dict[str, Any] = {key: text(form, key) or None for key in UPDATE_FIELDS}
    if data["title"] is None:
        data["title"] = ""
    if data["priority"] is None:
        del data["priority"]
    return data


def targets(form: FormData) -> list[dict[str, Any]]:
    """The target rows of a plan or of the workspace's defaults: a priority whose minutes are
    both blank is not covered."""
    rows = []
    for priority in ("p1", "p2", "p3", "p4"):
        response = text(form, f"{priority}_response")
        resolution = text(form, f"{priority}_resolution")
        if not response and not resolution:
            continue
        rows.append(
            {
                "priority": priority,
                "response_minutes": response,
                "resolution_minutes": resolution,
                "around_the_clock": form.get(f"{priority}_atc") == "on",
            }
        )
    return rows


def echo(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, list | bool) else ("" if v is None else str(v))
        for k, v in data.items()
    }
