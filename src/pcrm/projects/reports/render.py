"""A report as a document: its figures from JSON with dates and amounts written out and its
codes as labels in the reader's language, and the printable HTML that the page shows and that
WeasyPrint turns into a PDF (Chinese set in Noto Sans CJK SC, Debian's fonts-noto-cjk)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from pcrm.core.i18n import format_date, format_money, translate
from pcrm.core.templating import templates
from pcrm.projects.baselines.vocab import LABELS as BASELINE_LABELS
from pcrm.projects.baselines.vocab import Decision
from pcrm.projects.changes.vocab import LABELS as CHANGE_LABELS
from pcrm.projects.changes.vocab import ChangeCategory, ChangeState
from pcrm.projects.conflicts.vocab import LABELS as CONFLICT_LABELS
from pcrm.projects.conflicts.vocab import ConflictKind, ConflictStatus, Severity
from pcrm.projects.meetings.vocab import LABELS as MEETING_LABELS
from pcrm.projects.meetings.vocab import MeetingKind
from pcrm.projects.reports.schemas import ReportDetail
from pcrm.projects.reports.vocab import LABELS as REPORT_LABELS
from pcrm.projects.reports.vocab import SECTION_TITLES, ReportKind, ReportStatus
from pcrm.projects.risks.vocab import LABELS as RISK_LABELS
from pcrm.projects.risks.vocab import RiskCategory, RiskResponse
from pcrm.projects.vocab import LABELS as PROJECT_LABELS
from pcrm.projects.vocab import Phase, ProjectStatus

DOCUMENT = "reports/pdf.html"
STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "report.css"
MONEY = frozenset({"budget", "original_budget", "approved_delta", "period_delta", "cost_delta"})
DATES = frozenset(
    {"end_on", "baseline_on", "current_on", "baseline_end_on", "raised_on", "decided_on",
     "review_on", "opened_on", "held_on"}
)  # fmt: skip
_VOCABULARIES: dict[str, tuple[type[StrEnum], dict[type[StrEnum], dict[str, str]]]] = {
    "phase": (Phase, PROJECT_LABELS),
    "project_status": (ProjectStatus, PROJECT_LABELS),
    "change_category": (ChangeCategory, CHANGE_LABELS),
    "change_state": (ChangeState, CHANGE_LABELS),
    "decision": (Decision, BASELINE_LABELS),
    "risk_category": (RiskCategory, RISK_LABELS),
    "risk_response": (RiskResponse, RISK_LABELS),
    "conflict_kind": (ConflictKind, CONFLICT_LABELS),
    "conflict_status": (ConflictStatus, CONFLICT_LABELS),
    "severity": (Severity, CONFLICT_LABELS),
    "meeting_kind": (MeetingKind, MEETING_LABELS),
    "report_kind": (ReportKind, REPORT_LABELS),
    "report_status": (ReportStatus, REPORT_LABELS),
}


def labels(locale: str) -> dict[str, dict[str, str]]:
    """Every code a report shows, as text in `locale`."""
    return {
        name: {k: translate(locale, v) for k, v in table[cls].items()}
        for name, (cls, table) in _VOCABULARIES.items()
    }


@lru_cache(maxsize=4096)
def _day(value: str, locale: str) -> str:
    return format_date(date.fromisoformat(value), locale)


@lru_cache(maxsize=4096)
def _amount(value: str, currency: str, locale: str) -> str:
    return format_money(Decimal(value), currency, locale)


def _shown(value: Any, locale: str, currency: str, key: str = "") -> Any:
    """The snapshot's JSON with its dates and amounts written in `locale` (a report repeats
    the same days and amounts many times: each is formatted once)."""
    if isinstance(value, dict):
        return {k: _shown(v, locale, currency, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shown(v, locale, currency) for v in value]
    if isinstance(value, str) and key in DATES:
        return _day(value, locale)
    if isinstance(value, str) and key in MONEY:
        return _amount(value, currency, locale)
    return value


def document(report: ReportDetail, locale: str, timezone: str) -> dict[str, Any]:
    """The context of the report's document template in `locale`."""
    figures = report.content
    currency = figures["project"]["currency"]
    return {
        "report": report,
        "project": figures["project"],
        "currency": currency,
        "sections": [
            {**_shown(s, locale, currency), "title": translate(locale, SECTION_TITLES[s["key"]])}
            for s in figures["sections"]
            if s["key"] in SECTION_TITLES
        ],
        "labels": labels(locale),
        "locale": locale,
        "timezone": timezone,
    }


def html(context: dict[str, Any]) -> str:
    """The standalone printable HTML of the document (what the PDF is made of)."""
    return templates.env.get_template(DOCUMENT).render(context)


def pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import CSS, HTML  # imported when a PDF is asked for: it loads Pango

    sheet = CSS(filename=str(STYLESHEET))
    return bytes(HTML(string=html(context)).write_pdf(stylesheets=[sheet]))
