"""Reading the posted competitor form: its own fields only, blank ones as not given."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.relationships.graph.forms import posted

FIELDS = ("name", "website", "strengths", "weaknesses", "notes")


def competitor_fields(form: FormData) -> dict[str, Any]:
    return {k: v for k, v in posted(form, *FIELDS).items() if k in FIELDS}


def version(form: FormData) -> int | None:
    """The version the edit form was loaded at; none when missing."""
    return int(str(form.get("version") or 0)) or None
