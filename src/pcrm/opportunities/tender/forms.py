"""From the bid workspace's posted forms to the API's write schemas (same validation, same
messages): the tender with its scoring-sheet editor, vendors, the scoring grid and a quote
round; and the messages of a refused write put back next to the input they are about."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.datastructures import FormData

from pcrm.core.forms import FormErrors
from pcrm.core.i18n import N_, translate
from pcrm.opportunities.pipeline.forms import text as _text

KEY_DATES: tuple[tuple[str, str, bool], ...] = (
    ("rfp_published_on", N_("RFP published"), False),
    ("qa_deadline", N_("Q&A deadline"), True),
    ("site_visit_at", N_("Site visit"), True),
    ("submission_deadline", N_("Bid submission deadline"), True),
    ("opening_at", N_("Bid opening"), True),
    ("award_announced_on", N_("Award announced"), False),
    ("contract_signed_on", N_("Contract signed"), False),
)
LOCAL_TIMES = tuple(name for name, _label, has_time in KEY_DATES if has_time)
TENDER_TEXT = (
    "method",
    "evaluation_method",
    "price_formula",
    "agency",
    "bid_bond",
    "rfp_published_on",
    "award_announced_on",
    "contract_signed_on",
    "notes",
)
RULE_NUMBERS = ("benchmark_discount", "deduct_above", "deduct_below")


def _strings(form: FormData, key: str) -> list[str]:
    return [v.strip() if isinstance(v, str) else "" for v in form.getlist(key)]


def local_time(text: str, zone: ZoneInfo) -> datetime | str | None:
    """A datetime-local input's value read in the workspace's time zone (as activities do)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=zone)
    except ValueError:
        return text  # the schema reports it as invalid


# --- the tender form and its scoring sheet ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubRow:
    id: str
    name: str
    weight: str


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A scoring item as the sheet editor shows it; `key` ties its sub-items and the price
    choice to it in the posted form."""

    key: str
    id: str
    name: str
    weight: str
    is_price: bool
    subs: list[SubRow] = field(default_factory=list)


def posted_sheet(form: FormData) -> tuple[list[dict[str, Any]], list[SheetRow]]:
    """The sheet editor's rows (`item_*` in order, `sub_*` naming their item's key, the price
    item's key in `price_key`) as the schema's items; empty rows are left out."""
    price = _text(form, "price_key")
    subs: dict[str, list[SubRow]] = {}
    for parent, sub_id, name, weight in zip(
        _strings(form, "sub_parent"),
        _strings(form, "sub_id"),
        _strings(form, "sub_name"),
        _strings(form, "sub_weight"),
        strict=False,
    ):
        if name or weight:
            subs.setdefault(parent, []).append(SubRow(sub_id, name, weight))
    rows = [
        SheetRow(key, item_id, name, weight, key == price, subs.get(key, []))
        for key, item_id, name, weight in zip(
            _strings(form, "item_key"),
            _strings(form, "item_id"),
            _strings(form, "item_name"),
            _strings(form, "item_weight"),
            strict=False,
        )
        if name or weight or subs.get(key)
    ]
    items = [
        {
            "id": row.id or None,
            "name": row.name,
            "weight": row.weight or None,
            "is_price": row.is_price,
            "sub_items": [
                {"id": s.id or None, "name": s.name, "weight": s.weight or None} for s in row.subs
            ],
        }
        for row in rows
    ]
    return items, rows


def tender(form: FormData, zone: ZoneInfo) -> tuple[dict[str, Any], list[SheetRow]]:
    data: dict[str, Any] = {key: _text(form, key) or None for key in TENDER_TEXT}
    data |= {key: _text(form, key) for key in RULE_NUMBERS if _text(form, key)}
    data |= {key: local_time(_text(form, key), zone) for key in LOCAL_TIMES}
    items, rows = posted_sheet(form)
    data["scoring_items"] = items
    return data, rows


def tender_posted(form: FormData) -> dict[str, str]:
    """The tender form's inputs as posted, to show them again."""
    return {key: _text(form, key) for key in (*TENDER_TEXT, *RULE_NUMBERS, *LOCAL_TIMES)}


