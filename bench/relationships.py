"""Benchmark of the people-relationship line: the account graph, the path to a person and the
closeness analysis, in-process and over HTTP. Run by hand, never as a test.

    DB=sqlite:////tmp/pcrm-relbench.sqlite3
    uv run python bench/relationships.py generate --database-url $DB
    uv run python bench/relationships.py time --database-url $DB --repeat 30
    uv run python bench/relationships.py explain --database-url $DB
    uv run python bench/relationships.py http --database-url $DB \\
        --base-url http://127.0.0.1:8132 --token pcrm_… --repeat 30

The issue's targets: the graph endpoint for an account with 500 contacts and 3,000 edges within
100 ms of server time; the path query over a workspace with 200,000 relationship edges within
100 ms. `generate` builds exactly that, in one workspace (slug `relbench` by default):

- the workspace and its users through the identity service (`bench/generate.py`'s
  `create_workspace_and_users`), then accounts, contacts, employments and activities with
  `bench/generate.py`'s own row generators (so the derived search columns are computed by PCRM's
  `refresh_search_fields`) and its bulk Core `insert()` loader; contacts are then given a
  reporting tree (each reports to the one `k // 4` before it: 4 reports per manager);
- one large account, 星河基准大客户集团有限公司, of 500 contacts (none archived, none left) whose
  graph has exactly 3,000 edges: 499 reporting lines, 51 dotted lines, 1,450 influences (100 of
  them to or from people at other accounts), 650 of our people's acquaintances and 350
  competitor ties, with profiles for its key and important people and 3 activities a contact;
- 2,000 other accounts of about 25 contacts (1 activity each) and relationship rows up to
  `--edges` (200,000) in all: influences (90 % within an account), acquaintances, competitor
  ties and dotted lines, plus profiles for a third of the contacts.

Relationship rows are bulk-inserted with Core `insert()` (no audit rows, like generate.py).
`time` calls the relationships services (account_graph; paths_to for several targets in the
large account and elsewhere, and closeness, of `closeness.service`), each call in a fresh session like a request, and prints
p50/p95 with the number of SQL statements and the time spent in the database driver. `explain`
prints the plan of every statement of one graph call and one path call. `http` times the same
through a running server (loopback only, bounded).
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import io
import json
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import generate

from pcrm.accounts.accounts.models import Account
from pcrm.accounts.contacts.models import Contact
from pcrm.core.db import make_engine, make_session_factory
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.principal import Principal
from pcrm.identity.public import operator_principal
from pcrm.identity.workspaces import repository as identity_repo
from pcrm.relationships.closeness import service as analyses
from pcrm.relationships.competitors.models import Competitor, CompetitorTie
from pcrm.relationships.graph import service
from pcrm.relationships.graph.models import (
    Acquaintance,
    DottedLine,
    Influence,
    ProfileEntry,
)

BIG_NAME = "星河基准大客户集团有限公司"
BIG_CONTACTS = 500
# The large account's graph: 499 reporting lines + these = 3,000 edges.
BIG_EDGES = {"dotted_line": 51, "influence": 1450, "acquaintance": 650, "competitor_tie": 350}
BIG_OUTSIDE_INFLUENCES = 100
BRANCHING = 4
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_REPEAT = 500
STATUSES = ("supporter", "neutral", "opponent", "unknown")
LEVELS = ("none", "occasional", "regular", "frequent")
BEHAVIOURS = ("technology", "price", "relationship", "risk_averse", "results")
KINDS = ("former_colleague", "classmate", "friend", "business", "family", "other")


# --- generate ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """Which contact ids belong to which account (ids are assigned before inserting)."""

    big_account: int
    big_contacts: range
    accounts: list[tuple[int, range]]  # the other accounts
    archived: set[int]  # archived contacts (generate.py archives 2 %)


def _fix_contacts(
    chunk: dict[str, list[dict[str, Any]]], big_account: int, archived: set[int]
) -> None:
    """Reporting trees instead of generate.py's flat lists; the large account all active."""
    first: dict[int, int] = {}
    for row in chunk["contacts"]:
        start = first.setdefault(row["account_id"], row["id"])
        k = row["id"] - start
        row["reports_to_id"] = start + (k - 1) // BRANCHING if k > 0 else None
        if row["account_id"] == big_account:
            row["archived_at"] = None
            row["status"], row["left_on"] = "active", None
            row["importance"] = "key" if k < 12 else "important" if k % 4 == 1 else "normal"
        if row["archived_at"] is not None:
            archived.add(row["id"])


