"""From the deliverables tab's posted forms to the API's write schemas (same validation, same
messages): a blank optional input is left out."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _given(form: FormData, keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: _text(form, key) for key in keys if _text(form, key)}


def delivery(form: FormData) -> dict[str, Any]:
    return _given(form, ("delivered_on", "delivery_note"))


def decision(form: FormData) -> dict[str, Any]:
    return _given(form, ("outcome", "stakeholder_id", "decided_on", "note", "comment"))


def standard(form: FormData, *, editing: bool = False) -> dict[str, Any]:
    data = _given(form, ("kind", "metric", "target_value", "unit", "comparison"))
    if editing and "unit" not in data:
        data["unit"] = None
    return data


def inspection(form: FormData, standard_ids: list[int]) -> dict[str, Any]:
    """`value-<id>` and `passed-<id>` (pass, fail or blank) per standard shown; a standard with
    neither is left out; `passed` is the verdict of an inspection without standards."""
    data = _given(form, ("inspected_on", "inspector_id", "participant_id", "findings"))
    results = []
    for sid in standard_ids:
        value, verdict = _text(form, f"value-{sid}"), _text(form, f"passed-{sid}")
        if value or verdict:
            result: dict[str, Any] = {"standard_id": sid}
            if value:
                result["measured_value"] = value
            if verdict in ("pass", "fail"):
                result["passed"] = verdict == "pass"
            results.append(result)
    data["results"] = results
    verdict = _text(form, "passed")
    if verdict in ("pass", "fail"):
        data["passed"] = verdict == "pass"
    return data


def echo(data: dict[str, Any]) -> dict[str, Any]:
    """What to put back in the inputs after an error (the results as their inputs)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "results":
            for r in value:
                if "measured_value" in r:
                    out[f"value-{r['standard_id']}"] = str(r["measured_value"])
                if "passed" in r:
                    out[f"passed-{r['standard_id']}"] = "pass" if r["passed"] else "fail"
        elif key == "passed":
            out[key] = "pass" if value else "fail"
        elif value is not None:
            out[key] = str(value)
    return out
