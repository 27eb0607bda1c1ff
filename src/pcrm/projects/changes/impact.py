"""The schedule effect of a change option: its delay in working days lengthens the chosen
tasks, and the plan's own arithmetic (`plan/schedule.py`, the forward pass) carries it through
the finish-to-start links, so the tasks and milestones that move and the plan's new end come
out of the same rules as the Gantt. A summary task grows to cover its subtasks' new ends.

Pure functions over plain values: the option comparison, the approval and the benchmark of a
2,000-task plan use them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pcrm.projects.plan import schedule


def add_working_days(day: date, days: int) -> date:
    """`day` moved by `days` working days (Monday to Friday); a negative count goes back."""
    step = 1 if days >= 0 else -1
    left = abs(days)
    while left:
        day += timedelta(days=step)
        if day.weekday() < 5:
            left -= 1
    return day


@dataclass(frozen=True, slots=True)
class PlannedTask:
    id: int
    start: date
    end: date
    milestone: bool = False
    parent_id: int | None = None


@dataclass(frozen=True, slots=True)
class Move:
    task_id: int
    old_start: date
    old_end: date
    new_start: date
    new_end: date

    @property
    def days(self) -> int:
        """How many calendar days its end moves (> 0 later)."""
        return (self.new_end - self.old_end).days


@dataclass(frozen=True, slots=True)
class Shift:
    moves: list[Move]  # the tasks whose dates change, in the plan's order of ids
    old_end: date | None  # the plan's last day of work before and after
    new_end: date | None

    @property
    def end_days(self) -> int:
        if self.old_end is None or self.new_end is None:
            return 0
        return (self.new_end - self.old_end).days


def _lengthened(task: PlannedTask, days: int) -> PlannedTask:
    if task.milestone:
        moved = add_working_days(task.start, days)
        return PlannedTask(task.id, moved, moved, True, task.parent_id)
    end = max(task.start, add_working_days(task.end, days))
    return PlannedTask(task.id, task.start, end, False, task.parent_id)


def _depth(tasks: dict[int, PlannedTask]) -> int:
    """The levels of the work breakdown: 1 when no task has a parent."""
    levels: dict[int, int] = {}

    def level(task_id: int) -> int:
        seen = []
        at: int | None = task_id
        while at is not None and at in tasks and at not in levels and at not in seen:
            seen.append(at)
            at = tasks[at].parent_id
        base = levels.get(at, 0) if at is not None else 0
        for n, task in enumerate(reversed(seen), start=1):
            levels[task] = base + n
        return levels.get(task_id, base)

    return max((level(t) for t in tasks), default=0)


def shift(
    tasks: Sequence[PlannedTask],
    links: Iterable[schedule.Link],
    affected: Iterable[int],
    working_days: int,
) -> Shift:
    """The plan after lengthening each `affected` task by `working_days` (a milestone moves by
    as much), carried through the links by the forward pass; tasks are never pulled earlier
    than planned (a planned start is "start no earlier than")."""
    links = list(links)
    current = {t.id: t for t in tasks}
    wanted = set(affected)
    plan = {
        t.id: _lengthened(t, working_days) if t.id in wanted and working_days else t for t in tasks
    }
    children: dict[int, list[int]] = {}
    for t in tasks:
        if t.parent_id is not None and t.parent_id in current:
            children.setdefault(t.parent_id, []).append(t.id)
    dates: dict[int, tuple[date, date]] = {}
    # a summary task that grows may push its own successors: repeat until nothing grows, at
    # most once per level of the breakdown (a summary linked before its own subtasks would
    # grow for ever otherwise)
    for _ in range(_depth(current) + 1):
        computed = schedule.schedule(
            [schedule.Task(t.id, t.start, t.end, t.milestone) for t in plan.values()], links
        )
        dates = {}
        for t in plan.values():
            timing = computed.timings[t.id]
            start = computed.day(timing.early_start)
            end = start if t.milestone else computed.day(timing.early_finish - 1)
            dates[t.id] = (start, end)
        grown = False
        for parent, kids in children.items():
            cover = max(dates[k][1] for k in kids)
            if cover > dates[parent][1] and not plan[parent].milestone:
                p = plan[parent]
                extra = (cover - dates[parent][1]).days
                plan[parent] = PlannedTask(p.id, p.start, p.end + timedelta(days=extra), False,
                                           p.parent_id)  # fmt: skip
                grown = True
        if not grown:
            break
    moves = [
        Move(t.id, t.start, t.end, *dates[t.id])
        for t in sorted(tasks, key=lambda t: t.id)
        if dates[t.id] != (t.start, t.end)
    ]
    old_end = max((t.end for t in tasks), default=None)
    new_end = max((end for _, end in dates.values()), default=None)
    return Shift(moves, old_end, new_end)
