"""From the posted activity form to the API's write schemas, and an activity back to the
form's values."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.datastructures import FormData

from pcrm.accounts.accounts.forms import field_text, field_values, form_echo
from pcrm.accounts.activities.schemas import ActivityRead

ACTIVITY_FIELDS = (
    "type",
    "account_id",
    "contact_id",
    "owner_id",
    "subject",
    "notes",
    "outcome",
    "next_step",
    "next_step_due",
    "cost",
)


def activity_data(form: FormData, tz: str) -> dict[str, Any]:
    data = field_values(form, ACTIVITY_FIELDS)
    when = field_text(form, "occurred_at")
    if when:
        try:
            data["occurred_at"] = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(tz))
        except ValueError:
            data["occurred_at"] = when  # the schema reports it as invalid
    else:
        data["occurred_at"] = None
    data["participant_contact_ids"] = [v for v in form.getlist("participant_contact_ids") if v]
    data["participant_user_ids"] = [v for v in form.getlist("participant_user_ids") if v]
    return data


def activity_form_values(activity: ActivityRead, tz: str) -> dict[str, Any]:
    """An activity as its form's inputs show it, its time in the workspace's time zone."""
    values = {key: getattr(activity, key) for key in ACTIVITY_FIELDS}
    values["occurred_at"] = activity.occurred_at.astimezone(ZoneInfo(tz))
    values["participant_contact_ids"] = [str(i) for i in activity.participant_contact_ids]
    values["participant_user_ids"] = [str(i) for i in activity.participant_user_ids]
    return form_echo(values)
