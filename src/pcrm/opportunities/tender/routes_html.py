"""Pages of the bid workspace (投标工作台) of an opportunity: the tender with its scoring sheet,
the participating vendors and our estimate of their scores, "if we quote ¥X" before a round,
and the quote rounds. Handlers translate, services decide; the helpers below only shape what the
services return for the templates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import FormErrors, FormValues, PostedForm, attempt, domain_errors, validate
from pcrm.core.i18n import N_, translate
from pcrm.core.pages import notice, redirect
from pcrm.core.pages import page_locale as _locale
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.templating import is_htmx, render
from pcrm.identity.public import CurrentPrincipal, Permission, Principal
from pcrm.opportunities.pipeline import pages as presenters
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.tender.schemas import (
    BidSheet,
    QuoteRoundCreate,
    QuoteRoundRead,
    ScoresWrite,
    ScoringItemRead,
    TenderRead,
    TenderWrite,
    VendorCreate,
    VendorRead,
    VendorStanding,
    VendorUpdate,
)
from pcrm.opportunities.vocab import (
    CLOSED_STAGES,
    LABELS,
    EvaluationMethod,
    PriceFormula,
    TenderMethod,
    VendorStatus,
)
from pcrm.relationships.public import (
    list_competitors,
)

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
presenters.install_template_globals()  # stage labels of the opportunity page frame

NOTICES = {
    "tender": N_("The tender has been saved."),
    "vendor-added": N_("The vendor has been added."),
    "vendor-saved": N_("Your changes have been saved."),
    "vendor-removed": N_("The vendor has been removed."),
    "scores": N_("The estimated scores have been saved."),
    "round": N_("The quote round has been recorded."),
    "round-removed": N_("The latest quote round has been taken back."),
}
OUT_OF_RACE = (VendorStatus.WITHDREW.value, VendorStatus.DISQUALIFIED.value)
STATUS_BADGES = {
    VendorStatus.BIDDING.value: "blue",
    VendorStatus.WITHDREW.value: "",
    VendorStatus.DISQUALIFIED.value: "red",
    VendorStatus.WON.value: "green",
    VendorStatus.LOST.value: "amber",
}
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
RULE_LABELS = {  # the history's labels of these fields, so one translation serves both
    "benchmark_discount": N_("Benchmark discount (%)"),
    "deduct_above": N_("Points lost per 1% above"),
    "deduct_below": N_("Points lost per 1% below"),
}
TENDER_DEFAULTS = {
    "method": TenderMethod.OPEN.value,
    "evaluation_method": EvaluationMethod.WEIGHTED.value,
    "price_formula": PriceFormula.LOWEST_RATIO.value,
    "benchmark_discount": "0",
    "deduct_above": "1",
    "deduct_below": "0.5",
}


class _Trial(BaseModel):
    """The price tried in the simulation: the same bounds as a recorded quote."""

    try_price: Annotated[Decimal, Field(gt=0, max_digits=16, decimal_places=2)]


# --- small helpers ---------------------------------------------------------------------------


def _notice(request: Request) -> str | None:
    return notice(request, NOTICES)


def _redirect(url: str, notice_key: str, anchor: str = "") -> RedirectResponse:
    """Back to `url` with the notice, scrolled to `anchor` (the fragment comes last)."""
    response = redirect(url, notice_key)
    response.headers["location"] += anchor
    return response


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _strings(form: FormData, key: str) -> list[str]:
    return [v.strip() if isinstance(v, str) else "" for v in form.getlist(key)]


def _version(form: FormData) -> int | None:
    text = _text(form, "version")
    return int(text) if text.isdigit() and int(text) > 0 else None


def _plain(value: Decimal | None) -> str:
    """A stored decimal as the user typed it: 20.00 → "20", 0.50 → "0.5"."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _options(enum: type[StrEnum], locale: str) -> list[tuple[str, str]]:
    return [(value, translate(locale, text)) for value, text in LABELS[enum].items()]


def _local_input(value: datetime | None, zone: ZoneInfo) -> str:
    """A stored UTC time as a datetime-local input shows it: the workspace's wall clock."""
    return value.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if value else ""


