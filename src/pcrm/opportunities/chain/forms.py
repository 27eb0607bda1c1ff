"""From the decision chain page's posted forms to the API's write schemas (same validation,
same messages)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.opportunities.pipeline.forms import text

MEMBER_FIELDS = (
    "decision_role",
    "relationship_status",
    "interaction_level",
    "stance",
    "favoured_competitor_id",
    "note",
)


def _fields(form: FormData, *fields: str) -> dict[str, Any]:
    return {key: text(form, key) or None for key in fields}


def new_member(form: FormData) -> dict[str, Any]:
    return _fields(form, "contact_id", *MEMBER_FIELDS)


def member_changes(form: FormData) -> dict[str, Any]:
    return _fields(form, *MEMBER_FIELDS)


def echo(data: dict[str, Any]) -> dict[str, str]:
    """What to put back in the inputs after an error."""
    return {key: value or "" for key, value in data.items()}
