"""Benchmark of the opportunities list and pipeline board at 50,000 opportunities (issue 5:
≤ 100 ms server time). Run by hand, never as a test.

    DB=sqlite:////tmp/pcrm-oppbench.sqlite3
    uv run python bench/opportunities.py generate --database-url $DB
    uv run python bench/opportunities.py time --database-url $DB --repeat 30

`generate` creates a workspace (slug `oppbench`) with its users through the identity service,
2,000 accounts and 50,000 opportunities spread over the stages like a real pipeline (many
closed, fewer open), a third with a tender, all bulk-inserted with Core `insert()` (no audit
rows). `time` calls the service functions the pages and the API use, each in a fresh session
like a request, and prints p50/p95 wall and CPU time with the number of SQL statements.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate
from relationships import SqlClock, _percentile, _session_factory

from pcrm.accounts.accounts.models import Account
from pcrm.core.db import make_engine
from pcrm.core.migrate import upgrade
from pcrm.core.pagination import PageRequest
from pcrm.identity.principal import Principal
from pcrm.identity.public import operator_principal
from pcrm.identity.workspaces import repository as identity_repo
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.pipeline.schemas import OpportunityFilters
from pcrm.opportunities.tender.models import Tender
from pcrm.opportunities.vocab import DEFAULT_PROBABILITY, ProjectType, Stage

STAGE_MIX = (
    (Stage.POTENTIAL, 0.12),
    (Stage.BIDDING, 0.08),
    (Stage.EXECUTION, 0.1),
    (Stage.DELIVERED, 0.3),
    (Stage.LOST, 0.3),
    (Stage.ABANDONED, 0.1),
)


def _batches(engine: Engine, table: Any, rows: Iterator[dict[str, Any]], size: int = 5000) -> int:
    done, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            with engine.begin() as conn:
                conn.execute(insert(table), batch)
            done, batch = done + len(batch), []
    if batch:
        with engine.begin() as conn:
            conn.execute(insert(table), batch)
        done += len(batch)
    return done


def cmd_generate(args: argparse.Namespace) -> None:
    url = args.database_url
    started = time.perf_counter()
    upgrade(url)
    engine = make_engine(url)
    if make_url(url).get_backend_name() == "sqlite":
        event.listen(engine, "connect", generate._sqlite_load_pragmas)
    ctx = generate.create_workspace_and_users(engine, args.workspace, args.users)
    ws, users = ctx.workspace_id, ctx.user_ids
    rng = random.Random(args.seed)
    now = datetime.now(UTC)
    stamp = {"workspace_id": ws, "created_at": now, "updated_at": now, "version": 1}
    print(f"Loading {args.accounts:,} accounts …")
    _batches(
        engine,
        Account.__table__,
        (
            stamp
            | {
                "name": f"基准客户{n:05d}有限公司",
                "sort_name": f"jizhunkehu{n:05d}",
                "search_text": f"基准客户{n:05d}有限公司",
                "search_grams": "",
                "aliases": [],
                "tags": [],
                "lifecycle_stage": "potential",
                "status": "active",
                "owner_id": rng.choice(users),
            }
            for n in range(args.accounts)
        ),
    )
    with engine.connect() as conn:
        account_ids = list(
            conn.scalars(select(Account.id).where(Account.workspace_id == ws).order_by(Account.id))
        )
    print(f"Loading {args.opportunities:,} opportunities …")
    stages = [s for s, _ in STAGE_MIX]
    weights = [w for _, w in STAGE_MIX]
    today = datetime.now(UTC).date()

    def opportunities() -> Iterator[dict[str, Any]]:
        for n in range(args.opportunities):
            stage = rng.choices(stages, weights)[0]
            budget = Decimal(rng.randrange(300, 30_000)) * 1000
            open_ = stage in (Stage.POTENTIAL, Stage.BIDDING)
            close = today + timedelta(
                days=rng.randrange(-1500, 0) if not open_ else rng.randrange(-30, 240)
            )
            yield stamp | {
                "account_id": rng.choice(account_ids),
                "name": f"基准项目{n:06d}",
                "owner_id": rng.choice(users),
                "stage": stage.value,
                "probability": DEFAULT_PROBABILITY[stage],
                "probability_overridden": False,
                "expected_close_on": close,
                "project_type": rng.choice(list(ProjectType)).value,
                "triggers": [],
                "budget_amount": budget,
                "awarded_amount": budget * Decimal("0.93")
                if stage in (Stage.EXECUTION, Stage.DELIVERED)
                else None,
                "currency": "CNY",
                "closed_on": None if open_ else close,
            }

    _batches(engine, Opportunity.__table__, opportunities())
    with engine.connect() as conn:
        opp_ids = list(conn.scalars(select(Opportunity.id).where(Opportunity.workspace_id == ws)))
    tendered = rng.sample(opp_ids, len(opp_ids) // 3)
    _batches(
        engine,
        Tender.__table__,
        (
            stamp
            | {
                "opportunity_id": oid,
                "method": "open",
                "evaluation_method": "weighted",
                "price_formula": "lowest_ratio",
                "benchmark_discount": Decimal(0),
                "deduct_above": Decimal(1),
                "deduct_below": Decimal("0.5"),
            }
            for oid in tendered
        ),
    )
    generate.finish(engine, [])
    engine.dispose()
    print(f"Done in {time.perf_counter() - started:.1f}s.")


@contextmanager
def _request(factory: sessionmaker[Session], slug: str) -> Iterator[tuple[Session, Principal]]:
    with factory() as db:
        principal = operator_principal(db, slug, f"owner01@{slug}.example")
        yield db, principal
        db.rollback()


def scenarios(owner: int) -> dict[str, Callable[[Session, Principal], Any]]:
    page = PageRequest(1, 50)
    open_stages = (Stage.POTENTIAL, Stage.BIDDING)
    return {
        "list, default (expected close)": lambda db, p: service.list_opportunities(
            db, p, OpportunityFilters(), page
        ).model_dump_json(),
        "list, bidding by -budget": lambda db, p: service.list_opportunities(
            db, p, OpportunityFilters(stages=(Stage.BIDDING,)), page, "-budget_amount"
        ).model_dump_json(),
        "list, one owner, page 20": lambda db, p: service.list_opportunities(
            db, p, OpportunityFilters(owner_id=owner), PageRequest(20, 50)
        ).model_dump_json(),
        "list, name search 项目0123": lambda db, p: service.list_opportunities(
            db, p, OpportunityFilters(q="项目0123"), page
        ).model_dump_json(),
        "pipeline, all stages": lambda db, p: service.pipeline(
            db, p, OpportunityFilters(), tuple(Stage)
        ),
        "pipeline, open stages, one owner": lambda db, p: service.pipeline(
            db, p, OpportunityFilters(owner_id=owner), open_stages
        ),
    }


def cmd_time(args: argparse.Namespace) -> None:
    engine, factory = _session_factory(args.database_url)
    clock = SqlClock(engine)
    with factory() as db:
        workspace = identity_repo.workspace_by_slug(db, args.workspace)
        if workspace is None:
            sys.exit(f"error: no workspace {args.workspace!r}; run `generate` first")
        owner = operator_principal(db, args.workspace, f"owner01@{args.workspace}.example").user_id
    print(f"{engine.dialect.name}: {args.repeat} calls each after 2 warm-up calls (ms)")
    print(f"{'scenario':<36} {'p50':>7} {'p95':>7} {'max':>7} {'cpu p50':>8} {'SQL':>5}")
    for name, call in scenarios(owner).items():
        wall, cpu = [], []
        for i in range(args.repeat + 2):
            with _request(factory, args.workspace) as (db, principal):
                clock.reset()
                t0, c0 = time.perf_counter(), time.process_time()
                call(db, principal)
                t1, c1 = time.perf_counter(), time.process_time()
            if i >= 2:
                wall.append((t1 - t0) * 1000)
                cpu.append((c1 - c0) * 1000)
        print(
            f"{name:<36} {statistics.median(wall):7.1f} {_percentile(wall, 0.95):7.1f} "
            f"{max(wall):7.1f} {statistics.median(cpu):8.1f} {clock.statements:5d}"
        )
    engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", required=True)
    common.add_argument("--workspace", default="oppbench")
    gen = sub.add_parser("generate", parents=[common])
    gen.add_argument("--accounts", type=int, default=2000)
    gen.add_argument("--opportunities", type=int, default=50_000)
    gen.add_argument("--users", type=int, default=40)
    gen.add_argument("--seed", type=int, default=2026)
    timing = sub.add_parser("time", parents=[common])
    timing.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    {"generate": cmd_generate, "time": cmd_time}[args.command](args)


if __name__ == "__main__":
    main()
