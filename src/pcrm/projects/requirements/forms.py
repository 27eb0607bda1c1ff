"""From the requirement forms of the project page to the API's write schemas (same validation,
same messages)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import StringConstraints
from starlette.datastructures import FormData

from pcrm.core.dates import Day
from pcrm.core.types import WriteModel

CREATE_FIELDS = (
    "title",
    "kano",
    "priority",
    "source_stakeholder_id",
    "description",
    "acceptance_criteria",
)
# Inputs of the edit form that may be emptied (blank clears them).
CLEARABLE = ("source_stakeholder_id", "description", "acceptance_criteria")
QUESTION_FIELDS = ("question", "asked_to_id", "asked_on")


class AnswerForm(WriteModel):
    """The answer form: unlike the API, where a blank answer reopens the question, the form
    asks for the answer."""

    answer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
    answered_on: Day | None = None


def text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def fields(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    """The named inputs; a blank one is left out (the schema's default applies)."""
    return {key: text(form, key) for key in names if text(form, key)}


def requirement_update(form: FormData) -> dict[str, Any]:
    """Every input of the edit form: a blank optional one clears the stored value, a blank
    required one is refused by the schema or the service."""
    data: dict[str, Any] = {key: text(form, key) for key in (*CREATE_FIELDS, "status")}
    for key in CLEARABLE:
        if not data[key]:
            data[key] = None
    for key in ("kano", "priority", "status"):
        if not data[key]:
            data.pop(key)
    return data


def version(form: FormData) -> int | None:
    value = text(form, "version")
    return int(value) if value.isdigit() and int(value) > 0 else None


def echo(data: dict[str, Any]) -> dict[str, Any]:
    """What to put back in the inputs after an error."""
    return {k: "" if v is None else str(v) for k, v in data.items()}
