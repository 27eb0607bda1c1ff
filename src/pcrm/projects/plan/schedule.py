"""The arithmetic of a plan: order, cycles, early and late dates, float and the critical path.

Pure functions over plain values, so the same rules serve the task form, the Gantt drag, the API
and the baseline comparison, and the 2,000-task plan is computed in memory in one pass each way.

Time is counted in calendar days on half-open intervals: a task from 1 to 3 December starts on
day 0 and finishes at day 3 (the end of the 3rd); a milestone takes no time (start = finish).
A finish-to-start link with lag L lets the successor start L days after the predecessor
finishes; a negative lag (lead) lets it start before. A task's planned start is a "start no
earlier than" constraint: the forward pass never schedules it earlier than planned, so a plan
drawn with slack between two linked tasks keeps that slack as float on the predecessor.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple


# Task, Link and Timing are named tuples: immutable like frozen dataclasses, and built several
# times faster (a 2,000-task Gantt makes 7,000 of them per request; docs/performance.md).
class Task(NamedTuple):
    id: int
    start: date
    end: date  # the last day of work, inclusive (the form's and the Gantt's meaning)
    milestone: bool = False

    @property
    def days(self) -> int:
        return 0 if self.milestone else (self.end - self.start).days + 1


class Link(NamedTuple):
    predecessor: int
    successor: int
    lag_days: int = 0


class Timing(NamedTuple):
    """A task's dates in the schedule, as days from the plan's first start (half-open)."""

    early_start: int
    early_finish: int
    late_start: int
    late_finish: int

    @property
    def total_float(self) -> int:
        return self.late_start - self.early_start

    @property
    def critical(self) -> bool:
        return self.total_float <= 0


@dataclass(frozen=True, slots=True)
class Schedule:
    origin: date  # day 0
    timings: dict[int, Timing]
    critical_links: frozenset[tuple[int, int]]  # (predecessor, successor) pairs that drive
    finish: int  # the plan's early finish, in days from origin

    @property
    def critical_tasks(self) -> frozenset[int]:
        return frozenset(task for task, timing in self.timings.items() if timing.critical)

    def day(self, offset: int) -> date:
        return self.origin + timedelta(days=offset)

    def finish_date(self) -> date:
        """The last day of work of the plan (inclusive)."""
        return self.day(self.finish - 1) if self.finish > 0 else self.origin


class CycleError(ValueError):
    """The links loop back on themselves: `cycle` lists the task ids of one loop, in order."""

    def __init__(self, cycle: Sequence[int]) -> None:
        super().__init__(" → ".join(str(task) for task in (*cycle, cycle[0])))
        self.cycle = tuple(cycle)


class UnknownTaskError(ValueError):
    """A link names a task that is not in the plan (e.g. one of another project)."""

    def __init__(self, link: Link) -> None:
        super().__init__(f"{link.predecessor} → {link.successor}")
        self.link = link


def _graph(
    task_ids: Iterable[int], links: Iterable[Link]
) -> tuple[list[int], dict[int, list[Link]], dict[int, list[Link]]]:
    ids = list(task_ids)
    known = set(ids)
    outgoing: dict[int, list[Link]] = {task: [] for task in ids}
    incoming: dict[int, list[Link]] = {task: [] for task in ids}
    for link in links:
        if link.predecessor not in known or link.successor not in known:
            raise UnknownTaskError(link)
        outgoing[link.predecessor].append(link)
        incoming[link.successor].append(link)
    return ids, outgoing, incoming


def order(task_ids: Iterable[int], links: Iterable[Link]) -> list[int]:
    """The tasks with every predecessor before its successors (smallest id first among equals,
    so the order is stable); CycleError when the links loop."""
    ids, outgoing, incoming = _graph(task_ids, links)
    return _order(ids, outgoing, incoming)


def _order(
    ids: list[int], outgoing: dict[int, list[Link]], incoming: dict[int, list[Link]]
) -> list[int]:
    waiting = {task: len(incoming[task]) for task in ids}
    ready = [task for task in ids if waiting[task] == 0]
    heapq.heapify(ready)
    ordered: list[int] = []
    while ready:
        task = heapq.heappop(ready)
        ordered.append(task)
        for link in outgoing[task]:
            waiting[link.successor] -= 1
            if waiting[link.successor] == 0:
                heapq.heappush(ready, link.successor)
    if len(ordered) < len(ids):
        raise CycleError(_one_cycle({t for t in ids if waiting[t] > 0}, incoming))
    return ordered


def _one_cycle(stuck: set[int], incoming: dict[int, list[Link]]) -> list[int]:
    """A loop among the tasks that the ordering could not place. Each of them waits for a
    predecessor that is stuck too, so walking backwards must come back to a task already seen;
    the loop is returned in the links' direction."""
    predecessors = {
        task: min(link.predecessor for link in incoming[task] if link.predecessor in stuck)
        for task in stuck
    }
    path: list[int] = []
    seen: dict[int, int] = {}
    task = min(stuck)
    while task not in seen:
        seen[task] = len(path)
        path.append(task)
        task = predecessors[task]
    loop = path[seen[task] :]
    loop.reverse()
    return loop