def _local_time(text: str, zone: ZoneInfo) -> datetime | str | None:
    """A datetime-local input's value read in the workspace's time zone (as activities do)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=zone)
    except ValueError:
        return text  # the schema reports it as invalid


def _editable(principal: Principal, stage: str) -> bool:
    return principal.can(Permission.WRITE) and stage not in CLOSED_STAGES


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


def _sheet_rows(items: Sequence[ScoringItemRead]) -> list[SheetRow]:
    return [
        SheetRow(
            f"i{item.id}",
            str(item.id),
            item.name,
            _plain(item.weight),
            item.is_price,
            [SubRow(str(s.id), s.name, _plain(s.weight)) for s in item.sub_items],
        )
        for item in items
    ]


def _blank_sheet(locale: str) -> list[SheetRow]:
    return [
        SheetRow("n1", "", "", "", False),
        SheetRow("n2", "", translate(locale, N_("Price")), "", True),
    ]


def _posted_sheet(form: FormData) -> tuple[list[dict[str, Any]], list[SheetRow]]:
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


def _tender_data(form: FormData, zone: ZoneInfo) -> tuple[dict[str, Any], list[SheetRow]]:
    data: dict[str, Any] = {key: _text(form, key) or None for key in TENDER_TEXT}
    data |= {key: _text(form, key) for key in RULE_NUMBERS if _text(form, key)}
    data |= {key: _local_time(_text(form, key), zone) for key in LOCAL_TIMES}
    items, rows = _posted_sheet(form)
    data["scoring_items"] = items
    return data, rows


def _tender_values(tender: TenderRead | None, zone: ZoneInfo) -> dict[str, str]:
    if tender is None:
        return dict(TENDER_DEFAULTS)
    values = {
        key: "" if getattr(tender, key) is None else str(getattr(tender, key))
        for key in TENDER_TEXT
    }
    values |= {key: _plain(getattr(tender, key)) for key in RULE_NUMBERS}
    values["bid_bond"] = _plain(tender.bid_bond)
    values |= {key: _local_input(getattr(tender, key), zone) for key in LOCAL_TIMES}
    return values


@dataclass(frozen=True, slots=True)
class KeyDate:
    label: str
    value: date | datetime
    has_time: bool


def _key_dates(tender: TenderRead, locale: str) -> list[KeyDate]:
    return [
        KeyDate(translate(locale, label), getattr(tender, name), has_time)
        for name, label, has_time in KEY_DATES
        if getattr(tender, name) is not None
    ]


# --- the scoring grid, the simulation and the quote history ----------------------------------


@dataclass(frozen=True, slots=True)
class GridRow:
    """A row of the scoring grid: `score` rows take our estimate per vendor, `group` rows add
    up their sub-items, the `price` row shows each vendor's price score."""

    item_id: int
    name: str
    weight: Decimal
    kind: str
    level: int
    cells: list[Decimal | None]


def _grid_rows(sheet: BidSheet) -> list[GridRow]:
    rows: list[GridRow] = []
    for item in sheet.items:
        if item.is_price:
            cells = [v.price_score for v in sheet.vendors]
            rows.append(GridRow(item.id, item.name, item.weight, "price", 0, cells))
            continue
        if not item.sub_items:
            cells = [v.scores.get(item.id) for v in sheet.vendors]
            rows.append(GridRow(item.id, item.name, item.weight, "score", 0, cells))
            continue
        sums: list[Decimal | None] = []
        for v in sheet.vendors:
            given = [v.scores[s.id] for s in item.sub_items if s.id in v.scores]
            sums.append(sum(given, Decimal(0)) if given else None)
        rows.append(GridRow(item.id, item.name, item.weight, "group", 0, sums))
        for sub in item.sub_items:
            cells = [v.scores.get(sub.id) for v in sheet.vendors]
            rows.append(GridRow(sub.id, sub.name, sub.weight, "score", 1, cells))
    return rows


def _score_values(sheet: BidSheet) -> dict[str, str]:
    return {
        f"score-{v.vendor_id}-{item_id}": _plain(score)
        for v in sheet.vendors
        for item_id, score in v.scores.items()
    }


@dataclass(frozen=True, slots=True)
class TrialRow:
    standing: VendorStanding
    rank_before: int | None
    out_of_race: bool


@dataclass(slots=True)
class Simulation:
    """What the bid sheet says now and, with a price tried, what it would say."""

    currency: str
    price_text: str
    sheet: BidSheet | None = None
    tried: BidSheet | None = None
    errors: FormErrors = field(default_factory=dict)

    @property
    def rows(self) -> list[TrialRow]:
        shown = self.tried or self.sheet
        if shown is None or self.sheet is None:
            return []
        before = {v.vendor_id: v.rank for v in self.sheet.vendors}
        return [
            TrialRow(v, before.get(v.vendor_id), v.status.value in OUT_OF_RACE)
            for v in shown.vendors
        ]

    @property
    def us(self) -> TrialRow | None:
        return next((row for row in self.rows if row.standing.is_us), None)

    @property
    def ranked(self) -> int:
        return sum(1 for row in self.rows if row.standing.rank is not None)


