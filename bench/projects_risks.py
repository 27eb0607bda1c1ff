"""The cross-project risk map (issue 15: 1,000 projects and 20,000 risks, ≤ 200 ms of server
time). Run by hand, never as a test.

    uv run python bench/projects_risks.py --database-url sqlite:////tmp/pcrm-riskbench.sqlite3
    uv run python bench/projects_risks.py --database-url postgresql+psycopg://postgres@127.0.0.1/x

It creates a workspace (slug `riskbench`) with its users through the identity service, 100
accounts, 1,000 projects spread over the statuses and 20,000 risks (about 70 % open, random
probability and impact, every project manager), bulk-inserted with Core `insert()`; then it
times, in process and through the risks service (what the page and the API call), the map of
active and on-hold projects, the map of every project, the map of one manager's projects and
one cell's list, each `--repeat` times, and prints the median and the worst.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from pcrm.accounts.accounts.models import Account
from pcrm.core.db import make_engine, make_session_factory, refresh_statistics
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.public import operator_principal
from pcrm.projects.projects.models import Project
from pcrm.projects.risks import service
from pcrm.projects.risks.models import Risk
from pcrm.projects.risks.schemas import PortfolioFilter
from pcrm.projects.vocab import Phase, ProjectStatus

CATEGORIES = (
    "market",
    "competitor",
    "policy",
    "customer",
    "staff_turnover",
    "technical",
    "resources",
    "supplier",
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


def load(engine: Engine, slug: str, projects: int, risks: int, seed: int) -> list[int]:
    """The workspace, its accounts, projects and risks; returns the users' ids."""
    ctx = generate.create_workspace_and_users(engine, slug, 30)
    ws, users = ctx.workspace_id, ctx.user_ids
    rng = random.Random(seed)
    now = datetime.now(UTC)
    stamp = {"workspace_id": ws, "created_at": now, "updated_at": now, "version": 1}
    _batches(
        engine,
        Account.__table__,
        (
            stamp
            | {
                "name": f"风险基准客户{n:04d}有限公司",
                "sort_name": f"fengxian{n:04d}",
                "search_text": f"风险基准客户{n:04d}有限公司",
                "search_grams": "",
                "aliases": [],
                "tags": [],
                "lifecycle_stage": "execution",
                "status": "active",
                "owner_id": rng.choice(users),
            }
            for n in range(100)
        ),
    )
    with engine.connect() as conn:
        accounts = list(conn.scalars(select(Account.id).where(Account.workspace_id == ws)))
    statuses = list(ProjectStatus)
    _batches(
        engine,
        Project.__table__,
        (
            stamp
            | {
                "code": f"RSK-{n:05d}",
                "name": f"风险基准项目{n:05d}",
                "account_id": rng.choice(accounts),
                "manager_id": rng.choice(users),
                "currency": "CNY",
                "status": rng.choice(statuses).value,
                "phase": rng.choice(list(Phase)).value,
                "status_changed_at": now,
            }
            for n in range(projects)
        ),
    )
    with engine.connect() as conn:
        project_ids = list(conn.scalars(select(Project.id).where(Project.workspace_id == ws)))
    _batches(
        engine,
        Risk.__table__,
        (
            stamp
            | {
                "project_id": rng.choice(project_ids),
                "description": f"基准风险{n:05d}",
                "category": rng.choice(CATEGORIES),
                "probability": rng.randint(1, 5),
                "impact": rng.randint(1, 5),
                "response": "mitigate",
                "owner_id": rng.choice(users),
                "review_on": (now + timedelta(days=rng.randrange(1, 90))).date(),
                "status": "open" if rng.random() < 0.7 else "closed",
            }
            for n in range(risks)
        ),
    )
    return users


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workspace", default="riskbench")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--risks", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    upgrade(args.database_url)
    engine = make_engine(args.database_url)
    if make_url(args.database_url).get_backend_name() == "sqlite":
        event.listen(engine, "connect", generate._sqlite_load_pragmas)
    started = time.perf_counter()
    users = load(engine, args.workspace, args.projects, args.risks, args.seed)
    refresh_statistics(args.database_url)
    print(f"loaded in {time.perf_counter() - started:.1f} s")
    factory = make_session_factory(make_engine(args.database_url))
    install_tenant_guard(factory)
    with factory() as db:
        principal = operator_principal(db, args.workspace, f"owner01@{args.workspace}.example")
        running = PortfolioFilter(statuses=(ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD))
        cases: dict[str, Callable[[], object]] = {
            "map, active and on hold": lambda: service.portfolio_map(db, principal, running),
            "map, every project": lambda: service.portfolio_map(db, principal, PortfolioFilter()),
            "map, one manager": lambda: service.portfolio_map(
                db, principal, PortfolioFilter(manager_id=users[0])
            ),
            "cell 5×5, active and on hold": lambda: service.portfolio_cell(
                db, principal, running, 5, 5
            ),
        }
        open_count = service.portfolio_map(db, principal, PortfolioFilter()).open_count
        print(f"{args.projects} projects, {args.risks} risks ({open_count} open)")
        for name, run in cases.items():
            median, worst = timed(run, args.repeat)
            print(f"{name:32} median {median:7.1f} ms   worst {worst:7.1f} ms")


if __name__ == "__main__":
    main()
