"""China's official calendar (国务院办公厅's yearly notice): statutory holidays and the weekend
days worked in their place (调休), from the `chinesecalendar` package, which carries each year's
notice once it is published (2004 to 2026 in the version pinned today). A year it does not know
falls back to Monday–Friday plus the days the workspace enters itself."""

from __future__ import annotations

from datetime import date
from functools import cache

import chinese_calendar

from pcrm.core.i18n import N_

# the package's English names, as message ids (translated where shown)
NAMES = {
    "New Year's Day": N_("New Year's Day"),
    "Spring Festival": N_("Spring Festival"),
    "Tomb-sweeping Day": N_("Tomb-sweeping Day"),
    "Labour Day": N_("Labour Day"),
    "Dragon Boat Festival": N_("Dragon Boat Festival"),
    "National Day": N_("National Day"),
    "Mid-autumn Festival": N_("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": N_("Anti-Fascist 70th Day"),
}


@cache
def known_years() -> frozenset[int]:
    return frozenset(d.year for d in chinese_calendar.holidays)


def holidays(first: date, last: date) -> dict[date, str]:
    """Statutory holidays from `first` to `last`, with their (English) names."""
    return {d: n for d, n in chinese_calendar.holidays.items() if first <= d <= last}


def workdays(first: date, last: date) -> dict[date, str]:
    """Weekend days worked in place of a holiday (调休), with the holiday's name."""
    return {d: n for d, n in chinese_calendar.workdays.items() if first <= d <= last}
