"""The workload arithmetic (pure): each person's allocation per week, summed across the
projects whose membership period overlaps that week."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Allocation:
    """A membership as the workload sees it: open ends already replaced by the project's
    dates, or None when neither says."""

    user_id: int
    project_id: int
    allocation: int
    starts_on: date | None
    ends_on: date | None


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_starts(first: date, weeks: int) -> list[date]:
    start = monday(first)
    return [start + timedelta(weeks=n) for n in range(weeks)]


def overlaps(a: Allocation, week: date) -> bool:
    week_end = week + timedelta(days=6)
    return (a.starts_on is None or a.starts_on <= week_end) and (
        a.ends_on is None or a.ends_on >= week
    )


def per_week(allocations: Iterable[Allocation], weeks: list[date]) -> dict[int, list[int]]:
    """user → allocation % per week."""
    totals: dict[int, list[int]] = {}
    for a in allocations:
        row = totals.setdefault(a.user_id, [0] * len(weeks))
        for n, week in enumerate(weeks):
            if overlaps(a, week):
                row[n] += a.allocation
    return totals
