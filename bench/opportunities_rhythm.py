"""Benchmark of a customer's tender rhythm (项目关键时点). Run by hand, never as a test.

    uv run python bench/opportunities_rhythm.py --database-url sqlite:////tmp/pcrm-rhythm.sqlite3
    uv run python bench/opportunities_rhythm.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/pcrm_rhythm_bench

The issue's target: the rhythm of an account with 200 past tenders within 50 ms of server time.
On a fresh database (migrated here) this builds, in workspace `rhythmbench` (one per database):

- the workspace and its users through the identity service (`bench/generate.py`'s
  `create_workspace_and_users`), and accounts through the accounts service: the measured one,
  节奏基准市政务服务中心 (government), and `--others` (30) other government accounts;
- for the measured account `--tenders` (200) opportunities, each with its tender: RFPs spread
  over the last ten years, most of them in March, April and September, awards 20–90 days and
  contracts 7–40 days later, 80 % weighted scoring with a sheet of five items (技术 with two
  sub-items, 商务, 价格); for each other account 40 more of the same;
- bulk-inserted with Core `insert()` (no audit rows), in the same way as bench/relationships.py.

It then calls `pcrm.opportunities.insights.service.account_rhythm` (and `ownership_rhythm` for all
government accounts) `--repeat` (30) times after 2 warm-up calls, each in a fresh session like a
request, also serialising the result to JSON as the API does, and prints p50/p95 with the number
of SQL statements.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.public import Ownership
from pcrm.core.audit import install_audit_hooks, set_actor
from pcrm.core.db import make_engine, make_session_factory, unit_of_work
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.principal import Principal
from pcrm.identity.public import operator_principal
from pcrm.identity.workspaces import repository as identity_repo
from pcrm.opportunities.insights import service as insights
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.tender.models import ScoringItem, Tender

SLUG = "rhythmbench"
MEASURED = "节奏基准市政务服务中心"
OWNER = f"owner01@{SLUG}.example"
TODAY = date(2026, 11, 22)
# Months a government customer tends to publish in (weights per calendar month).
MONTH_WEIGHTS = (1, 1, 6, 5, 2, 2, 1, 1, 4, 2, 1, 1)
MAX_REPEAT = 500


@contextmanager
def _session(factory: sessionmaker[Session]) -> Iterator[tuple[Session, Principal]]:
    with factory() as db:
        principal = operator_principal(db, SLUG, OWNER)
        yield db, principal
        db.rollback()


def _accounts(factory: sessionmaker[Session], others: int) -> list[int]:
    """The measured account first, then the others; through the accounts service."""
    ids = []
    with unit_of_work(factory) as db:
        set_actor(db, None, "bench opportunities_rhythm")
        principal = operator_principal(db, SLUG, OWNER)
        for n in range(others + 1):
            name = MEASURED if n == 0 else f"节奏基准区县单位{n:03d}"
            account = account_service.create_account(
                db, principal, AccountCreate(name=name, ownership="government")
            )
            ids.append(account.id)
    return ids


def _tender_rows(rng: random.Random, count: int) -> list[dict[str, Any]]:
    rows = []
    months = list(range(1, 13))
    for _ in range(count):
        year = TODAY.year - 1 - rng.randrange(10)
        month = rng.choices(months, MONTH_WEIGHTS)[0]
        rfp = date(year, month, rng.randint(1, 28))
        award = rfp + timedelta(days=rng.randint(20, 90))
        contract = award + timedelta(days=rng.randint(7, 40))
        weighted = rng.random() < 0.8
        rows.append(
            {
                "method": rng.choice(("open", "open", "open", "invited", "consultation")),
                "evaluation_method": "weighted" if weighted else "lowest_price",
                "rfp_published_on": rfp,
                "award_announced_on": award,
                "contract_signed_on": contract if contract <= TODAY else None,
            }
        )
    return rows


def _load(engine: Engine, workspace_id: int, account_ids: list[int], tenders: int) -> int:
    """Opportunities with their tenders and scoring sheets; the number of tenders."""
    rng = random.Random("rhythmbench")
    now = datetime(2026, 11, 22, tzinfo=UTC)
    stamp = {"workspace_id": workspace_id, "created_at": now, "updated_at": now}
    plan = [(account_ids[0], tenders)] + [(a, 40) for a in account_ids[1:]]
    done = 0
    with engine.begin() as conn:
        for account_id, count in plan:
            specs = _tender_rows(rng, count)
            conn.execute(
                insert(Opportunity.__table__),
                [
                    {**stamp, "account_id": account_id, "name": f"节奏基准项目{account_id}-{i:03d}",
                     "stage": "delivered", "probability": 100, "probability_overridden": False,
                     "project_type": "new", "triggers": [], "currency": "CNY",
                     "closed_on": s["award_announced_on"], "version": 1}
                    for i, s in enumerate(specs)
                ],
            )  # fmt: skip
            opportunity_ids = list(
                conn.scalars(
                    select(Opportunity.id)
                    .where(Opportunity.workspace_id == workspace_id)
                    .where(Opportunity.account_id == account_id)
                    .order_by(Opportunity.id)
                )
            )
            conn.execute(
                insert(Tender.__table__),
                [
                    {**stamp, **s, "opportunity_id": oid, "price_formula": "lowest_ratio",
                     "benchmark_discount": Decimal(0), "deduct_above": Decimal(1),
                     "deduct_below": Decimal("0.5"), "version": 1}
                    for oid, s in zip(opportunity_ids, specs, strict=True)
                ],
            )  # fmt: skip
            weighted = list(
                conn.scalars(
                    select(Tender.id)
                    .join(Opportunity, Opportunity.id == Tender.opportunity_id)
                    .where(Opportunity.account_id == account_id)
                    .where(Tender.evaluation_method == "weighted")
                    .order_by(Tender.id)
                )
            )
            tops = []
            for tender_id in weighted:
                price = rng.choice((10, 15, 20, 25, 30))
                technical = rng.choice((40, 50, 60))
                for position, (name, weight, is_price) in enumerate(
                    (("技术", technical, False), ("商务", 100 - technical - price, False),
                     ("价格", price, True)),
                    start=1,
                ):  # fmt: skip
                    tops.append(
                        {**stamp, "tender_id": tender_id, "parent_id": None, "position": position,
                         "name": name, "weight": Decimal(weight), "is_price": is_price}
                    )  # fmt: skip
            conn.execute(insert(ScoringItem.__table__), tops)
            technical_items = conn.execute(
                select(ScoringItem.id, ScoringItem.tender_id, ScoringItem.weight)
                .where(ScoringItem.tender_id.in_(weighted))
                .where(ScoringItem.name == "技术")
            ).all()
            conn.execute(
                insert(ScoringItem.__table__),
                [
                    {**stamp, "tender_id": tender_id, "parent_id": item_id, "position": 10 + k,
                     "name": name, "weight": share, "is_price": False}
                    for item_id, tender_id, weight in technical_items
                    for k, (name, share) in enumerate(
                        (("方案", weight - 10), ("团队", Decimal(10)))
                    )
                ],
            )  # fmt: skip
            done += count
    return done


def _generate(engine: Engine, factory: sessionmaker[Session], tenders: int, others: int) -> None:
    print(f"Creating workspace {SLUG!r}, its users and {others + 1} government accounts …")
    ctx = generate.create_workspace_and_users(engine, SLUG, 3)
    account_ids = _accounts(factory, others)
    started = time.perf_counter()
    loaded = _load(engine, ctx.workspace_id, account_ids, tenders)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    print(f"Loaded {loaded:,} tenders in {time.perf_counter() - started:.1f}s.")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _time(
    engine: Engine, factory: sessionmaker[Session], repeat: int
) -> list[tuple[str, float, float, int, str]]:
    statements = [0]

    def count(*_args: Any) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    with factory() as db:
        workspace = identity_repo.workspace_by_slug(db, SLUG)
        measured = workspace and db.scalar(
            select(Account.id).where(Account.workspace_id == workspace.id, Account.name == MEASURED)
        )
    if not measured:
        sys.exit(f"error: no account {MEASURED!r} in workspace {SLUG!r}")
    scenarios: dict[str, Callable[[Session, Principal], Any]] = {
        "account_rhythm": lambda db, p: insights.account_rhythm(db, p, measured),
        "account_rhythm + JSON": lambda db, p: insights.account_rhythm(
            db, p, measured
        ).model_dump_json(),
        "ownership_rhythm (government)": lambda db, p: insights.ownership_rhythm(
            db, p, Ownership.GOVERNMENT
        ),
    }
    results = []
    for name, call in scenarios.items():
        wall = []
        size = ""
        for i in range(repeat + 2):
            with _session(factory) as (db, principal):
                statements[0] = 0
                t0 = time.perf_counter()
                result = call(db, principal)
                elapsed = (time.perf_counter() - t0) * 1000
            if i >= 2:
                wall.append(elapsed)
            if isinstance(result, str):
                size = f"{len(result) // 1024} KiB"
            else:
                size = f"{result.tender_count} tenders"
        results.append(
            (name, statistics.median(wall), _percentile(wall, 0.95), statements[0], size)
        )
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/pcrm-rhythm-bench.sqlite3")
    parser.add_argument("--tenders", type=int, default=200)
    parser.add_argument("--others", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    url = args.database_url
    print(f"Migrating {make_url(url).render_as_string(hide_password=True)} …")
    upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    install_audit_hooks(factory)
    with factory() as db:
        exists = identity_repo.workspace_by_slug(db, SLUG) is not None
    if not exists:
        _generate(engine, factory, args.tenders, args.others)
    repeat = max(1, min(args.repeat, MAX_REPEAT))
    print(f"{engine.dialect.name}: {repeat} calls each after 2 warm-up calls (ms)")
    print(f"{'scenario':<32} {'p50':>7} {'p95':>7} {'SQL':>5} {'result':>14}")
    for name, p50, p95, count, size in _time(engine, factory, repeat):
        print(f"{name:<32} {p50:7.2f} {p95:7.2f} {count:5d} {size:>14}")
    engine.dispose()


if __name__ == "__main__":
    main()
