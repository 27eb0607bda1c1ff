"""Times the Gantt endpoint's server work for one large project (issue 14: 2,000 tasks and
3,000 dependencies, Gantt data with the critical path in ≤ 150 ms). Run by hand, never as a test.

    uv run python bench/projects_gantt.py --database-url sqlite:////tmp/pcrm-gantt.sqlite3
    uv run python bench/projects_gantt.py --database-url postgresql+psycopg://.../pcrm_gantt

It creates a workspace (slug `ganttbench`) with its users, one account and one project, the
plan of bench/projects_schedule.py (2,000 tasks in four phases, 3,000 local finish-to-start
links) bulk-inserted with Core `insert()`, and an approved plan baseline holding every task.
Each run is what GET /api/v1/projects/{id}/gantt does between the request and the response
bytes: the queries, the schedule, the response's plain values and their JSON (gantt_json); the
HTTP stack is left out (bench/http_load.py's `projects_gantt` scenario times it with HTTP).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
from projects_schedule import make_plan

from pcrm.accounts.accounts.models import Account
from pcrm.core.db import make_engine, make_session_factory, unit_of_work
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.public import operator_principal
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.service import content_hash
from pcrm.projects.plan.gantt import service as gantt
from pcrm.projects.plan.models import PlanTask, TaskDependency
from pcrm.projects.projects.models import Project
from pcrm.projects.vocab import Phase


def seed(database_url: str, n_tasks: int, n_links: int) -> tuple[Engine, int]:
    """The workspace `ganttbench` with one project holding the generated plan and an approved
    plan baseline of every task; the engine and the project's id (also used by
    bench/projects_plan_tab.py)."""
    upgrade(database_url)
    engine = make_engine(database_url)
    if make_url(database_url).get_backend_name() == "sqlite":
        event.listen(engine, "connect", generate._sqlite_load_pragmas)
    ctx = generate.create_workspace_and_users(engine, "ganttbench", 3)
    ws = ctx.workspace_id
    now = datetime.now(UTC)
    stamp = {"workspace_id": ws, "created_at": now, "updated_at": now, "version": 1}
    tasks, links = make_plan(n_tasks, n_links)
    phases = list(Phase)
    with engine.begin() as conn:
        account = conn.execute(
            insert(Account.__table__).returning(Account.__table__.c.id),
            stamp
            | {
                "name": "甘特基准客户",
                "sort_name": "gantt",
                "search_text": "甘特基准客户",
                "search_grams": "",
                "aliases": [],
                "tags": [],
                "lifecycle_stage": "execution",
                "status": "active",
                "owner_id": ctx.user_ids[0],
            },
        ).scalar_one()
        project = conn.execute(
            insert(Project.__table__).returning(Project.__table__.c.id),
            stamp
            | {
                "code": "PRJ-GANTT-001",
                "name": "甘特图基准项目",
                "account_id": account,
                "currency": "CNY",
                "status": "active",
                "phase": "execution",
                "status_changed_at": now,
            },
        ).scalar_one()
        rows = [
            stamp
            | {
                "project_id": project,
                "name": f"任务{t.id:04d}",
                "phase": phases[min(3, (t.id - 1) * 4 // len(tasks))].value,
                "owner_id": ctx.user_ids[t.id % len(ctx.user_ids)],
                "start_on": t.start,
                "end_on": t.start if t.milestone else t.end,
                "progress": t.id % 101,
                "is_milestone": t.milestone,
            }
            for t in tasks
        ]
        conn.execute(insert(PlanTask.__table__), rows)
        ids = list(
            conn.scalars(
                select(PlanTask.id).where(PlanTask.project_id == project).order_by(PlanTask.id)
            )
        )
        conn.execute(
            insert(TaskDependency.__table__),
            [
                stamp
                | {
                    "project_id": project,
                    "predecessor_id": ids[link.predecessor - 1],
                    "successor_id": ids[link.successor - 1],
                    "lag_days": link.lag_days,
                }
                for link in links
            ],
        )
        content = {
            "tasks": [
                {
                    "id": ids[t.id - 1],
                    "start_on": t.start.isoformat(),
                    "end_on": (t.start if t.milestone else t.end).isoformat(),
                }
                for t in tasks
            ],
            "end_on": max(t.end for t in tasks).isoformat(),
        }
        conn.execute(
            insert(Baseline.__table__),
            stamp
            | {
                "project_id": project,
                "kind": "plan",
                "number": 1,
                "content": content,
                "content_hash": content_hash(content),
                "status": "approved",
                "sent_on": now.date(),
            },
        )
    return engine, project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--links", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    engine, project = seed(args.database_url, args.tasks, args.links)
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    # as the server does once it is set up (pcrm.main.create_app): what lives as long as the
    # process stays out of the garbage collector's full passes
    gc.freeze()
    times, cpu = [], []
    size = 0
    for _ in range(args.runs):
        with unit_of_work(factory) as db:
            principal = operator_principal(db, "ganttbench", "owner01@ganttbench.example")
            began, began_cpu = time.perf_counter(), time.process_time()
            body = gantt.gantt_json(db, principal, project)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            size = len(body)
    times.sort()
    cpu.sort()
    p95 = int(len(times) * 0.95) - 1
    print(
        f"{args.tasks} tasks, {args.links} links, {size / 1024:.0f} KiB of JSON, {args.runs} runs: "
        f"wall median {statistics.median(times):.1f} ms, p95 {times[p95]:.1f} ms; "
        f"CPU (this process, less sensitive to a shared machine's load) median "
        f"{statistics.median(cpu):.1f} ms, p95 {cpu[p95]:.1f} ms; load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