def load_accounts(
    engine: Engine, ctx: generate.Context, n_accounts: int, per_account: float, workers: int
) -> Layout:
    rng = random.Random(f"{ctx.seed}:relbench")
    others = generate.spread(round(n_accounts * per_account), n_accounts, rng)
    contact_counts = [BIG_CONTACTS, *others]
    activity_counts = [3] * BIG_CONTACTS + [1] * sum(others)
    with engine.connect() as conn:
        ids = tuple(
            int(conn.scalar(select(func.coalesce(func.max(t.c.id), 0))) or 0) + 1
            for t in (
                generate.TABLES["accounts"],
                generate.TABLES["contacts"],
                generate.TABLES["activities"],
            )
        )
    account_id, contact_id, _activity_id = ids
    layout_accounts = []
    next_contact = contact_id + BIG_CONTACTS
    for i, n in enumerate(others):
        layout_accounts.append((account_id + 1 + i, range(next_contact, next_contact + n)))
        next_contact += n
    big = range(contact_id, contact_id + BIG_CONTACTS)
    layout = Layout(account_id, big, layout_accounts, set())
    jobs = generate.plan_jobs(len(contact_counts), contact_counts, activity_counts, ids, 200)
    loader = generate.Loader(engine, 5000, len(contact_counts))
    first = True

    def store(chunk: dict[str, list[dict[str, Any]]]) -> None:
        nonlocal first
        if first:  # the first account of the first chunk is the large one
            chunk["accounts"][0]["name"] = BIG_NAME
            chunk["accounts"][0]["short_name"] = "星河大客户"
            chunk["accounts"][0]["archived_at"] = None
            generate.account_service.refresh_search_fields(chunk["accounts"][0])  # type: ignore[arg-type]
            first = False
        _fix_contacts(chunk, layout.big_account, layout.archived)
        loader.store(chunk)

    if workers <= 0:
        generate._init_worker(ctx)
        for job in jobs:
            store(generate.generate_chunk(job))
    else:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(
            workers, initializer=generate._init_worker, initargs=(ctx,)
        ) as pool:
            for chunk in pool.imap(generate.generate_chunk, jobs):
                store(chunk)
    return layout


def _batches(engine: Engine, table: Any, rows: Iterator[dict[str, Any]], size: int = 5000) -> int:
    done = 0
    batch: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for row in rows:
            batch.append(row)
            if len(batch) == size:
                conn.execute(insert(table), batch)
                done += len(batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)
            done += len(batch)
    return done


Pairs = set[tuple[int, int]]


def _fill(target: Pairs, n: int, pick: Callable[[], tuple[int, int]], distinct: bool) -> None:
    """Add n new pairs drawn by pick (no self-pairs when both sides are contacts)."""
    goal = len(target) + n
    while len(target) < goal:
        a, b = pick()
        if not distinct or a != b:
            target.add((a, b))