def creates_cycle(task_ids: Iterable[int], links: Iterable[Link], new: Link) -> bool:
    """Would adding `new` make the links loop? (A link from a task to itself does.)"""
    if new.predecessor == new.successor:
        return True
    try:
        order(task_ids, [*links, new])
    except CycleError:
        return True
    return False


def schedule(
    tasks: Sequence[Task], links: Sequence[Link], deadline: date | None = None
) -> Schedule:
    """Forward and backward pass over the plan. The late dates count back from the deadline
    when one is given (a hard end-date constraint), else from the plan's early finish; with a
    deadline earlier than the plan can make, float is negative and those tasks are critical."""
    ids, outgoing, incoming = _graph((task.id for task in tasks), links)
    ordered = _order(ids, outgoing, incoming)
    origin = min((task.start for task in tasks), default=deadline or date.min)
    days = {task.id: task.days for task in tasks}
    planned = {task.id: (task.start - origin).days for task in tasks}
    early_start: dict[int, int] = {}
    early_finish: dict[int, int] = {}
    for task_id in ordered:
        start = planned[task_id]
        for link in incoming[task_id]:
            start = max(start, early_finish[link.predecessor] + link.lag_days)
        early_start[task_id] = start
        early_finish[task_id] = start + days[task_id]
    finish = max(early_finish.values(), default=0)
    end = finish if deadline is None else (deadline - origin).days + 1
    late_start: dict[int, int] = {}
    timings: dict[int, Timing] = {}
    for task_id in reversed(ordered):
        late_finish = end
        for link in outgoing[task_id]:
            late_finish = min(late_finish, late_start[link.successor] - link.lag_days)
        late_start[task_id] = late_finish - days[task_id]
        timings[task_id] = Timing(
            early_start[task_id], early_finish[task_id], late_start[task_id], late_finish
        )
    critical = {task_id for task_id, timing in timings.items() if timing.critical}
    driving = frozenset(
        (link.predecessor, link.successor)
        for link in links
        if link.predecessor in critical
        and link.successor in critical
        and early_finish[link.predecessor] + link.lag_days == early_start[link.successor]
    )
    return Schedule(origin, timings, driving, finish)


def broken_links(tasks: Sequence[Task], links: Sequence[Link]) -> list[Link]:
    """Links whose planned dates don't respect them: the successor is planned to start before
    the predecessor's finish plus the lag. The form refuses such dates; the Gantt shows them."""
    by_id = {task.id: task for task in tasks}
    broken = []
    for link in links:
        before, after = by_id[link.predecessor], by_id[link.successor]
        finish = before.start + timedelta(days=before.days)
        if after.start < finish + timedelta(days=link.lag_days):
            broken.append(link)
    return broken
