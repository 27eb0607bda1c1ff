"""Times the plan arithmetic (order, forward/backward pass, critical path) of a large project.

    uv run python bench/projects_schedule.py                 # 2,000 tasks, 3,000 links
    uv run python bench/projects_schedule.py --tasks 10000 --links 15000

The issue's target is the Gantt data with the critical path for 2,000 tasks and 3,000 links in
≤ 150 ms of server time; this measures the in-memory part of it (loading the rows is the
repository's, measured with the Gantt endpoint). Seeded: the same sizes give the same plan.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from pcrm.projects.plan.schedule import Link, Task, schedule


def make_plan(tasks: int, links: int, seed: int = 7) -> tuple[list[Task], list[Link]]:
    rng = random.Random(seed)
    start = date(2027, 1, 4)
    plan = []
    for task_id in range(1, tasks + 1):
        first = start + timedelta(days=rng.randrange(0, 400))
        plan.append(
            Task(
                task_id,
                first,
                first + timedelta(days=rng.randrange(0, 20)),
                milestone=rng.random() < 0.05,
            )
        )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < links:
        a, b = sorted(rng.sample(range(1, tasks + 1), 2))
        if b - a <= 200:  # links stay local, as in a WBS: a long chain, not a random mesh
            pairs.add((a, b))
    return plan, [Link(a, b, rng.choice((0, 0, 0, 1, 2, -1))) for a, b in sorted(pairs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--links", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    tasks, links = make_plan(args.tasks, args.links)
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        result = schedule(tasks, links)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    print(
        f"{args.tasks} tasks, {args.links} links: critical {len(result.critical_tasks)} tasks, "
        f"{len(result.critical_links)} links; median {statistics.median(times):.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms "
        f"over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
