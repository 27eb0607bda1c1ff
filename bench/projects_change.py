"""Times the schedule Δ of a change option over a large plan: the option lengthens some of the
affected tasks by a number of working days and `projects/changes/impact.py` carries that
through the links with `projects/plan/schedule.py`'s forward pass, giving the tasks and
milestones that move and the plan's new end (what the change page shows per option).

    uv run python bench/projects_change.py                   # 2,000 tasks, 3,000 links
    uv run python bench/projects_change.py --chain            # every task after the one before
    uv run python bench/projects_change.py --tasks 10000 --links 15000 --runs 10

The issue's target is ≤ 100 ms for 2,000 tasks. The plan is `projects_schedule.py`'s seeded
one, its planned starts first put where the links allow (as the plan's forms keep them), so
that only the option moves tasks. The machine's speed (bench/README.md's loop) is printed
before and after: on a loaded machine compare medians, scaled by it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta

from projects_schedule import make_plan

from pcrm.projects.changes.impact import PlannedTask, shift
from pcrm.projects.plan.schedule import Link, schedule


def machine_speed() -> float:
    """Seconds of a fixed 10-million-step loop (0.21–0.25 s on the quiet dev VM)."""
    began = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.perf_counter() - began


def feasible_plan(tasks: int, links: int, chain: bool) -> tuple[list[PlannedTask], list[Link]]:
    raw, arrows = make_plan(tasks, links)
    if chain:  # every task also follows the one before it: a delay at the start moves all
        known = {(a.predecessor, a.successor) for a in arrows}
        arrows += [Link(n, n + 1) for n in range(1, tasks) if (n, n + 1) not in known]
    timed = schedule(raw, arrows)
    plan = []
    for task in raw:
        timing = timed.timings[task.id]
        start = timed.day(timing.early_start)
        end = start + timedelta(days=max(task.days - 1, 0))
        plan.append(PlannedTask(task.id, start, end, task.milestone))
    return plan, arrows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--links", type=int, default=3000)
    parser.add_argument("--affected", type=int, default=5, help="tasks the option lengthens")
    parser.add_argument("--days", type=int, default=10, help="working days of the option")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--chain", action="store_true", help="link every task to the next (the worst case)"
    )
    args = parser.parse_args()
    plan, links = feasible_plan(args.tasks, args.links, args.chain)
    affected = [t.id for t in plan[: args.affected * 20 : 20]]
    print(f"machine speed before: {machine_speed():.2f} s")
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        result = shift(plan, links, affected, args.days)
        times.append((time.perf_counter() - began) * 1000)
    print(f"machine speed after: {machine_speed():.2f} s")
    times.sort()
    print(
        f"{args.tasks} tasks, {args.links} links, {len(affected)} tasks +{args.days} working "
        f"days: {len(result.moves)} tasks move, end +{result.end_days} days; median "
        f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
        f"max {times[-1]:.1f} ms over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
