"""Benchmark data for the project list (issue 14: 10,000 projects, p95 ≤ 50 ms at concurrency 8
on SQLite). Run by hand, never as a test.

    DB=sqlite:////tmp/pcrm-projbench.sqlite3
    uv run python bench/projects.py --database-url $DB
    PCRM_DATABASE_URL=$DB uv run pcrm serve --port 8124 &
    TOKEN=$(PCRM_DATABASE_URL=$DB uv run pcrm create-token --workspace projbench \\
        --email owner01@projbench.example --name bench | tail -1)
    uv run python bench/http_load.py --base-url http://127.0.0.1:8124 --token $TOKEN \\
        --concurrency 8 --duration 20 --scenarios projects_list,projects_filtered,projects_board

`--compare-plans` (on a database loaded before) times only the list's first statement in the
default order (the page of ids, most recently changed first) with `ix_projects_recent` and with
the plan SQLite chose before that index (the workspace index, then a sort of all 10,000 rows),
and prints SQLite's plan of each:

    uv run python bench/projects.py --database-url $DB --compare-plans

It creates a workspace (slug `projbench`) with its users through the identity service, 1,000
accounts and 10,000 projects spread over the statuses and phases like a real portfolio, with
managers, budgets and dates, bulk-inserted with Core `insert()` (no audit rows).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from pcrm.accounts.accounts.models import Account
from pcrm.core.db import make_engine
from pcrm.core.migrate import upgrade
from pcrm.projects.projects.models import Project
from pcrm.projects.vocab import Phase, ProjectStatus

STATUS_MIX = (
    (ProjectStatus.DRAFT, 0.08),
    (ProjectStatus.ACTIVE, 0.3),
    (ProjectStatus.ON_HOLD, 0.05),
    (ProjectStatus.CLOSED, 0.17),
    (ProjectStatus.ARCHIVED, 0.37),
    (ProjectStatus.TERMINATED, 0.03),
)


def _batches(engine: Engine, table: Any, rows: Iterator[dict[str, Any]], size: int = 5000) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            with engine.begin() as conn:
                conn.execute(insert(table), batch)
            batch = []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(table), batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workspace", default="projbench")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--compare-plans", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.compare_plans:
        compare_plans(args.database_url, args.workspace)
        return
    upgrade(args.database_url)
    engine = make_engine(args.database_url)
    if make_url(args.database_url).get_backend_name() == "sqlite":
        event.listen(engine, "connect", generate._sqlite_load_pragmas)
    ctx = generate.create_workspace_and_users(engine, args.workspace, args.users)
    ws, users = ctx.workspace_id, ctx.user_ids
    rng = random.Random(args.seed)
    now = datetime.now(UTC)
    stamp = {"workspace_id": ws, "created_at": now, "version": 1}
    _batches(
        engine,
        Account.__table__,
        (
            stamp
            | {
                "updated_at": now,
                "name": f"基准客户{n:05d}有限公司",
                "sort_name": f"jizhunkehu{n:05d}",
                "search_text": f"基准客户{n:05d}有限公司",
                "search_grams": "",
                "aliases": [],
                "tags": [],
                "lifecycle_stage": "execution",
                "status": "active",
                "owner_id": rng.choice(users),
            }
            for n in range(args.accounts)
        ),
    )
    with engine.connect() as conn:
        accounts = list(conn.scalars(select(Account.id).where(Account.workspace_id == ws)))
    statuses = [s for s, _ in STATUS_MIX]
    weights = [w for _, w in STATUS_MIX]
    today = now.date()

    def projects() -> Iterator[dict[str, Any]]:
        for n in range(args.projects):
            status = rng.choices(statuses, weights)[0]
            start = today - timedelta(days=rng.randrange(0, 1800))
            yield stamp | {
                "updated_at": now - timedelta(minutes=rng.randrange(0, 500_000)),
                "code": f"PRJ-{start.year}-{n:05d}",
                "name": f"基准项目{n:05d}建设工程",
                "account_id": rng.choice(accounts),
                "manager_id": rng.choice(users),
                "budget_amount": Decimal(rng.randrange(100, 30_000)) * 1000,
                "currency": "CNY",
                "start_on": start,
                "end_on": start + timedelta(days=rng.randrange(60, 720)),
                "status": status.value,
                "phase": rng.choice(list(Phase)).value,
                "status_changed_at": now,
            }

    _batches(engine, Project.__table__, projects())
    generate.finish(engine, [])
    engine.dispose()
    print(f"{args.projects:,} projects in {time.perf_counter() - started:.1f}s.")


PAGE_IDS = (
    "SELECT projects.id FROM projects {hint} WHERE projects.workspace_id = ? "
    "ORDER BY projects.updated_at DESC, projects.id DESC LIMIT 50 OFFSET ?"
)
PLANS = (
    ("before: ix_projects_workspace_id, then a sort", "INDEXED BY ix_projects_workspace_id"),
    ("now: ix_projects_recent", "INDEXED BY ix_projects_recent"),
)


def compare_plans(database_url: str, slug: str, runs: int = 400) -> None:
    """p50/p95 of the default order's page-of-ids statement (pages 1-20) under each plan."""
    import sqlite3

    path = make_url(database_url).database
    if not path:
        raise SystemExit("--compare-plans needs a SQLite file")
    connection = sqlite3.connect(path)
    row = connection.execute("SELECT id FROM workspaces WHERE slug = ?", (slug,)).fetchone()
    workspace = row[0]
    for label, hint in PLANS:
        query = PAGE_IDS.format(hint=hint)
        plan = connection.execute(f"EXPLAIN QUERY PLAN {query}", (workspace, 0)).fetchall()
        times = []
        for n in range(runs):
            started = time.perf_counter()
            connection.execute(query, (workspace, (n % 20) * 50)).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p50, p95 = times[runs // 2], times[int(runs * 0.95)]
        print(f"{label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms; plan: {[p[-1] for p in plan]}")


if __name__ == "__main__":
    main()