# --- vendors, the scoring grid and quote rounds ---------------------------------------------


def vendor_create(form: FormData) -> dict[str, Any]:
    return {
        "competitor_id": _text(form, "competitor_id") or None,
        "status": _text(form, "status") or None,
        "notes": _text(form, "notes") or None,
    }


def vendor_update(form: FormData) -> dict[str, Any]:
    return {"status": _text(form, "status") or None, "notes": _text(form, "notes") or None}


def score_grid(form: FormData, vendor_ids: list[int]) -> dict[str, Any]:
    """The scoring grid: per vendor column that was shown (`vendor_id`), its filled cells
    `score-<vendor>-<item>`; a blank cell is no estimate. A vendor added after the grid was
    drawn is left out, so its scores stay as they are."""
    shown = set(_strings(form, "vendor_id"))
    grid: dict[str, Any] = {}
    for vendor_id in vendor_ids:
        if str(vendor_id) not in shown:
            continue
        prefix = f"score-{vendor_id}-"
        grid[str(vendor_id)] = {
            "scores": {
                key.removeprefix(prefix): _text(form, key)
                for key in form
                if key.startswith(prefix) and _text(form, key)
            }
        }
    return {"vendors": grid}


def score_errors(errors: FormErrors) -> FormErrors:
    """Messages about `vendors.<vendor>.scores.<item>` put on that cell of the grid; any other
    on the grid as a whole."""
    out: FormErrors = {}
    for key, message in errors.items():
        parts = key.split(".")
        cell = len(parts) >= 4 and parts[0] == "vendors" and parts[2] == "scores"
        if cell and parts[1].isdigit() and parts[3].isdigit():
            out[f"score-{parts[1]}-{parts[3]}"] = message
        else:
            out["__all__"] = message
    return out


def grid_posted(form: FormData) -> dict[str, str]:
    return {key: _text(form, key) for key in form if key.startswith("score-")}


def quote_round(form: FormData, vendor_ids: list[int]) -> tuple[dict[str, Any], list[int]]:
    """A quote round: our quote and the competitors' where known, with the source; and the
    vendors in the order of the quotes, to put messages back on their inputs."""
    order: list[int] = []
    quotes: list[dict[str, Any]] = []
    for vendor_id in vendor_ids:
        amount = _text(form, f"quote-{vendor_id}")
        if amount:
            order.append(vendor_id)
            source = _text(form, f"source-{vendor_id}") or None
            quotes.append({"vendor_id": vendor_id, "amount": amount, "source": source})
    data: dict[str, Any] = {
        "quoted_on": _text(form, "quoted_on") or None,
        "note": _text(form, "note") or None,
        "quotes": quotes,
    }
    if _text(form, "number"):
        data["number"] = _text(form, "number")
    return data, order


def _round_field(field_name: str, order: list[int]) -> str:
    parts = field_name.split(".")
    if (
        parts[0] == "quotes"
        and len(parts) >= 3
        and parts[1].isdigit()
        and int(parts[1]) < len(order)
    ):
        vendor_id = order[int(parts[1])]
        return f"source-{vendor_id}" if parts[2] == "source" else f"quote-{vendor_id}"
    return field_name


def round_errors(errors: FormErrors, order: list[int], locale: str) -> FormErrors:
    """Messages about the n-th quote put on that vendor's input; "no quotes" said plainly."""
    out: FormErrors = {}
    for key, refused in errors.items():
        message = translate(locale, N_("Enter at least one quote.")) if key == "quotes" else refused
        target = _round_field(key, order)
        out[target] = f"{out[target]} {message}" if target in out else message
    return out


def posted(form: FormData) -> dict[str, str]:
    """Every posted input, to show them again."""
    return {key: _text(form, key) for key in form if key != "csrf_token"}
