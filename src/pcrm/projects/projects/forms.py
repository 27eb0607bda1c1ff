"""From the project pages' posted forms to the API's write schemas (same validation, same
messages)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

PROJECT_FIELDS = (
    "name",
    "account_id",
    "code",
    "manager_id",
    "budget_amount",
    "start_on",
    "end_on",
    "description",
)
LIAISON_FIELDS = ("liaison_id", "appointed_by_id", "appointed_on")
TERMINATION_FIELDS = ("terminated_on", "reason", "terminated_by_id", "costs")
TEAM_FIELDS = ("user_id", "role", "allocation", "starts_on", "ends_on", "responsibilities")
STAKEHOLDER_FIELDS = (
    "contact_id",
    "project_role",
    "power",
    "interest",
    "expectations",
    "channel",
    "frequency",
    "our_owner_id",
    "note",
)
CONSTRAINT_FIELDS = ("kind", "statement", "amount", "due_on", "source_stakeholder_id")


def text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def fields(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    """The named inputs; a blank one is left out (the schema's default applies)."""
    return {key: text(form, key) for key in names if text(form, key)}


def stakeholder(form: FormData) -> dict[str, Any]:
    data = fields(form, STAKEHOLDER_FIELDS)
    data["stakes"] = [v for v in form.getlist("stakes") if isinstance(v, str) and v]
    data["is_approver"] = form.get("is_approver") == "on"
    return data


def constraint(form: FormData) -> dict[str, Any]:
    data = fields(form, CONSTRAINT_FIELDS)
    data["is_hard"] = form.get("is_hard") == "on"
    return data


def version(form: FormData) -> int | None:
    value = text(form, "version")
    return int(value) if value.isdigit() and int(value) > 0 else None


def echo(data: dict[str, Any]) -> dict[str, Any]:
    """What to put back in the inputs after an error."""
    return {k: v if isinstance(v, list | bool) else str(v) for k, v in data.items()}
