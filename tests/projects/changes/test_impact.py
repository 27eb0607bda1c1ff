"""The schedule effect of an option (`projects/changes/impact.py`): working days, the links,
the summary tasks and the plan's end."""

from __future__ import annotations

from datetime import date

from pcrm.projects.changes.impact import PlannedTask, add_working_days, shift
from pcrm.projects.plan.schedule import Link

D = date


def test_working_days_skip_the_weekend_both_ways():
    friday = D(2027, 1, 8)

    assert add_working_days(friday, 1) == D(2027, 1, 11)
    assert add_working_days(friday, 5) == D(2027, 1, 15)
    assert add_working_days(D(2027, 1, 11), -1) == friday
    assert add_working_days(friday, 0) == friday


def test_a_delay_pushes_successors_through_lags_but_not_what_has_slack():
    tasks = [
        PlannedTask(1, D(2027, 1, 4), D(2027, 1, 8)),
        PlannedTask(2, D(2027, 1, 13), D(2027, 1, 15)),  # 2 days after 1, lag 2
        PlannedTask(3, D(2027, 1, 29), D(2027, 1, 29), milestone=True),  # slack before it
    ]
    links = [Link(1, 2, 2), Link(2, 3)]

    result = shift(tasks, links, [1], 3)

    moves = {m.task_id: (m.new_start, m.new_end) for m in result.moves}
    # 1 ends Wed 13th; 2 starts 2 days after its finish (Sat 16th) and keeps its 3 days;
    # the milestone on the 29th still comes after 2's new end (18th): it does not move
    assert moves == {1: (D(2027, 1, 4), D(2027, 1, 13)), 2: (D(2027, 1, 16), D(2027, 1, 18))}
    assert (result.old_end, result.new_end, result.end_days) == (D(2027, 1, 29), D(2027, 1, 29), 0)


def test_a_shorter_task_pulls_nothing_earlier_and_a_milestone_moves_itself():
    tasks = [
        PlannedTask(1, D(2027, 1, 4), D(2027, 1, 15)),
        PlannedTask(2, D(2027, 1, 18), D(2027, 1, 18), milestone=True),
    ]

    shorter = shift(tasks, [Link(1, 2)], [1], -5)
    moved_milestone = shift(tasks, [Link(1, 2)], [2], 2)

    assert [(m.task_id, m.new_end) for m in shorter.moves] == [(1, D(2027, 1, 8))]
    assert [(m.task_id, m.new_start, m.new_end) for m in moved_milestone.moves] == [
        (2, D(2027, 1, 20), D(2027, 1, 20))
    ]
    assert moved_milestone.end_days == 2


def test_a_summary_task_grows_over_its_subtasks_and_pushes_its_successor():
    tasks = [
        PlannedTask(1, D(2027, 1, 4), D(2027, 1, 15)),  # 系统实施, the summary
        PlannedTask(2, D(2027, 1, 4), D(2027, 1, 15), parent_id=1),
        PlannedTask(3, D(2027, 1, 18), D(2027, 1, 18), milestone=True),
    ]

    result = shift(tasks, [Link(1, 3)], [2], 5)

    moves = {m.task_id: m.new_end for m in result.moves}
    assert moves == {1: D(2027, 1, 22), 2: D(2027, 1, 22), 3: D(2027, 1, 23)}


def test_a_summary_linked_before_its_own_subtask_stops_growing():
    tasks = [
        PlannedTask(1, D(2027, 1, 4), D(2027, 1, 8)),
        PlannedTask(2, D(2027, 1, 11), D(2027, 1, 15), parent_id=1),
    ]

    result = shift(tasks, [Link(1, 2)], [2], 1)

    # one round per level of the breakdown: it ends, however odd the plan
    assert len(result.moves) == 2
