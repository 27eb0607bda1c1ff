"""Business time: which days are working days, and how many working minutes lie between two
instants or where a number of them ends.

A day is a working day when the workspace marked it one (调休, an adjusted working day),
otherwise not when it is a holiday (the official calendar or the workspace's own), otherwise
when it is Monday to Friday. Working time is [day_start, day_end) of a working day in the
workspace's time zone. An around-the-clock target (7×24, usual for P1 faults) counts every
minute instead. Pure functions: no database, no clock of their own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = frozenset(range(5))  # Monday (0) to Friday (4)
MINUTE = timedelta(minutes=1)
# a target longer than this many calendar days cannot be met (nor asked: at most 60 working
# days are accepted); the walk stops there instead of looping
_HORIZON_DAYS = 400


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    tz: ZoneInfo
    day_start: time = time(9, 0)
    day_end: time = time(18, 0)
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)  # adjusted working days

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() in WEEKDAYS

    @property
    def minutes_a_day(self) -> int:
        start = self.day_start.hour * 60 + self.day_start.minute
        end = self.day_end.hour * 60 + self.day_end.minute
        return end - start

    def _window(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.day_start, tzinfo=self.tz),
            datetime.combine(day, self.day_end, tzinfo=self.tz),
        )

    def add(self, start: datetime, minutes: int, *, around_the_clock: bool = False) -> datetime:
        """Where `minutes` of working time counted from `start` end (an aware instant in the
        calendar's time zone). Zero minutes from outside working hours is the next opening."""
        if around_the_clock:
            return (start + minutes * MINUTE).astimezone(self.tz)
        local = start.astimezone(self.tz)
        day = local.date()
        left = minutes
        for _ in range(_HORIZON_DAYS):
            if self.is_working_day(day):
                opens, closes = self._window(day)
                begin = max(opens, local)
                if begin < closes:
                    available = int((closes - begin) / MINUTE)
                    if left <= available:
                        return begin + left * MINUTE
                    left -= available
            day += timedelta(days=1)
        raise ValueError("the target reaches beyond the calendar's horizon")

    def between(self, start: datetime, end: datetime, *, around_the_clock: bool = False) -> int:
        """Working minutes from `start` to `end` (0 when `end` is not after `start`)."""
        if end <= start:
            return 0
        if around_the_clock:
            return int((end - start) / MINUTE)
        first, last = start.astimezone(self.tz), end.astimezone(self.tz)
        total = 0
        day = first.date()
        while day <= last.date():
            if self.is_working_day(day):
                opens, closes = self._window(day)
                begin, finish = max(opens, first), min(closes, last)
                if finish > begin:
                    total += int((finish - begin) / MINUTE)
            day += timedelta(days=1)
        return total


def calendar_of(
    tz: str,
    day_start: time,
    day_end: time,
    holidays: Iterable[date] = (),
    workdays: Iterable[date] = (),
) -> BusinessCalendar:
    return BusinessCalendar(
        ZoneInfo(tz), day_start, day_end, frozenset(holidays), frozenset(workdays)
    )