def edge_pairs(
    rng: random.Random, layout: Layout, users: list[int], rivals: list[int], total_edges: int
) -> dict[str, Pairs]:
    """(from, to) of every relationship row: the large account's exact share, then the rest of
    the workspace (never touching the large account, so its graph keeps exactly 3,000 edges)."""
    big = list(layout.big_contacts)
    everyone = [c for _a, cs in layout.accounts for c in cs]
    visible = [c for c in everyone if c not in layout.archived]
    pairs: dict[str, Pairs] = {k: set() for k in BIG_EDGES}

    def big_pair() -> tuple[int, int]:
        return rng.choice(big), rng.choice(big)

    def crossing() -> tuple[int, int]:
        inside, outside = rng.choice(big), rng.choice(visible)
        return (inside, outside) if rng.random() < 0.5 else (outside, inside)

    inside_influences = BIG_EDGES["influence"] - BIG_OUTSIDE_INFLUENCES
    _fill(pairs["influence"], inside_influences, big_pair, True)
    _fill(pairs["influence"], BIG_OUTSIDE_INFLUENCES, crossing, True)
    _fill(pairs["dotted_line"], BIG_EDGES["dotted_line"], big_pair, True)
    _fill(
        pairs["acquaintance"],
        BIG_EDGES["acquaintance"],
        lambda: (rng.choice(users), rng.choice(big)),
        False,
    )
    _fill(
        pairs["competitor_tie"],
        BIG_EDGES["competitor_tie"],
        lambda: (rng.choice(rivals), rng.choice(big)),
        False,
    )
    rest = total_edges - sum(BIG_EDGES.values())
    n_inf, n_acq, n_tie = int(rest * 0.60), int(rest * 0.25), int(rest * 0.12)
    n_dot = rest - n_inf - n_acq - n_tie

    def other_pair(cross: float) -> Callable[[], tuple[int, int]]:
        def pick() -> tuple[int, int]:
            _a, members = rng.choice(layout.accounts)
            source = rng.choice(members)
            target = rng.choice(everyone) if rng.random() < cross else rng.choice(members)
            return source, target

        return pick

    _fill(pairs["influence"], n_inf, other_pair(0.1), True)
    _fill(pairs["dotted_line"], n_dot, other_pair(0.2), True)
    _fill(pairs["acquaintance"], n_acq, lambda: (rng.choice(users), rng.choice(everyone)), False)
    _fill(pairs["competitor_tie"], n_tie, lambda: (rng.choice(rivals), rng.choice(everyone)), False)
    return pairs


def _competitors(engine: Engine, stamp: dict[str, Any], n: int) -> list[int]:
    """n competitors with invented names from the corpus; their ids."""
    names = [f"{stem}{word}" for stem, _py in corpus.STEMS for word in ("信息", "数科", "智联")]
    rows = [
        {**stamp, "name": name, "website": None, "strengths": "行业案例多", "weaknesses": "交付慢",
         "notes": None, "archived_at": None, "version": 1}
        for name in names[:n]
    ]  # fmt: skip
    _batches(engine, Competitor.__table__, iter(rows))
    with engine.connect() as conn:
        query = select(Competitor.id).where(Competitor.workspace_id == stamp["workspace_id"])
        return [int(i) for i in conn.scalars(query)]


def load_relationships(
    engine: Engine, ctx: generate.Context, layout: Layout, total_edges: int, n_competitors: int
) -> dict[str, int]:
    rng = random.Random(f"{ctx.seed}:relbench:edges")
    now = generate.NOW
    stamp = {"workspace_id": ctx.workspace_id, "created_at": now, "updated_at": now}
    rivals = _competitors(engine, stamp, n_competitors)
    pairs = edge_pairs(rng, layout, list(ctx.user_ids), rivals, total_edges)
    versioned = {**stamp, "note": None, "version": 1}
    done = {
        "competitors": len(rivals),
        "influences": _batches(
            engine,
            Influence.__table__,
            (
                {**versioned, "from_contact_id": a, "to_contact_id": b,
                 "strength": rng.randint(1, 5)}
                for a, b in sorted(pairs["influence"])
            ),
        ),
        "dotted_lines": _batches(
            engine,
            DottedLine.__table__,
            (
                {**stamp, "contact_id": a, "manager_id": b, "note": None}
                for a, b in sorted(pairs["dotted_line"])
            ),
        ),
        "acquaintances": _batches(
            engine,
            Acquaintance.__table__,
            (
                {**versioned, "user_id": u, "contact_id": c, "closeness": rng.randint(1, 5),
                 "kind": rng.choice(KINDS), "since": None}
                for u, c in sorted(pairs["acquaintance"])
            ),
        ),
        "competitor_ties": _batches(
            engine,
            CompetitorTie.__table__,
            (
                {**versioned, "competitor_id": k, "contact_id": c,
                 "closeness": rng.randint(1, 5), "source": None}
                for k, c in sorted(pairs["competitor_tie"])
            ),
        ),
    }  # fmt: skip

    def profiles() -> Iterator[dict[str, Any]]:
        """Every contact of the large account, a third of the others: one or two entries."""
        others = (c for _a, cs in layout.accounts for c in cs)
        for contact in (*layout.big_contacts, *others):
            if contact in layout.big_contacts or rng.random() < 0.33:
                for step in range(rng.choice((1, 1, 2))):
                    yield {
                        **stamp,
                        "contact_id": contact,
                        "behaviour": rng.choice(BEHAVIOURS),
                        "relationship_status": rng.choice(STATUSES),
                        "interaction_level": rng.choice(LEVELS),
                        "effective_on": now.date() - timedelta(days=90 * (1 - step)),
                        "note": None,
                    }

    done["profile_entries"] = _batches(engine, ProfileEntry.__table__, profiles())
    return done


