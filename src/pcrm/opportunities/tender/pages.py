"""The view-model of the bid workspace (投标工作台): the tender with its key dates and its
scoring-sheet editor, the vendors, the scoring grid, "if we quote ¥X" and the quote history,
each form with its values (after a refused write, the posted ones with their messages). Read
through the services; templates and bid.js only format what this gives them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.errors import ValidationFailed
from pcrm.core.forms import FormErrors, FormValues, domain_errors, validate
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.pages import choices
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.tender.forms import (
    KEY_DATES,
    LOCAL_TIMES,
    RULE_NUMBERS,
    TENDER_TEXT,
    SheetRow,
    SubRow,
)
from pcrm.opportunities.tender.schemas import (
    BidSheet,
    PriceTrial,
    QuoteRoundRead,
    ScoringItemRead,
    TenderRead,
    VendorRead,
    VendorStanding,
)
from pcrm.opportunities.vocab import (
    CLOSED_STAGES,
    EvaluationMethod,
    PriceFormula,
    TenderMethod,
    VendorStatus,
)
from pcrm.relationships.public import list_competitors

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


def plain(value: Decimal | None) -> str:
    """A stored decimal as the user typed it: 20.00 → "20", 0.50 → "0.5"."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _local_input(value: datetime | None, zone: ZoneInfo) -> str:
    """A stored UTC time as a datetime-local input shows it: the workspace's wall clock."""
    return value.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if value else ""


def _editable(principal: Principal, stage: str) -> bool:
    return principal.can(Permission.WRITE_TENDERS) and stage not in CLOSED_STAGES


# --- the tender form and its scoring sheet ----------------------------------------------------


def _sheet_rows(items: Sequence[ScoringItemRead]) -> list[SheetRow]:
    return [
        SheetRow(
            f"i{item.id}",
            str(item.id),
            item.name,
            plain(item.weight),
            item.is_price,
            [SubRow(str(s.id), s.name, plain(s.weight)) for s in item.sub_items],
        )
        for item in items
    ]


def _blank_sheet(locale: str) -> list[SheetRow]:
    return [
        SheetRow("n1", "", "", "", False),
        SheetRow("n2", "", translate(locale, N_("Price")), "", True),
    ]


def _tender_values(tender: TenderRead | None, zone: ZoneInfo) -> dict[str, str]:
    if tender is None:
        return dict(TENDER_DEFAULTS)
    values = {
        key: "" if getattr(tender, key) is None else str(getattr(tender, key))
        for key in TENDER_TEXT
    }
    values |= {key: plain(getattr(tender, key)) for key in RULE_NUMBERS}
    values["bid_bond"] = plain(tender.bid_bond)
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
        f"score-{v.vendor_id}-{item_id}": plain(score)
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


def simulation(
    db: Session,
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
        trial, result.errors = validate(PriceTrial, {"try_price": price_text}, locale)
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


def bid_page(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    locale: str,
    notice: str | None,
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
    zone = ZoneInfo(principal.timezone)
    opportunity = service.opportunity_detail(db, principal, opportunity_id)
    tender = tender_service.read_tender(db, principal, opportunity_id)
    vendors = tender_service.vendor_reads(db, principal, opportunity_id)
    rounds = tender_service.rounds(db, principal, opportunity_id)
    trial = simulation(db, principal, opportunity_id, price_text, locale, opportunity.currency)
    sheet = trial.sheet
    editable = _editable(principal, opportunity.stage)
    on_it = {v.competitor_id for v in vendors}
    round_values = {"quoted_on": principal.today().isoformat(), "number": str(len(rounds) + 1)}
    us = next((v for v in vendors if v.is_us), None)
    if us is not None and trial.tried is not None and trial.tried.tried_price:
        round_values[f"quote-{us.id}"] = plain(trial.tried.tried_price)
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
        "notice": notice,
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
        "simulation": trial,
        "rounds": _round_rows(rounds, vendors),
        "forms": forms,
        "failed": failed,
        "errors": {failed: errors or {}} if failed else {},
        "vocab": {
            "method": choices(TenderMethod, locale),
            "evaluation_method": choices(EvaluationMethod, locale),
            "price_formula": choices(PriceFormula, locale),
            "vendor_status": choices(VendorStatus, locale),
        },
        "rule_labels": {key: translate(locale, text) for key, text in RULE_LABELS.items()},
        "status_badges": STATUS_BADGES,
        "out_of_race": OUT_OF_RACE,
    }
