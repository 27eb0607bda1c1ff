"""From the reports' forms to the API's write schemas: a blank period is left out on a new
monthly report (last month then); a blank summary clears it."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def new_report(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": _text(form, "kind") or "monthly"}
    for key in ("period_start", "period_end"):
        if _text(form, key):
            data[key] = _text(form, key)
    data["summary"] = _text(form, "summary") or None
    return data


def draft(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {key: _text(form, key) or None for key in ("period_start", "period_end")}
    if _text(form, "kind"):
        data["kind"] = _text(form, "kind")
    data["summary"] = _text(form, "summary") or None
    return data
