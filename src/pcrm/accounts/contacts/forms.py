"""From the posted contact form to the API's write schemas."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from pcrm.accounts.accounts.forms import field_values

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
