"""Reading the posted forms of the relationship pages: every text field but the CSRF token,
blank optional fields as not given. The handlers validate them with the API's schemas inside
`core.forms.attempt`, so bad input comes back as messages by field."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.core.errors import field_error
from pcrm.core.forms import clean, posted_id
from pcrm.core.i18n import N_

# The optional fields of each form: left blank, they are not given.
INFLUENCE = ("from_contact_id", "to_contact_id", "strength", "note")
ACQUAINTANCE = ("user_id", "contact_id", "closeness", "kind", "since", "note")
TIE = ("competitor_id", "contact_id", "closeness", "source", "note")
DOTTED_LINE = ("contact_id", "manager_id", "note")
PROFILE = ("behaviour", "effective_on", "note")


def posted(form: FormData, *optional: str) -> dict[str, Any]:
    return clean({k: v for k, v in form.items() if isinstance(v, str)}, optional)


def org_chart_move(form: FormData) -> tuple[str, str]:
    """(person, new manager) as posted by the org chart's move form, for showing them again."""
    return str(form.get("contact_id") or ""), str(form.get("manager_id") or "")


def person_to_move(person: str) -> int:
    """The contact the move form names; a 422 on `contact_id` when it names none."""
    contact_id = posted_id(person)
    if contact_id is None:
        raise field_error("contact_id", N_("This field is required."))
    return contact_id


def manager_of(boss: str) -> int | None:
    """The new manager the move form names; none (the top of the chart) when left blank."""
    return posted_id(boss)
