"""The plan's arithmetic: ordering, cycles, float, the critical path and broken links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pcrm.projects.plan.schedule import (
    CycleError,
    Link,
    Task,
    UnknownTaskError,
    broken_links,
    creates_cycle,
    order,
    schedule,
)

D = date(2026, 12, 1)


def task(id: int, start: int, days: int, milestone: bool = False) -> Task:
    first = D + timedelta(days=start)
    return Task(id, first, first + timedelta(days=max(days, 1) - 1), milestone)


def test_order_puts_predecessors_first_and_is_stable():
    links = [Link(3, 1), Link(2, 1)]
    assert order([1, 2, 3, 4], links) == [2, 3, 1, 4]


def test_a_cycle_is_refused_with_the_loop_in_link_order():
    links = [Link(1, 2), Link(2, 3), Link(3, 1), Link(3, 4)]
    with pytest.raises(CycleError) as raised:
        order([1, 2, 3, 4], links)
    cycle = raised.value.cycle
    assert sorted(cycle) == [1, 2, 3]
    # each task in the loop is followed by its successor
    assert all(Link(a, b) in links for a, b in zip(cycle, (*cycle[1:], cycle[0]), strict=True))


def test_a_cycle_behind_a_stuck_task_without_successors_is_still_found():
    # 5 waits for the loop 2 ⇄ 3 but leads nowhere itself
    with pytest.raises(CycleError) as raised:
        order([1, 2, 3, 5], [Link(1, 2), Link(2, 3), Link(3, 2), Link(3, 5)])
    assert sorted(raised.value.cycle) == [2, 3]


def test_creates_cycle_detects_a_new_link_that_closes_a_loop():
    links = [Link(1, 2), Link(2, 3)]
    assert creates_cycle([1, 2, 3], links, Link(3, 1))
    assert creates_cycle([1, 2, 3], links, Link(2, 2))
    assert not creates_cycle([1, 2, 3], links, Link(1, 3))


def test_a_link_to_a_task_outside_the_plan_is_refused():
    with pytest.raises(UnknownTaskError):
        schedule([task(1, 0, 2)], [Link(1, 99)])


def test_the_critical_path_runs_through_the_longest_chain():
    # 1 (3 d) → 2 (5 d) → 4 (2 d);  1 → 3 (2 d) → 4: 3 has 3 days of float
    tasks = [task(1, 0, 3), task(2, 3, 5), task(3, 3, 2), task(4, 8, 2)]
    links = [Link(1, 2), Link(1, 3), Link(2, 4), Link(3, 4)]
    plan = schedule(tasks, links)
    assert plan.critical_tasks == {1, 2, 4}
    assert plan.timings[3].total_float == 3
    assert plan.critical_links == {(1, 2), (2, 4)}
    assert plan.finish == 10
    assert plan.finish_date() == date(2026, 12, 10)


def test_lag_delays_and_lead_overlaps_the_successor():
    lagged = schedule([task(1, 0, 2), task(2, 0, 2)], [Link(1, 2, lag_days=3)])
    assert lagged.timings[2].early_start == 5
    lead = schedule([task(1, 0, 4), task(2, 0, 2)], [Link(1, 2, lag_days=-2)])
    assert lead.timings[2].early_start == 2
    assert lead.critical_tasks == {1, 2}


def test_a_planned_start_is_kept_and_leaves_float_on_the_predecessor():
    # 2 is planned to start on day 6 though 1 finishes at day 2: 1 may slip 4 days
    plan = schedule([task(1, 0, 2), task(2, 6, 2)], [Link(1, 2)])
    assert plan.timings[2].early_start == 6
    assert plan.timings[1].total_float == 4
    assert plan.critical_tasks == {2}


def test_a_milestone_takes_no_time():
    plan = schedule([task(1, 0, 3), task(2, 0, 0, milestone=True)], [Link(1, 2)])
    assert plan.timings[2].early_start == plan.timings[2].early_finish == 3
    assert plan.critical_tasks == {1, 2}


def test_a_deadline_before_the_plan_can_finish_gives_negative_float():
    tasks = [task(1, 0, 5), task(2, 5, 5), task(3, 0, 2)]
    plan = schedule(tasks, [Link(1, 2)], deadline=D + timedelta(days=7))
    assert plan.timings[1].total_float == -2
    assert plan.timings[2].total_float == -2
    assert plan.timings[3].total_float == 6
    assert plan.critical_tasks == {1, 2}


def test_unlinked_tasks_float_up_to_the_plan_finish():
    plan = schedule([task(1, 0, 10), task(2, 0, 4)], [])
    assert plan.timings[2].total_float == 6
    assert plan.critical_tasks == {1}
    assert schedule([], []).timings == {}


def test_broken_links_are_those_whose_dates_ignore_the_link():
    tasks = [task(1, 0, 3), task(2, 2, 2), task(3, 3, 1), task(4, 4, 1)]
    links = [Link(1, 2), Link(1, 3), Link(1, 4, lag_days=2)]
    assert broken_links(tasks, links) == [Link(1, 2), Link(1, 4, lag_days=2)]