def _simulation(
    db: DB,
    principal: Principal,
    opportunity_id: int,
    price_text: str,
    locale: str,
    currency: str | None = None,
) -> Simulation:
    if currency is None:
        currency = service.get_opportunity(db, principal, opportunity_id).currency
    result = Simulation(currency, price_text)
    price: Decimal | None = None
    if price_text:
        trial, result.errors = validate(_Trial, {"try_price": price_text}, locale)
        price = trial.try_price if trial else None
    try:
        result.sheet = tender_service.bid_sheet(db, principal, opportunity_id)
        if price is not None:
            result.tried = tender_service.bid_sheet(db, principal, opportunity_id, price)
    except ValidationFailed as exc:  # no tender yet
        result.sheet, result.errors = None, {**result.errors, **domain_errors(exc, locale)}
    return result


@dataclass(frozen=True, slots=True)
class QuoteCell:
    amount: Decimal | None
    source: str | None
    change: Decimal | None
    change_percent: Decimal | None


@dataclass(frozen=True, slots=True)
class RoundRow:
    round: QuoteRoundRead
    cells: list[QuoteCell]
    latest: bool


def _round_rows(rounds: Sequence[QuoteRoundRead], vendors: Sequence[VendorRead]) -> list[RoundRow]:
    """Each round with every vendor's quote and its change from that vendor's previous one."""
    previous: dict[int, Decimal] = {}
    rows: list[RoundRow] = []
    for n, round_ in enumerate(rounds):
        quotes = {q.vendor_id: q for q in round_.quotes}
        cells = []
        for v in vendors:
            quote = quotes.get(v.id)
            if quote is None:
                cells.append(QuoteCell(None, None, None, None))
                continue
            before = previous.get(v.id)
            change = quote.amount - before if before is not None else None
            percent = (
                (change * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                if change is not None and before
                else None
            )
            cells.append(QuoteCell(quote.amount, quote.source, change, percent))
            previous[v.id] = quote.amount
        rows.append(RoundRow(round_, cells, n == len(rounds) - 1))
    return rows


# --- the bid page ----------------------------------------------------------------------------


def _bid_context(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    *,
    price_text: str = "",
    failed: str = "",
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    sheet_rows: list[SheetRow] | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    """Everything the bid page shows. After a refused write, `failed` names the form (tender,
    vendor, vendor-<id>, scores, round) that gets the posted `values` and the `errors`."""
    locale = _locale(request)
    zone = ZoneInfo(principal.timezone)
    opportunity = service.opportunity_detail(db, principal, opportunity_id)
    tender = tender_service.read_tender(db, principal, opportunity_id)
    vendors = tender_service.vendor_reads(db, principal, opportunity_id)
    rounds = tender_service.rounds(db, principal, opportunity_id)
    simulation = _simulation(
        db, principal, opportunity_id, price_text, locale, opportunity.currency
    )
    sheet = simulation.sheet
    editable = _editable(principal, opportunity.stage)
    on_it = {v.competitor_id for v in vendors}
    round_values = {"quoted_on": principal.today().isoformat(), "number": str(len(rounds) + 1)}
    us = next((v for v in vendors if v.is_us), None)
    if us is not None and simulation.tried is not None and simulation.tried.tried_price:
        round_values[f"quote-{us.id}"] = _plain(simulation.tried.tried_price)
    forms: dict[str, FormValues] = {
        "tender": FormValues(_tender_values(tender, zone)),
        "vendor": FormValues({"status": VendorStatus.BIDDING.value}),
        "scores": FormValues(_score_values(sheet) if sheet else {}),
        "round": FormValues(round_values),
    }
    forms |= {
        f"vendor-{v.id}": FormValues({"status": v.status.value, "notes": v.notes or ""})
        for v in vendors
    }
    if failed and values is not None:
        forms[failed] = FormValues(values)
    if failed == "round":  # a round recorded meanwhile moved the next number on
        forms["round"]["number"] = round_values["number"]
    return {
        "opportunity": opportunity,
        "active_tab": "bid",
        "opportunity_id": opportunity_id,
        "notice": _notice(request),
        "can_write": editable,
        "closed": opportunity.stage in CLOSED_STAGES,
        "tender": tender,
        "tender_version": version if failed == "tender" else (tender.version if tender else None),
        "key_dates": _key_dates(tender, locale) if tender else [],
        "sheet_rows": sheet_rows
        if sheet_rows is not None
        else (_sheet_rows(tender.scoring_items) if tender else _blank_sheet(locale)),
        "vendors": vendors,
        "competitor_options": [
            (str(c.id), c.name)
            for c in (list_competitors(db, principal) if editable else [])
            if c.id not in on_it
        ],
        "sheet": sheet,
        "grid": _grid_rows(sheet) if sheet else [],
        "simulation": simulation,
        "rounds": _round_rows(rounds, vendors),
        "forms": forms,
        "failed": failed,
        "errors": {failed: errors or {}} if failed else {},
        "vocab": {
            "method": _options(TenderMethod, locale),
            "evaluation_method": _options(EvaluationMethod, locale),
            "price_formula": _options(PriceFormula, locale),
            "vendor_status": _options(VendorStatus, locale),
        },
        "rule_labels": {key: translate(locale, text) for key, text in RULE_LABELS.items()},
        "status_badges": STATUS_BADGES,
        "out_of_race": OUT_OF_RACE,
    }


BID_TEMPLATE = "opportunities/bid.html"


def _bid_url(opportunity_id: int) -> str:
    return f"/opportunities/{opportunity_id}/bid"


def _refused(
    request: Request,
    db: DB,
    principal: Principal,
    opportunity_id: int,
    status: int,
    **kwargs: Any,
) -> Response:
    context = _bid_context(request, db, principal, opportunity_id, **kwargs)
    return render(request, BID_TEMPLATE, context, status_code=status)


@router.get("/opportunities/{opportunity_id}/bid")
def bid_page(
    request: Request,
    opportunity_id: int,
    db: DB,
    principal: CurrentPrincipal,
    try_price: str = "",
) -> Response:
    """The bid workspace. With `try_price` it also shows "if we quote ¥X"; an HTMX request
    with it gets only that part."""
    price_text = try_price.strip()[:40]
    trying = "try_price" in request.query_params
    if trying and is_htmx(request):
        simulation = _simulation(db, principal, opportunity_id, price_text, _locale(request))
        return render(
            request,
            BID_TEMPLATE,
            {"simulation": simulation, "opportunity_id": opportunity_id},
            fragment="simulation",
            status_code=422 if simulation.errors else 200,
        )
    context = _bid_context(request, db, principal, opportunity_id, price_text=price_text)
    status = 422 if trying and context["simulation"].errors else 200
    return render(request, BID_TEMPLATE, context, status_code=status)


@router.post("/opportunities/{opportunity_id}/bid/tender")
def save_tender(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Create or edit the tender with its scoring sheet: all of it or nothing."""
    data, rows = _tender_data(form, ZoneInfo(principal.timezone))
    version = _version(form)
    outcome = attempt(
        db,
        _locale(request),
        lambda: tender_service.write_tender(
            db, principal, opportunity_id, TenderWrite.model_validate(data), version
        ),
    )
    if outcome.ok:
        return _redirect(_bid_url(opportunity_id), "tender", "#tender")
    posted = {key: _text(form, key) for key in (*TENDER_TEXT, *RULE_NUMBERS, *LOCAL_TIMES)}
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="tender",
        values=posted,
        errors=outcome.errors,
        sheet_rows=rows,
        version=version,
    )


@router.post("/opportunities/{opportunity_id}/bid/vendors")
def add_vendor(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    data = {
        "competitor_id": _text(form, "competitor_id") or None,
        "status": _text(form, "status") or None,
        "notes": _text(form, "notes") or None,
    }
    outcome = attempt(
        db,
        _locale(request),
        lambda: tender_service.add_vendor(
            db, principal, opportunity_id, VendorCreate.model_validate(data)
        ),
    )
    if outcome.ok:
        return _redirect(_bid_url(opportunity_id), "vendor-added", "#vendors")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="vendor",
        values={k: v or "" for k, v in data.items()},
        errors=outcome.errors,
    )


@router.post("/opportunities/{opportunity_id}/bid/vendors/{vendor_id}")
def update_vendor(
    request: Request,
    opportunity_id: int,
    vendor_id: int,
    db: DB,
    principal: CurrentPrincipal,
    form: PostedForm,
) -> Response:
    data = {"status": _text(form, "status") or None, "notes": _text(form, "notes") or None}
    version = _version(form)
    outcome = attempt(
        db,
        _locale(request),
        lambda: tender_service.update_vendor(
            db, principal, opportunity_id, vendor_id, VendorUpdate.model_validate(data), version
        ),
    )
    if outcome.ok:
        return _redirect(_bid_url(opportunity_id), "vendor-saved", "#vendors")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed=f"vendor-{vendor_id}",
        values={k: v or "" for k, v in data.items()},
        errors=outcome.errors,
    )


@router.post("/opportunities/{opportunity_id}/bid/vendors/{vendor_id}/delete")
def remove_vendor(
    request: Request, opportunity_id: int, vendor_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    outcome = attempt(
        db,
        _locale(request),
        lambda: tender_service.remove_vendor(db, principal, opportunity_id, vendor_id),
    )
    if outcome.ok:
        return _redirect(_bid_url(opportunity_id), "vendor-removed", "#vendors")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed=f"vendor-{vendor_id}",
        errors={"__all__": " ".join(outcome.errors.values())},
    )


def _score_field(vendor_id: int, field_name: str) -> str:
    item = field_name.removeprefix("scores.")
    return f"score-{vendor_id}-{item}" if item.isdigit() else "__all__"


@router.post("/opportunities/{opportunity_id}/bid/scores")
def save_scores(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Our estimate of every vendor's scores, one column per vendor; a blank cell is no
    estimate. Either every column is saved or none."""
    locale = _locale(request)
    vendors = tender_service.vendor_reads(db, principal, opportunity_id)
    shown = set(_strings(form, "vendor_id"))
    errors: FormErrors = {}
    for vendor in vendors:
        if str(vendor.id) not in shown:
            continue  # added after the grid was drawn: its scores stay as they are
        prefix = f"score-{vendor.id}-"
        scores = {
            key.removeprefix(prefix): _text(form, key)
            for key in form
            if key.startswith(prefix) and _text(form, key)
        }
        try:
            tender_service.set_scores(
                db,
                principal,
                opportunity_id,
                vendor.id,
                ScoresWrite.model_validate({"scores": scores}),
            )
        except ValidationError as exc:
            for error in field_errors_from_pydantic(exc.errors(), locale):
                key = error["field"].split(".")
                errors[_score_field(vendor.id, ".".join(key[:2]))] = error["message"]
        except ValidationFailed as exc:
            for problem in exc.errors:
                errors[_score_field(vendor.id, problem.field)] = translate(locale, problem.message)
    if not errors:
        return _redirect(_bid_url(opportunity_id), "scores", "#sheet")
    db.rollback()
    posted = {key: _text(form, key) for key in form if key.startswith("score-")}
    return _refused(
        request, db, principal, opportunity_id, 422, failed="scores", values=posted, errors=errors
    )


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


@router.post("/opportunities/{opportunity_id}/bid/rounds")
def record_round(
    request: Request, opportunity_id: int, db: DB, principal: CurrentPrincipal, form: PostedForm
) -> Response:
    """Record a quote round: our quote and the competitors' where known, with the source."""
    vendors = tender_service.vendor_reads(db, principal, opportunity_id)
    order: list[int] = []
    quotes: list[dict[str, Any]] = []
    for vendor in vendors:
        amount = _text(form, f"quote-{vendor.id}")
        if amount:
            order.append(vendor.id)
            source = _text(form, f"source-{vendor.id}") or None
            quotes.append({"vendor_id": vendor.id, "amount": amount, "source": source})
    data: dict[str, Any] = {
        "quoted_on": _text(form, "quoted_on") or None,
        "note": _text(form, "note") or None,
        "quotes": quotes,
    }
    if _text(form, "number"):
        data["number"] = _text(form, "number")
    outcome = attempt(
        db,
        _locale(request),
        lambda: tender_service.submit_quote_round(
            db, principal, opportunity_id, QuoteRoundCreate.model_validate(data)
        ),
    )
    if outcome.ok:
        return _redirect(_bid_url(opportunity_id), "round", "#rounds")
    locale = _locale(request)
    errors: FormErrors = {}
    for key, refused in outcome.errors.items():
        message = translate(locale, N_("Enter at least one quote.")) if key == "quotes" else refused
        target = _round_field(key, order)
        errors[target] = f"{errors[target]} {message}" if target in errors else message
    posted = {key: _text(form, key) for key in form if key != "csrf_token"}
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="round",
        values=posted,
        errors=errors,
    )


@router.post("/opportunities/{opportunity_id}/bid/rounds/{round_id}/delete")
def take_back_round(
    request: Request, opportunity_id: int, round_id: int, db: DB, principal: CurrentPrincipal
) -> Response:
    outcome = attempt(
        db,
        _locale(request),
        lambda: tender_service.delete_last_round(db, principal, opportunity_id, round_id),
    )
    if outcome.ok:
        return _redirect(_bid_url(opportunity_id), "round-removed", "#rounds")
    return _refused(
        request,
        db,
        principal,
        opportunity_id,
        outcome.status,
        failed="history",
        errors={"__all__": " ".join(outcome.errors.values())},
    )
