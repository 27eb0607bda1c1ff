"""The view-models of the insights pages: a customer's tender rhythm with its comparison and
charts, an account's project history and a competitor's record, read through the service.
Texts come translated, numbers as plain values; templates and insights.js only format them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel import dates as babel_dates
from sqlalchemy.orm import Session

from pcrm.accounts.public import Ownership, label
from pcrm.core.i18n import N_, format_number, translate
from pcrm.identity.public import Principal
from pcrm.opportunities.insights import service as insights
from pcrm.opportunities.insights.schemas import (
    AccountRhythm,
    OwnershipRhythm,
    RhythmFigures,
)
from pcrm.opportunities.vocab import (
    LABELS,
    DecisionRole,
    DocumentKind,
    EvaluationMethod,
    Outcome,
    PriceFormula,
    ProjectType,
    RelationKind,
    ReviewReason,
    Stage,
    Stance,
    TenderMethod,
    Trigger,
    VendorStatus,
)

# Message ids of every vocabulary the pages show; templates translate them with _().
VOCAB: dict[str, dict[str, str]] = {
    name: dict(LABELS[enum])
    for name, enum in (
        ("stage", Stage),
        ("method", TenderMethod),
        ("evaluation", EvaluationMethod),
        ("formula", PriceFormula),
        ("project_type", ProjectType),
        ("trigger", Trigger),
        ("relation", RelationKind),
        ("vendor_status", VendorStatus),
        ("decision_role", DecisionRole),
        ("stance", Stance),
        ("document", DocumentKind),
        ("outcome", Outcome),
        ("reason", ReviewReason),
    )
}
STAGE_BADGES = {
    Stage.POTENTIAL: "",
    Stage.BIDDING: "blue",
    Stage.EXECUTION: "green",
    Stage.DELIVERED: "green",
    Stage.LOST: "red",
    Stage.ABANDONED: "amber",
}
OUTCOME_BADGES = {Outcome.WON: "green", Outcome.LOST: "red", Outcome.ABANDONED: "amber"}
STANCE_BADGES = {
    Stance.FAVOURS_US: "green",
    Stance.NEUTRAL: "",
    Stance.FAVOURS_COMPETITOR: "red",
    Stance.UNKNOWN: "",
}
KEY_DATES = (
    ("rfp_published_on", N_("RFP published")),
    ("qa_deadline", N_("Q&A deadline")),
    ("site_visit_at", N_("Site visit")),
    ("submission_deadline", N_("Bid submission deadline")),
    ("opening_at", N_("Bid opening")),
    ("award_announced_on", N_("Award announced")),
    ("contract_signed_on", N_("Contract signed")),
    ("expected_close_on", N_("Expected close")),
    ("closed_on", N_("Closed on")),
)
COMPARE_ALL = "all"


def _babel(locale: str) -> str:
    return "zh_Hans_CN" if locale == "zh_CN" else "en_US"


def _month_names(locale: str) -> list[str]:
    names = babel_dates.get_month_names("abbreviated", locale=_babel(locale))
    return [str(names[m]) for m in range(1, 13)]


def _month_label(year: int, month: int, locale: str) -> str:
    return str(babel_dates.format_skeleton("yMMM", date(year, month, 1), locale=_babel(locale)))


# --- pages: tender rhythm ---------------------------------------------------------------------


def _kind_name(ownership: Ownership | None, locale: str) -> str:
    if ownership is None:
        return translate(locale, N_("All customers"))
    return translate(locale, N_("%(ownership)s customers"), ownership=label(ownership, locale))


def _days(value: Decimal | None, locale: str) -> str:
    if value is None:
        return "—"
    return translate(locale, N_("%(days)s days"), days=format_number(value, locale))


def _usual(figures: RhythmFigures, locale: str, evaluation: bool = False) -> str:
    shares = figures.evaluation_methods if evaluation else figures.methods
    if not shares:
        return "—"
    top = shares[0]
    name = translate(locale, LABELS[type(top.method)][top.method.value])
    return f"{name} · {format_number(top.share, locale)}%"


def _comparison(account: RhythmFigures, kind: RhythmFigures, locale: str) -> list[list[str]]:
    def price(f: RhythmFigures) -> str:
        return "—" if f.price_weight is None else format_number(f.price_weight, locale)

    return [
        [
            translate(locale, N_("Tenders on record")),
            str(account.tender_count),
            str(kind.tender_count),
        ],
        [
            translate(locale, N_("Years observed")),
            str(account.years_observed),
            str(kind.years_observed),
        ],
        [
            translate(locale, N_("Median days from RFP to award")),
            _days(account.rfp_to_award_days, locale),
            _days(kind.rfp_to_award_days, locale),
        ],
        [
            translate(locale, N_("Median days from award to contract")),
            _days(account.award_to_contract_days, locale),
            _days(kind.award_to_contract_days, locale),
        ],
        [
            translate(locale, N_("Usual tender method")),
            _usual(account, locale),
            _usual(kind, locale),
        ],
        [
            translate(locale, N_("Usual evaluation method")),
            _usual(account, locale, True),
            _usual(kind, locale, True),
        ],
        [translate(locale, N_("Average price weight")), price(account), price(kind)],
    ]


def _rhythm_chart(
    rhythm: AccountRhythm, kind: OwnershipRhythm, kind_name: str, locale: str
) -> dict[str, Any]:
    """What insights.js draws: texts translated, numbers as plain JSON numbers."""
    return {
        "months": _month_names(locale),
        "series": [
            {
                "name": rhythm.account_name,
                "counts": rhythm.months,
                "shares": [float(s) for s in rhythm.month_shares],
            },
            {
                "name": kind_name,
                "counts": kind.months,
                "shares": [float(s) for s in kind.month_shares],
            },
        ],
        "outlook": {
            "labels": [_month_label(m.year, m.month, locale) for m in rhythm.outlook],
            "expected": [float(m.expected) for m in rhythm.outlook],
            "likely": [m.likely for m in rhythm.outlook],
            "threshold": float(rhythm.likely_from),
        },
        "texts": {
            "share": translate(locale, N_("Share of published tenders (%)")),
            "tenders": translate(locale, N_("Tenders")),
            "expected": translate(locale, N_("Expected tenders")),
            "likely": translate(locale, N_("Likely")),
        },
    }


def _compare_choice(value: str, account_ownership: Ownership | None) -> Ownership | None:
    if value == COMPARE_ALL:
        return None
    if value in {o.value for o in Ownership}:
        return Ownership(value)
    return account_ownership


def rhythm_page(
    db: Session, principal: Principal, account_id: int, compare: str, locale: str
) -> dict[str, Any]:
    """The account's tender rhythm compared with the accounts of an ownership type (its own,
    another, or every account)."""
    rhythm = insights.account_rhythm(db, principal, account_id)
    ownership = _compare_choice(compare, rhythm.ownership)
    kind = insights.ownership_rhythm(db, principal, ownership)
    kind_name = _kind_name(ownership, locale)
    return {
        "account": {"id": rhythm.account_id, "name": rhythm.account_name},
        "section": "rhythm",
        "rhythm": rhythm,
        "kind": kind,
        "kind_name": kind_name,
        "ownership_label": label(rhythm.ownership, locale) if rhythm.ownership else "",
        "compare_value": ownership.value if ownership else COMPARE_ALL,
        "compare_options": [(COMPARE_ALL, _kind_name(None, locale))]
        + [(o.value, _kind_name(o, locale)) for o in Ownership],
        "month_names": _month_names(locale),
        "outlook_labels": [_month_label(m.year, m.month, locale) for m in rhythm.outlook],
        "likely_months": [
            _month_label(m.year, m.month, locale) for m in rhythm.outlook if m.likely
        ],
        "comparison": _comparison(rhythm, kind, locale),
        "chart": _rhythm_chart(rhythm, kind, kind_name, locale),
        "vocab": VOCAB,
    }


# --- project history and competitor record ---------------------------------------------------


def history_page(db: Session, principal: Principal, account_id: int) -> dict[str, Any]:
    """The account's chains of related opportunities with the 11 history elements."""
    history = insights.project_history(db, principal, account_id)
    return {
        "account": {"id": history.account_id, "name": history.account_name},
        "section": "history",
        "history": history,
        "key_dates": KEY_DATES,
        "vocab": VOCAB,
        "stage_badges": STAGE_BADGES,
        "outcome_badges": OUTCOME_BADGES,
        "stance_badges": STANCE_BADGES,
    }


def record_page(
    db: Session, principal: Principal, competitor_id: int, locale: str
) -> dict[str, Any]:
    """Where we met the competitor and how it went, with the chart of their quotes."""
    record = insights.competitor_record(db, principal, competitor_id)
    compared = [m for m in reversed(record.meetings) if m.quote_ratio is not None]
    return {
        "record": record,
        "vocab": VOCAB,
        "stage_badges": STAGE_BADGES,
        "outcome_badges": OUTCOME_BADGES,
        "chart": {
            "labels": [m.opportunity_name for m in compared],
            "dates": [
                _month_label(m.on.year, m.on.month, locale) if m.on else "" for m in compared
            ],
            "ratios": [float(m.quote_ratio or 0) for m in compared],
            "won": [m.they_won for m in compared],
            "texts": {
                "ratio": translate(locale, N_("Their quote as % of ours")),
                "parity": translate(locale, N_("Same as ours")),
            },
        },
    }