def cmd_generate(args: argparse.Namespace) -> None:
    url = args.database_url
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    started = time.perf_counter()
    upgrade(url)
    engine = make_engine(url)
    if is_sqlite:
        event.listen(engine, "connect", generate._sqlite_load_pragmas)
    print(f"Creating workspace {args.workspace!r} and {args.users} users …")
    ctx = generate.create_workspace_and_users(engine, args.workspace, args.users)
    ctx = generate.Context(args.seed, ctx.workspace_id, ctx.user_ids, ctx.seller_ids)
    fts = generate.drop_fts_insert_triggers(engine) if is_sqlite else []
    print(f"Loading 1 + {args.accounts:,} accounts …")
    layout = load_accounts(engine, ctx, args.accounts, args.contacts_per_account, args.workers)
    print(f"Loading {args.edges:,} relationship rows …")
    done = load_relationships(engine, ctx, layout, args.edges, args.competitors)
    print("  " + ", ".join(f"{k} {v:,}" for k, v in done.items()))
    generate.finish(engine, fts)
    engine.dispose()
    print(f"Done in {time.perf_counter() - started:.1f}s.")
    print(
        f"Token: uv run pcrm create-token --workspace {args.workspace} "
        f"--email owner01@{args.workspace}.example --name relbench"
    )


# --- what is timed -------------------------------------------------------------------------------


class SqlClock:
    """Counts statements and the time spent in the driver's execute (not fetching)."""

    def __init__(self, engine: Engine) -> None:
        self.statements = 0
        self.seconds = 0.0
        self._started: list[float] = []
        self.capture: list[tuple[str, Any]] | None = None
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, _c: Any, _cur: Any, statement: str, params: Any, *_a: Any) -> None:
        self._started.append(time.perf_counter())
        if self.capture is not None:
            self.capture.append((statement, params))

    def _after(self, *_args: Any) -> None:
        self.seconds += time.perf_counter() - self._started.pop()
        self.statements += 1

    def reset(self) -> None:
        self.statements, self.seconds = 0, 0.0


@dataclass(frozen=True, slots=True)
class Targets:
    principal_email: str
    big_account: int
    big_people: list[int]  # key people of the large account
    elsewhere: list[int]  # key people of other accounts


