"""From the closure tab's forms to the API's write schemas: scores from selects, points one per
line, the improvement action's source as one `kind:key` choice."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.projects.closure.vocab import EVALUATION_DIMENSIONS, SATISFACTION_DIMENSIONS


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _lines(form: FormData, key: str) -> list[str]:
    return [line.strip() for line in _text(form, key).splitlines() if line.strip()]


def _optional(data: dict[str, Any], form: FormData, *keys: str) -> None:
    for key in keys:
        if _text(form, key):
            data[key] = _text(form, key)


def satisfaction(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {
        "respondent_id": _text(form, "respondent_id") or None,
        "scores": {k: _text(form, f"score_{k}") or None for k in SATISFACTION_DIMENSIONS},
        "satisfied_points": _lines(form, "satisfied_points"),
        "dissatisfied_points": _lines(form, "dissatisfied_points"),
        "improvement_items": _lines(form, "improvement_items"),
    }
    _optional(data, form, "surveyed_on")
    return data


def satisfaction_echo(form: FormData) -> dict[str, Any]:
    keys = ["respondent_id", "surveyed_on", "satisfied_points", "dissatisfied_points"]
    keys += ["improvement_items", *(f"score_{k}" for k in SATISFACTION_DIMENSIONS)]
    return {k: _text(form, k) for k in keys}


def evaluation(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {
        "evaluator_id": _text(form, "evaluator_id") or None,
        "ratings": {k: _text(form, f"rating_{k}") or None for k in EVALUATION_DIMENSIONS},
        "suggestions": _text(form, "suggestions") or None,
        "criticism": _text(form, "criticism") or None,
    }
    _optional(data, form, "evaluated_on")
    return data


def evaluation_echo(form: FormData) -> dict[str, Any]:
    keys = ["evaluator_id", "evaluated_on", "suggestions", "criticism"]
    keys += [f"rating_{k}" for k in EVALUATION_DIMENSIONS]
    return {k: _text(form, k) for k in keys}


def lesson(form: FormData) -> dict[str, Any]:
    return {"category": _text(form, "category"), "text": _text(form, "text")}


def improvement(form: FormData) -> dict[str, Any]:
    kind, _, key = _text(form, "source").partition(":")
    data: dict[str, Any] = {
        "title": _text(form, "title"),
        "source": kind,
        "owner_id": _text(form, "owner_id") or None,
        "due_on": _text(form, "due_on") or None,
        "note": _text(form, "note") or None,
    }
    if kind == "lesson":
        data["lesson_id"] = key or None
    elif key:
        data["source_detail"] = key
    return data


def move(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {"status": _text(form, "status")}
    _optional(data, form, "on")
    return data


def close(form: FormData) -> dict[str, Any]:
    text = _text(form, "follow_up_months")
    months = [m.strip() for m in text.replace("，", ",").split(",") if m.strip()]
    return {"follow_up_months": months}


def follow_up(form: FormData) -> dict[str, Any]:
    return {"due_on": _text(form, "due_on") or None, "note": _text(form, "note") or None}


def follow_up_done(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {"note": _text(form, "note") or None}
    _optional(data, form, "done_on")
    return data
