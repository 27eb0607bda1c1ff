"""A bounded load tester for PCRM's JSON API, for loopback servers only.

    uv run python bench/http_load.py --base-url http://127.0.0.1:8123 --token pcrm_… \\
        --concurrency 8 --duration 30
    uv run python bench/http_load.py --raw-sql --database-url sqlite:////path.sqlite3 \\
        --token pcrm_… --concurrency 1 --duration 20

Each scenario runs on its own, after a short warm-up, for `--duration` seconds (at most 120) or
`--requests` requests (stopping at 120 s all the same), with `--concurrency` threads (at most
64) that each keep one HTTP/1.1 keep-alive connection (http.client: the lightest client, so the
load tester takes as little of the machine's CPU from the server as possible).

Each request is timed twice. The client times it from sending the request to reading the last
byte of the body: on loopback the network adds only some tens of microseconds, but under
concurrency this includes the time the request waits behind others, in the server and in the
load tester's own threads (which share the machine's cores with the server). The server time
is what PCRM reports in its `Server-Timing: app;dur=…` header: from the request reaching the
application to its response starting, including any wait for a worker thread or a database
connection inside the server, not the wait for the event loop to read the request nor the
client's time. Both are reported, with their percentiles.

`--raw-sql` times scenario (a) without HTTP and without the application: the SQL statements that
`GET /api/v1/contacts?importance=key&sort=name&page_size=50&page=N` runs are recorded once per
page by calling PCRM's own code (token look-up and `contact_service.list_contacts`), then
replayed with the database driver directly (sqlite3 or psycopg, fetching every row). The
difference between the HTTP latency and this is the overhead of HTTP and the application.

Scenarios:
  contacts_list   (a) 50 contacts, one filter (importance), sorted by name, pages 1-20
  accounts_list   (b) 50 accounts, one filter (industry or province), sorted by name, pages 1-10
  contact_detail  (c) one contact by id
  account_detail  (c) one account by id, with its team and contact count
  search_1char    (d) the search box with one common character (王, 华, 电 …)
  search_2char    (d) the search box with two characters (电力, 科技, 张伟 …)
  contacts_q2     (e) contact list filtered by a 2-character query, sorted by name
  contacts_q2_newest  (e') the same in the default order of a searched list (newest first)
  projects_list   50 projects in the default order (most recently changed), pages 1-20
  projects_filtered  50 projects of one status, sorted by one of five keys, pages 1-5
  projects_board  the board by phase (count and 20 cards per phase)
  projects_gantt  the Gantt data of one project (`--project-id`; bench/projects_gantt.py loads
                  one of 2,000 tasks and 3,000 links)
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_DURATION = 120.0
MAX_REQUESTS = 200_000
MAX_CONCURRENCY = 64
API = "/api/v1"

INDUSTRIES = ("government", "energy", "telecom", "finance", "manufacturing", "retail",
              "healthcare", "education", "transport", "construction", "internet")  # fmt: skip
PROVINCES = ("guangdong", "jiangsu", "zhejiang", "shandong", "beijing", "shanghai", "sichuan",
             "hubei", "henan", "fujian", "hunan", "anhui")  # fmt: skip
ONE_CHAR = ("王", "李", "张", "刘", "陈", "华", "电", "科", "信", "局", "海", "通")
TWO_CHARS = ("电力", "科技", "张伟", "王芳", "华信", "信息", "交通", "医院", "银行", "主任",
             "移动", "中国", "李娜", "经理")  # fmt: skip
CONTACT_QUERIES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "主任", "经理", "采购", "信息", "王磊")


@dataclass(slots=True)
class Ids:
    contacts: list[int] = field(default_factory=list)
    accounts: list[int] = field(default_factory=list)
    project: int = 1


Scenario = Callable[[random.Random, Ids], str]


def _contacts_list(rng: random.Random, _ids: Ids) -> str:
    return f"{API}/contacts?importance=key&sort=name&page_size=50&page={rng.randint(1, 20)}"


def _accounts_list(rng: random.Random, _ids: Ids) -> str:
    if rng.random() < 0.5:
        flt = f"industry={rng.choice(INDUSTRIES)}"
    else:
        flt = f"province={rng.choice(PROVINCES)}"
    return f"{API}/accounts?{flt}&sort=name&page_size=50&page={rng.randint(1, 10)}"


def _contact_detail(rng: random.Random, ids: Ids) -> str:
    return f"{API}/contacts/{rng.choice(ids.contacts)}"


def _account_detail(rng: random.Random, ids: Ids) -> str:
    return f"{API}/accounts/{rng.choice(ids.accounts)}"


def _search_1(rng: random.Random, _ids: Ids) -> str:
    return f"{API}/search?q={quote(rng.choice(ONE_CHAR))}"


def _search_2(rng: random.Random, _ids: Ids) -> str:
    return f"{API}/search?q={quote(rng.choice(TWO_CHARS))}"


def _contacts_q2(rng: random.Random, _ids: Ids) -> str:
    return f"{API}/contacts?q={quote(rng.choice(CONTACT_QUERIES))}&sort=name&page_size=50"


def _contacts_q2_newest(rng: random.Random, _ids: Ids) -> str:
    return f"{API}/contacts?q={quote(rng.choice(CONTACT_QUERIES))}&page_size=50"


PROJECT_STATUSES = ("draft", "active", "on_hold", "closed")
PROJECT_SORTS = ("name", "-budget_amount", "end_on", "code", "-updated_at")


def _projects_list(rng: random.Random, _ids: Ids) -> str:
    return f"{API}/projects?page_size=50&page={rng.randint(1, 20)}"


def _projects_filtered(rng: random.Random, _ids: Ids) -> str:
    status, sort = rng.choice(PROJECT_STATUSES), rng.choice(PROJECT_SORTS)
    return f"{API}/projects?status={status}&sort={sort}&page_size=50&page={rng.randint(1, 5)}"


def _projects_board(_rng: random.Random, _ids: Ids) -> str:
    return f"{API}/projects/board"


def _projects_gantt(_rng: random.Random, ids: Ids) -> str:
    return f"{API}/projects/{ids.project}/gantt"


SCENARIOS: dict[str, Scenario] = {
    "contacts_list": _contacts_list,
    "accounts_list": _accounts_list,
    "contact_detail": _contact_detail,
    "account_detail": _account_detail,
    "search_1char": _search_1,
    "search_2char": _search_2,
    "contacts_q2": _contacts_q2,
    "contacts_q2_newest": _contacts_q2_newest,
    "projects_list": _projects_list,
    "projects_filtered": _projects_filtered,
    "projects_board": _projects_board,
    "projects_gantt": _projects_gantt,
}


@dataclass(slots=True)
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    # seconds the server says it took (its Server-Timing header), successful requests
    server_times: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    wall: float = 0.0
    server_cpu: float = math.nan  # seconds of server CPU during the run
    slowest: list[tuple[float, str]] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def row(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        server = sorted(self.server_times)
        return {
            "scenario": self.name,
            "requests": self.requests,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "throughput": self.requests / self.wall if self.wall else 0.0,
            "p50_ms": percentile(lat, 50) * 1000,
            "p95_ms": percentile(lat, 95) * 1000,
            "p99_ms": percentile(lat, 99) * 1000,
            "mean_ms": (sum(lat) / len(lat) * 1000) if lat else math.nan,
            "max_ms": (lat[-1] * 1000) if lat else math.nan,
            "server_p50_ms": percentile(server, 50) * 1000,
            "server_p95_ms": percentile(server, 95) * 1000,
            "server_cpu_ms_per_request": self.server_cpu / self.requests * 1000
            if self.requests
            else math.nan,
            "slowest": [(round(s * 1000, 1), p) for s, p in sorted(self.slowest, reverse=True)[:5]],
        }


def server_seconds(header: str) -> float:
    """The `app` duration of a Server-Timing header (`app;dur=12.3`), in seconds."""
    for metric in header.split(","):
        name, _, params = metric.strip().partition(";")
        if name == "app" and params.startswith("dur="):
            return float(params.removeprefix("dur=")) / 1000
    return math.nan


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


class Budget:
    """Lets the threads go on until `seconds` have passed or `requests` were issued in all."""

    def __init__(self, seconds: float, requests: int | None) -> None:
        # A request count is still bounded in time: MAX_DURATION at most.
        self.deadline = time.perf_counter() + (seconds if requests is None else MAX_DURATION)
        self.requests = requests
        self.issued = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def take(self) -> bool:
        if self.stop.is_set() or time.perf_counter() >= self.deadline:
            return False
        if self.requests is None:
            return True
        with self.lock:
            if self.issued >= self.requests:
                return False
            self.issued += 1
            return True


def run_threads(concurrency: int, work: Callable[[int], None], budget: Budget) -> float:
    """Run `work(index)` in `concurrency` threads; the wall-clock seconds they took."""
    threads = [threading.Thread(target=work, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        budget.stop.set()
        for t in threads:
            t.join()
    return time.perf_counter() - started


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its direct children (uv → python, uvicorn
    workers), from /proc; 0 when it cannot be read."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        this, parent = int(stat.parent.name), int(fields[1])
        if pid in (this, parent):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


# --- HTTP --------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection; reconnects after an error."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "Connection": "keep-alive",
        }
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes, float]:
        """Status, body and the server's own time in seconds (Server-Timing `app`; NaN
        when the server does not send it)."""
        reused = self.conn is not None
        try:
            return self._get(path)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
            # The server closed an idle keep-alive connection as we reused it: retry once on a
            # new connection, as browsers and HTTP libraries do (the time spent counts).
            return self._get(path)

    def _get(self, path: str) -> tuple[int, bytes, float]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            self.conn.request("GET", path, headers=self.headers)
            response = self.conn.getresponse()
            body = response.read()
        except Exception:
            self.close()
            raise
        if response.getheader("connection", "").lower() == "close":
            self.close()
        return response.status, body, server_seconds(response.getheader("server-timing", ""))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def discover_ids(host: str, port: int, token: str, rng: random.Random) -> Ids:
    """Ids for the detail scenarios: random pages of the name-sorted lists (not timed)."""
    client = Client(host, port, token)
    ids = Ids()
    for kind, target in (("contacts", ids.contacts), ("accounts", ids.accounts)):
        for page in rng.sample(range(1, 51), 10):
            try:
                status, body, _server = client.get(
                    f"{API}/{kind}?sort=name&page_size=200&page={page}"
                )
            except OSError as exc:
                sys.exit(f"error: cannot reach the server at {host}:{port}: {exc}")
            if status != 200:
                sys.exit(f"error: GET /{kind} answered {status}: {body[:200]!r}")
            target += [item["id"] for item in json.loads(body)["items"]]
    client.close()
    if not ids.contacts or not ids.accounts:
        sys.exit("error: the workspace has no contacts or accounts to load-test")
    return ids


def run_http(
    name: str,
    scenario: Scenario,
    ids: Ids,
    args: argparse.Namespace,
    address: tuple[str, int],
    seed: int,
    budget: Budget,
) -> Result:
    result = Result(name)
    lock = threading.Lock()

    def worker(index: int) -> None:
        rng = random.Random(f"{seed}:{name}:{index}")
        client = Client(*address, args.token)
        latencies: list[float] = []
        server_times: list[float] = []
        errors: Counter[str] = Counter()
        slowest: list[tuple[float, str]] = []
        while budget.take():
            path = scenario(rng, ids)
            started = time.perf_counter()
            try:
                status, _body, server = client.get(path)
            except Exception as exc:  # every failure is counted, none stops the run
                errors[type(exc).__name__] += 1
                continue
            elapsed = time.perf_counter() - started
            if status != 200:
                errors[f"HTTP {status}"] += 1
                continue
            latencies.append(elapsed)
            server_times.append(server)
            slowest.append((elapsed, path))
            if len(slowest) > 50:
                slowest.sort(reverse=True)
                del slowest[5:]
        client.close()
        with lock:
            result.latencies += latencies
            result.server_times += server_times
            result.errors.update(errors)
            result.slowest += slowest

    cpu_before = process_cpu_seconds(args.server_pid) if args.server_pid else math.nan
    result.wall = run_threads(args.concurrency, worker, budget)
    if args.server_pid:
        result.server_cpu = process_cpu_seconds(args.server_pid) - cpu_before
    return result


# --- raw SQL of scenario (a) -------------------------------------------------------------------


def record_list_sql(
    database_url: str, token: str, pages: range
) -> tuple[dict[int, list[tuple[str, Any]]], list[tuple[str, Any]]]:
    """page → the SELECT statements (SQL, driver parameters) that scenario (a) runs for it, and
    the capped count it runs when the count is not remembered (core.pagination), recorded by
    calling PCRM's own code in transactions that are rolled back. The token is looked up
    before recording: the server answers it from its cache too."""
    from sqlalchemy import event

    from pcrm.accounts.contacts import service as contact_service
    from pcrm.accounts.contacts.schemas import ContactQuery
    from pcrm.core.db import make_engine, make_session_factory
    from pcrm.core.pagination import forget_counts
    from pcrm.core.tenancy import install_tenant_guard
    from pcrm.identity.tokens import service as identity

    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    recorded: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            recorded.append((statement, parameters))

    with factory() as db:
        principal = identity.resolve_api_token(db, token)
    if principal is None:
        sys.exit("error: the token is not valid for this database")
    event.listen(engine, "before_cursor_execute", record)
    plans: dict[int, list[tuple[str, Any]]] = {}
    forget_counts()
    for page in pages:
        recorded.clear()
        db = factory()
        try:
            query = ContactQuery(importance="key", sort="name", page=page, page_size=50)
            contact_service.list_contacts(db, principal, query)
        finally:
            db.rollback()
            db.close()
        plans[page] = list(recorded)
    engine.dispose()
    counts = [(sql, params) for sql, params in plans[pages[0]] if _is_count(sql)]
    return plans, counts


def _is_count(sql: str) -> bool:
    return sql.lstrip().upper().startswith("SELECT COUNT(")


def run_raw_sql(args: argparse.Namespace) -> list[Result]:
    from pcrm.core.db import make_engine

    plans, counts = record_list_sql(args.database_url, args.token, range(1, 21))
    print("Scenario (a) runs these SELECT statements (page 1; the count only while it is not")
    print("remembered, i.e. on page 1 here):")
    for sql, _params in plans[1]:
        print("   ", " ".join(sql.split())[:160], "…" if len(sql) > 160 else "")
    engine = make_engine(args.database_url)
    rows_result = Result("sql_rows (the page's ids, then its 50 rows)")
    count_result = Result("sql_count (the capped count, when it runs)")
    all_result = Result("sql_all (what each request ran, as recorded)")
    lock = threading.Lock()

    def timed(raw: Any, sql: str, params: Any) -> float:
        cursor = raw.cursor()
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        elapsed = time.perf_counter() - started
        cursor.close()
        return elapsed

    def worker(index: int) -> None:
        rng = random.Random(f"{args.seed}:raw:{index}")
        raw = engine.raw_connection()
        rows_lat: list[float] = []
        count_lat: list[float] = []
        all_lat: list[float] = []
        try:
            while budget.take():
                total = rows = 0.0
                for sql, params in plans[rng.randint(1, 20)]:
                    elapsed = timed(raw, sql, params)
                    total += elapsed
                    if not _is_count(sql):
                        rows += elapsed
                raw.rollback()
                rows_lat.append(rows)
                all_lat.append(total)
                count_lat.append(sum(timed(raw, sql, params) for sql, params in counts))
                raw.rollback()
        finally:
            raw.close()
        with lock:
            rows_result.latencies += rows_lat
            count_result.latencies += count_lat
            all_result.latencies += all_lat

    budget = Budget(args.duration, args.requests)  # starts after the recording
    wall = run_threads(args.concurrency, worker, budget)
    rows_result.wall = count_result.wall = all_result.wall = wall
    engine.dispose()
    return [rows_result, count_result, all_result]


# --- main --------------------------------------------------------------------------------------


def loop_seconds() -> float:
    """Seconds a fixed pure-Python loop of ten million steps takes: how fast the machine is
    at the moment. A shared VM's speed drifts by half and more within an hour, and every
    figure drifts with it, so each run reports this beside its table."""
    started = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.perf_counter() - started


def print_table(rows: list[dict[str, Any]], title: str) -> None:
    print(f"\n{title}\n")
    print(
        "| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms "
        "| server p50 ms | server p95 ms | server CPU ms/req |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        kinds = ", ".join(f"{k} ×{v}" for k, v in r["error_kinds"].items())
        errors = f"{r['errors']} ({kinds})" if kinds else str(r["errors"])
        print(
            f"| {r['scenario']} | {r['requests']:,} | {errors} | {r['throughput']:,.1f} | "
            f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | "
            f"{r['server_p50_ms']:.1f} | {r['server_p95_ms']:.1f} | "
            f"{r['server_cpu_ms_per_request']:.1f} |"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8123")
    parser.add_argument("--token", required=True, help="API token (uv run pcrm create-token …)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--requests", type=int, help="requests per scenario (instead of time)")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed seconds per scenario")
    parser.add_argument("--project-id", type=int, default=1, help="projects_gantt's project")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--label", default="", help="title of the printed table")
    parser.add_argument("--raw-sql", action="store_true", help="time scenario (a)'s SQL only")
    parser.add_argument("--database-url", help="with --raw-sql: the server's database")
    parser.add_argument(
        "--server-pid",
        type=int,
        help="pid of the server (or of `uv run` above it): report its CPU time per request",
    )
    args = parser.parse_args(argv)

    if not 1 <= args.concurrency <= MAX_CONCURRENCY:
        parser.error(f"--concurrency must be 1 to {MAX_CONCURRENCY}")
    if not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--duration must be more than 0 and at most {MAX_DURATION:.0f} seconds")
    if args.requests is not None and not 1 <= args.requests <= MAX_REQUESTS:
        parser.error(f"--requests must be 1 to {MAX_REQUESTS:,}")
    if not 0 <= args.warmup <= 30:
        parser.error("--warmup must be 0 to 30 seconds")

    before = loop_seconds()
    if args.raw_sql:
        if not args.database_url:
            parser.error("--raw-sql needs --database-url")
        rows = [r.row() for r in run_raw_sql(args)]
        title = f"Raw SQL of scenario (a), concurrency {args.concurrency}"
    else:
        url = urlsplit(args.base_url)
        if url.scheme != "http" or url.hostname not in LOOPBACK:
            parser.error("--base-url must be http:// on 127.0.0.1, localhost or [::1] (loopback)")
        names = [n.strip() for n in args.scenarios.split(",") if n.strip()]
        unknown = set(names) - SCENARIOS.keys()
        if unknown:
            parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
        rows = run_scenarios(args, names, (url.hostname or "", url.port or 80))
        title = f"HTTP, concurrency {args.concurrency}"
    after = loop_seconds()
    print_table(rows, args.label or title)
    print(f"\nMachine speed: a 10-million-step Python loop took {before:.2f} s before the run "
          f"and {after:.2f} s after it (lower is faster).")  # fmt: skip
    if args.json:
        machine = {"loop_seconds_before": before, "loop_seconds_after": after}
        args.json.write_text(
            json.dumps({"machine": machine, "rows": rows}, ensure_ascii=False, indent=2)
        )


def run_scenarios(
    args: argparse.Namespace, names: list[str], address: tuple[str, int]
) -> list[dict[str, Any]]:
    needs_ids = not all(n.startswith("projects_") for n in names)
    ids = discover_ids(*address, args.token, random.Random(args.seed)) if needs_ids else Ids()
    ids.project = args.project_id
    print(
        f"{len(ids.contacts):,} contact ids and {len(ids.accounts):,} account ids sampled; "
        f"concurrency {args.concurrency}, "
        + (f"{args.requests:,} requests" if args.requests else f"{args.duration:.0f} s")
        + " per scenario",
        flush=True,
    )
    rows = []
    for name in names:
        scenario = SCENARIOS[name]
        if args.warmup:
            warmup = Budget(args.warmup, None)
            run_http(name, scenario, ids, args, address, args.seed + 1000, warmup)
        budget = Budget(args.duration, args.requests)
        row = run_http(name, scenario, ids, args, address, args.seed, budget).row()
        rows.append(row)
        print(
            f"  {name:<15} {row['requests']:>7,} req  {row['throughput']:>8.1f} req/s  "
            f"p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  p99 {row['p99_ms']:7.1f} ms  "
            f"errors {row['errors']} {row['error_kinds'] or ''}",
            flush=True,
        )
    return rows


if __name__ == "__main__":
    main()