def find_targets(factory: sessionmaker[Session], slug: str, n: int) -> Targets:
    with factory() as db:
        workspace = identity_repo.workspace_by_slug(db, slug)
        if workspace is None:
            sys.exit(f"error: no workspace {slug!r}; run `generate` first")
        ws = workspace.id
        big = db.scalar(
            select(Account.id).where(Account.workspace_id == ws, Account.name == BIG_NAME)
        )
        if big is None:
            sys.exit(f"error: no account {BIG_NAME!r} in {slug!r}")
        key_people = select(Contact.id).where(
            Contact.workspace_id == ws,
            Contact.importance == "key",
            Contact.archived_at.is_(None),
        )
        inside = list(db.scalars(key_people.where(Contact.account_id == big).order_by(Contact.id)))
        outside = list(db.scalars(key_people.where(Contact.account_id != big).order_by(Contact.id)))
    rng = random.Random(f"targets:{slug}")
    half = max(1, n // 2)
    return Targets(
        f"owner01@{slug}.example",
        int(big),
        [int(c) for c in rng.sample(inside, min(half, len(inside)))],
        [int(c) for c in rng.sample(outside, min(n - half, len(outside)))],
    )


def scenarios(targets: Targets) -> dict[str, Callable[[Session, Principal], Any]]:
    big = targets.big_account
    found: dict[str, Callable[[Session, Principal], Any]] = {
        "graph (500 contacts, 3,000 edges)": lambda db, p: service.account_graph(
            db, p, big, None, "zh_CN"
        ),
        "graph + JSON": lambda db, p: service.account_graph(
            db, p, big, None, "zh_CN"
        ).model_dump_json(),
        "closeness (large account)": lambda db, p: analyses.closeness(db, p, big, "zh_CN"),
    }
    for label, people in (
        ("in large account", targets.big_people),
        ("elsewhere", targets.elsewhere),
    ):
        for contact in people:
            found[f"paths_to c{contact} ({label})"] = lambda db, p, c=contact: analyses.paths_to(
                db, p, c, "strongest", 5, "zh_CN"
            )
    if targets.elsewhere:
        contact = targets.elsewhere[0]
        found[f"paths_to c{contact} fewest"] = lambda db, p: analyses.paths_to(
            db, p, contact, "fewest", 5, "zh_CN"
        )
    return found


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _session_factory(url: str) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    return engine, factory


@contextmanager
def _request(
    factory: sessionmaker[Session], email: str, slug: str
) -> Iterator[tuple[Session, Principal]]:
    """A session and the principal, as one request would have them (read-only)."""
    with factory() as db:
        principal = operator_principal(db, slug, email)
        yield db, principal
        db.rollback()


def cmd_time(args: argparse.Namespace) -> None:
    engine, factory = _session_factory(args.database_url)
    clock = SqlClock(engine)
    targets = find_targets(factory, args.workspace, args.targets)
    repeat = max(1, min(args.repeat, MAX_REPEAT))
    rows = []
    print(f"{engine.dialect.name}: {repeat} calls each after 2 warm-up calls (ms)")
    print(
        f"{'scenario':<44} {'p50':>7} {'p95':>7} {'max':>7} {'cpu p50':>8} "
        f"{'SQL':>5} {'SQL ms':>7} {'result':>10}"
    )
    for name, call in scenarios(targets).items():
        if args.only and args.only not in name:
            continue
        wall, cpu, sql = [], [], []
        size = ""
        for i in range(repeat + 2):
            with _request(factory, targets.principal_email, args.workspace) as (db, principal):
                clock.reset()
                t0, c0 = time.perf_counter(), time.process_time()
                result = call(db, principal)
                t1, c1 = time.perf_counter(), time.process_time()
            if i >= 2:
                wall.append((t1 - t0) * 1000)
                cpu.append((c1 - c0) * 1000)
                sql.append(clock.seconds * 1000)
            statements = clock.statements
            size = _describe(result)
        row = {
            "scenario": name,
            "p50": statistics.median(wall),
            "p95": _percentile(wall, 0.95),
            "max": max(wall),
            "cpu_p50": statistics.median(cpu),
            "statements": statements,
            "sql_p50": statistics.median(sql),
            "result": size,
        }
        rows.append(row)
        print(
            f"{name:<44} {row['p50']:7.1f} {row['p95']:7.1f} {row['max']:7.1f} "
            f"{row['cpu_p50']:8.1f} {statements:5d} {row['sql_p50']:7.1f} {size:>10}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2))
    if args.profile:
        name, call = next((k, v) for k, v in scenarios(targets).items() if args.profile in k)
        profiler = cProfile.Profile(time.process_time)
        with _request(factory, targets.principal_email, args.workspace) as (db, principal):
            profiler.runcall(call, db, principal)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        print(f"\nProfile (CPU time) of {name}:\n{out.getvalue()}")
    engine.dispose()


def _describe(result: Any) -> str:
    if isinstance(result, str):
        return f"{len(result) // 1024} KiB"
    if isinstance(result, list):
        return f"{len(result)} paths"
    if hasattr(result, "edges"):
        return f"{len(result.nodes)}n/{len(result.edges)}e"
    if hasattr(result, "weak_spots"):
        return f"{len(result.weak_spots)} weak"
    return ""


def cmd_explain(args: argparse.Namespace) -> None:
    """The plan of every statement one graph call and one path call send."""
    engine, factory = _session_factory(args.database_url)
    clock = SqlClock(engine)
    targets = find_targets(factory, args.workspace, args.targets)
    chosen = {k: v for k, v in scenarios(targets).items() if not args.only or args.only in k}
    for name, call in chosen.items():
        if "JSON" in name:
            continue
        with _request(factory, targets.principal_email, args.workspace) as (db, principal):
            clock.capture = []
            call(db, principal)
            captured, clock.capture = clock.capture, None
        print(f"\n=== {name}: {len(captured)} statements")
        with engine.connect() as conn:
            for statement, params in captured:
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                prefix = (
                    "EXPLAIN QUERY PLAN "
                    if engine.dialect.name == "sqlite"
                    else "EXPLAIN (ANALYZE, BUFFERS) "
                )
                t0 = time.perf_counter()
                conn.exec_driver_sql(statement, params).fetchall()
                ms = (time.perf_counter() - t0) * 1000
                plan = conn.exec_driver_sql(prefix + statement, params).fetchall()
                short = " ".join(statement.split())
                print(f"\n-- {ms:.2f} ms, {len(params) if params else 0} params: {short[:160]}…")
                for line in plan:
                    print("   ", " | ".join(str(x) for x in line))
    engine.dispose()


# --- over HTTP -----------------------------------------------------------------------------------


def cmd_http(args: argparse.Namespace) -> None:
    parts = urlsplit(args.base_url)
    if parts.hostname not in LOOPBACK:
        sys.exit("error: only loopback servers (127.0.0.1, localhost, ::1) may be benchmarked")
    engine, factory = _session_factory(args.database_url)
    targets = find_targets(factory, args.workspace, args.targets)
    engine.dispose()
    repeat = max(1, min(args.repeat, MAX_REPEAT))
    big = targets.big_account
    paths = [
        (f"paths c{c} ({label})", f"/api/v1/contacts/{c}/paths")
        for label, people in (
            ("large account", targets.big_people),
            ("elsewhere", targets.elsewhere),
        )
        for c in people
    ]
    requests = [
        ("graph (500 contacts, 3,000 edges)", f"/api/v1/accounts/{big}/relationship-graph"),
        ("closeness (large account)", f"/api/v1/accounts/{big}/closeness"),
        *paths,
    ]
    headers = {"Authorization": f"Bearer {args.token}", "Accept-Language": "zh-CN"}
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    rows = []
    print(f"{args.base_url}: {repeat} requests each after 2 warm-up requests (ms, client side)")
    deadline = time.monotonic() + 600  # bounded, whatever happens
    for name, path in requests:
        times = []
        size = 0
        for i in range(repeat + 2):
            if time.monotonic() > deadline:
                sys.exit("error: stopped after 600 s")
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - t0) * 1000
            if response.status != 200:
                sys.exit(f"error: {path}: HTTP {response.status}: {body[:300]!r}")
            if i >= 2:
                times.append(elapsed)
            size = len(body)
        row = {
            "scenario": name,
            "p50": statistics.median(times),
            "p95": _percentile(times, 0.95),
            "max": max(times),
            "bytes": size,
        }
        rows.append(row)
        print(
            f"{name:<40} p50 {row['p50']:7.1f}  p95 {row['p95']:7.1f}  max {row['max']:7.1f}"
            f"  {size / 1024:7.1f} KiB"
        )
    conn.close()
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2))


