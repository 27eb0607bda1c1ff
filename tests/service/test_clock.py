"""Business time: working hours of working days, China's holidays and 调休, the workspace's own
days, and around-the-clock targets."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pcrm.service.sla import official
from pcrm.service.sla.clock import BusinessCalendar, calendar_of

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def china(first: date = date(2026, 1, 1), last: date = date(2026, 12, 31)) -> BusinessCalendar:
    return calendar_of(
        "Asia/Shanghai",
        time(9),
        time(18),
        official.holidays(first, last),
        official.workdays(first, last),
    )


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        ("2026-11-30 10:00", 60, "2026-11-30 11:00"),  # Monday, inside the day
        ("2026-11-30 10:00", 9 * 60, "2026-12-01 10:00"),  # a working day later
        ("2026-11-30 07:30", 30, "2026-11-30 09:30"),  # before opening: from 09:00
        ("2026-11-30 19:00", 0, "2026-12-01 09:00"),  # after closing: the next opening
        ("2026-12-04 17:00", 120, "2026-12-07 10:00"),  # Friday → over the weekend
        ("2026-09-30 17:00", 240, "2026-10-08 12:00"),  # over National Day (Oct 1–7)
        ("2026-09-19 10:00", 60, "2026-09-20 10:00"),  # Saturday → Sunday 9/20 is worked (调休)
    ],
)
def test_working_minutes_end_where_the_calendar_says(start, minutes, due):
    assert china().add(at(start), minutes) == at(due)


def test_between_counts_only_working_minutes_and_is_the_inverse_of_add():
    cal = china()
    start = at("2026-09-30 17:00")

    assert cal.between(start, at("2026-10-08 12:00")) == 240
    assert cal.between(at("2026-12-05 10:00"), at("2026-12-06 16:00")) == 0  # a weekend
    assert cal.between(at("2026-12-01 12:00"), at("2026-12-01 11:00")) == 0
    for minutes in (1, 59, 540, 541, 3000):
        assert cal.between(start, cal.add(start, minutes)) == minutes


def test_around_the_clock_counts_every_minute():
    cal = china()

    assert cal.add(at("2026-10-01 23:30"), 240, around_the_clock=True) == at("2026-10-02 03:30")
    assert cal.between(at("2026-10-01 00:00"), at("2026-10-02 00:00"), around_the_clock=True) == (
        24 * 60
    )


def test_the_workspace_days_win_and_a_year_the_official_calendar_lacks_has_weekdays_only():
    own_holiday, own_workday = date(2026, 12, 31), date(2027, 1, 2)
    cal = calendar_of("Asia/Shanghai", time(9), time(18), {own_holiday}, {own_workday})

    assert not cal.is_working_day(own_holiday)
    assert cal.is_working_day(own_workday)  # a Saturday, worked
    assert cal.is_working_day(date(2027, 1, 4))
    assert 2027 not in official.known_years()
    # 2027 is not known yet: New Year's Day is a working Friday until the workspace enters it
    assert cal.add(at("2026-12-30 17:30"), 60) == at("2027-01-01 09:30")
