"""From posted HTML forms to the API's write schemas (same validation, same messages). Input
names are the API's field paths (`review.reasons`, `team.0.role`), so the messages of a 422 land
next to the input they are about."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import FormData

from pcrm.core.forms import FormErrors
from pcrm.core.pages import local_path
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.identity.public import Principal
from pcrm.opportunities.pipeline.schemas import (
    OpportunityDetail,
    OpportunityQuery,
    TeamMemberWrite,
)
from pcrm.opportunities.review.schemas import ReviewRead
from pcrm.opportunities.vocab import Stage

CREATE_FIELDS = (
    "account_id",
    "name",
    "owner_id",
    "stage",
    "probability",
    "expected_close_on",
    "project_type",
    "trigger_note",
    "budget_amount",
    "currency",
    "source",
    "no_tender_reason",
    "description",
)
UPDATE_FIELDS = (
    "name",
    "owner_id",
    "probability",
    "expected_close_on",
    "project_type",
    "trigger_note",
    "budget_amount",
    "awarded_amount",
    "currency",
    "source",
    "no_tender_reason",
    "description",
)
REVIEW_FIELDS = (
    "reason_note",
    "what_worked",
    "what_to_change",
    "winner_competitor_id",
    "winning_price",
)
MAX_TEAM_ROWS = 50
TEAM = TypeAdapter(list[TeamMemberWrite])


def text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _values(form: FormData, fields: tuple[str, ...], prefix: str = "") -> dict[str, Any]:
    return {key: (text(form, prefix + key) or None) for key in fields if prefix + key in form}


def version(form: FormData) -> int | None:
    value = text(form, "version")
    return int(value) if value.isdigit() and int(value) > 0 else None


def opportunity_create(form: FormData) -> dict[str, Any]:
    data = _values(form, CREATE_FIELDS)
    data["triggers"] = [v for v in form.getlist("triggers") if isinstance(v, str) and v]
    for key in ("stage", "project_type", "currency"):  # blank: the schema's default
        if data.get(key) is None:
            data.pop(key, None)
    return data


def opportunity_update(form: FormData) -> dict[str, Any]:
    """Blank means "clear", except the probability: blank keeps the stage's default (or the
    override), and the box `use_stage_probability` goes back to the stage's default."""
    data = _values(form, UPDATE_FIELDS)
    data["triggers"] = [v for v in form.getlist("triggers") if isinstance(v, str) and v]
    if data.get("probability") is None:
        data.pop("probability", None)
    if "awarded_amount" in data and data["awarded_amount"] is None:
        data.pop("awarded_amount")
    if text(form, "use_stage_probability"):
        data["use_stage_probability"] = True
        data.pop("probability", None)
    return data


def opportunity_values(o: OpportunityDetail) -> dict[str, Any]:
    """The edit form's inputs for a stored opportunity."""
    values = {key: getattr(o, key) for key in UPDATE_FIELDS}
    if not o.probability_overridden:
        values["probability"] = None
    values["triggers"] = [t.value for t in o.triggers]
    return echo(values)


def stage_move(form: FormData) -> dict[str, Any]:
    return _values(form, ("stage", "no_tender_reason"))


def review(form: FormData) -> dict[str, Any]:
    data = _values(form, REVIEW_FIELDS, "review.")
    data["reasons"] = [v for v in form.getlist("review.reasons") if isinstance(v, str) and v]
    return data


def close(form: FormData) -> dict[str, Any]:
    data = _values(form, ("outcome", "awarded_amount", "closed_on"))
    data["review"] = review(form)
    return data


def review_values(r: ReviewRead) -> dict[str, Any]:
    values = {f"review.{key}": getattr(r, key) for key in REVIEW_FIELDS}
    values["review.reasons"] = [reason.value for reason in r.reasons]
    return echo(values)


def team(form: FormData) -> list[tuple[int, dict[str, Any]]]:
    """Rows `team.<i>.user_id` / `team.<i>.role` with their row number, so that messages
    point at the right row; a row without a person or marked `remove` is left out."""
    rows = []
    for i in range(MAX_TEAM_ROWS):
        if f"team.{i}.user_id" not in form:
            continue
        user_id = text(form, f"team.{i}.user_id")
        if not user_id or text(form, f"team.{i}.remove"):
            continue
        rows.append((i, {"user_id": user_id, "role": text(form, f"team.{i}.role") or None}))
    return rows


def echo(data: dict[str, Any]) -> dict[str, Any]:
    """What to put back in the inputs after an error: every value as text, lists kept."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(echo({f"{key}.{k}": v for k, v in value.items()}))
        elif isinstance(value, list):
            out[key] = [str(v) for v in value]
        elif value is None:
            out[key] = ""
        else:
            out[key] = str(value)
    return out


def list_query(
    items: list[tuple[str, str]], locale: str
) -> tuple[OpportunityQuery, FormErrors, list[tuple[str, str]]]:
    """The list's query parameters (the filter form, a GET), validated with the API's own
    model: the parameters, the messages about bad ones, and the pairs that are kept. With a
    bad parameter the list falls back to its defaults."""
    pairs = [(k, v) for k, v in items if k != "notice" and v != ""]
    raw: dict[str, Any] = {}
    for key, value in pairs:
        if key == "stage":
            raw.setdefault("stage", []).append(value)
        else:
            raw[key] = value
    try:
        return OpportunityQuery.model_validate(raw), {}, pairs
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc.errors(), locale)
        return OpportunityQuery(), {e["field"]: e["message"] for e in errors}, []


def back(values: Mapping[str, Any], opportunity_id: int) -> str:
    """Where a stage form returns to: a path of this site given as `back`, else the
    opportunity."""
    return local_path(str(values.get("back") or ""), f"/opportunities/{opportunity_id}")


def team_members(rows: list[tuple[int, dict[str, Any]]]) -> list[TeamMemberWrite]:
    return TEAM.validate_python([row for _, row in rows])


def team_errors(rows: list[tuple[int, dict[str, Any]]]) -> Callable[[FormErrors], FormErrors]:
    """Messages about the n-th member written back to the form row it came from."""

    def remap(errors: FormErrors) -> FormErrors:
        out: FormErrors = {}
        for key, message in errors.items():
            parts = key.removeprefix("team.").split(".", 1)
            if parts[0].isdigit() and int(parts[0]) < len(rows):
                row = rows[int(parts[0])][0]
                out[f"team.{row}.{parts[1] if len(parts) > 1 else 'user_id'}"] = message
            else:
                out["__all__"] = message
        return out

    return remap


def review_errors(errors: FormErrors) -> FormErrors:
    """Messages keyed like the inputs: `review.<field>`."""
    return {
        (k if k.startswith("review.") or k == "__all__" else f"review.{k}"): v
        for k, v in errors.items()
    }


def close_errors(errors: FormErrors) -> FormErrors:
    """A missing review is reported by its first required part, the reasons."""
    out = dict(errors)
    if "review" in out:
        out.setdefault("review.reasons", out.pop("review"))
    return out


def new_opportunity(principal: Principal, account_id: str) -> dict[str, Any]:
    """The new-opportunity form as it first shows."""
    return {
        "account_id": account_id,
        "owner_id": str(principal.user_id),
        "stage": Stage.POTENTIAL.value,
        "project_type": "new",
        "currency": principal.currency,
        "triggers": [],
    }