# --- main ----------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", required=True)
    common.add_argument("--workspace", default="relbench")
    common.add_argument(
        "--targets", type=int, default=8, help="path targets (half in the large account)"
    )
    gen = sub.add_parser("generate", parents=[common], help="build the benchmark data")
    gen.add_argument("--accounts", type=int, default=2000, help="accounts besides the large one")
    gen.add_argument("--contacts-per-account", type=float, default=25)
    gen.add_argument("--edges", type=int, default=200_000, help="relationship rows in all")
    gen.add_argument("--users", type=int, default=60)
    gen.add_argument("--competitors", type=int, default=30)
    gen.add_argument("--seed", type=int, default=2026)
    gen.add_argument("--workers", type=int, default=2)
    timing = sub.add_parser("time", parents=[common], help="time the service calls in-process")
    timing.add_argument("--repeat", type=int, default=30)
    timing.add_argument("--only", help="only scenarios whose name contains this")
    timing.add_argument("--profile", help="cProfile (CPU time) one call of the scenario named so")
    timing.add_argument("--json", help="write the results here")
    explain = sub.add_parser("explain", parents=[common], help="plans of the statements")
    explain.add_argument("--only", help="only scenarios whose name contains this")
    web = sub.add_parser("http", parents=[common], help="time the endpoints of a running server")
    web.add_argument("--base-url", required=True)
    web.add_argument("--token", required=True)
    web.add_argument("--repeat", type=int, default=30)
    web.add_argument("--json", help="write the results here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    {"generate": cmd_generate, "time": cmd_time, "explain": cmd_explain, "http": cmd_http}[
        args.command
    ](args)


if __name__ == "__main__":
    main()
