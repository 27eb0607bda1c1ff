"""From the posted contact form to the API's write schemas, and a contact back to the form's
values."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.accounts.accounts.forms import field_values, form_echo
from pcrm.accounts.contacts.schemas import ContactRead

CONTACT_FIELDS = (
    "name",
    "english_name",
    "gender",
    "title",
    "department",
    "account_id",
    "reports_to_id",
    "mobile",
    "office_phone",
    "email",
    "wechat",
    "birthday",
    "preferences",
    "importance",
    "status",
    "left_on",
)


def contact_data(form: FormData) -> dict[str, Any]:
    return field_values(form, CONTACT_FIELDS)


def contact_form_values(contact: ContactRead) -> dict[str, Any]:
    """A contact as its form's inputs show it."""
    return form_echo({key: getattr(contact, key) for key in CONTACT_FIELDS})
