"""Query plans and timings of the SQL behind the load-test scenarios.

    uv run python bench/explain.py --database-url sqlite:////work/bench-data/pcrm.sqlite3
    uv run python bench/explain.py --database-url postgresql+psycopg://postgres@127.0.0.1/pcrm_bench

Each case calls PCRM's own service function (as the API handler does) inside a transaction that
is rolled back, records the SELECT statements it sends, then shows for each statement its median
time over `--repeat` runs with the database driver directly, and its plan: EXPLAIN QUERY PLAN on
SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from pcrm.accounts.accounts import service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountQuery
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.models import Contact
from pcrm.accounts.contacts.schemas import ContactQuery
from pcrm.accounts.search import service as search_service
from pcrm.areas import AREAS
from pcrm.core.db import make_engine, make_session_factory
from pcrm.core.tenancy import install_tenant_guard
from pcrm.identity.principal import Principal
from pcrm.identity.public import operator_principal

Case = Callable[[Session, Principal], object]


def contacts_list(page: int) -> Case:
    def run(db: Session, p: Principal) -> object:
        q = ContactQuery(importance="key", sort="name", page=page, page_size=50)
        return contact_service.list_contacts(db, p, q)

    return run


def contacts_query(text: str) -> Case:
    def run(db: Session, p: Principal) -> object:
        q = ContactQuery(q=text, sort="name", page_size=50)
        return contact_service.list_contacts(db, p, q)

    return run


def accounts_list(**filters: str) -> Case:
    def run(db: Session, p: Principal) -> object:
        q = AccountQuery(sort="name", page=5, page_size=50, **filters)  # type: ignore[arg-type]
        return service.list_accounts(db, p, q)

    return run


def search(text: str) -> Case:
    """The global search's statements: every kind the areas declare, 10 hits each."""

    def case(db: Session, p: Principal) -> None:
        q = search_service.normalize_query(text) or text
        for kind in (kind for area in AREAS for kind in area.search):
            kind.find(db, p, q, 10, "zh_CN")

    return case


def middle_id(db: Session, model: type[Account] | type[Contact], workspace_id: int) -> int:
    """The id in the middle of the workspace's rows (looked up before recording starts)."""
    ids = select(model.id).where(model.workspace_id == workspace_id).order_by(model.id)
    count = db.scalar(select(func.count()).select_from(ids.subquery())) or 1
    return int(db.scalar(ids.offset(count // 2).limit(1)) or 1)


def contact_detail(db: Session, p: Principal) -> object:
    return contact_service.get_contact(db, p, MIDDLE["contact"])


def account_detail(db: Session, p: Principal) -> object:
    return service.account_detail(db, p, MIDDLE["account"])


MIDDLE: dict[str, int] = {}
CASES: dict[str, Case] = {
    "contacts_list page 1": contacts_list(1),
    "contacts_list page 20": contacts_list(20),
    "accounts_list industry=manufacturing": accounts_list(industry="manufacturing"),
    "accounts_list province=jiangsu": accounts_list(province="jiangsu"),
    "contact_detail": contact_detail,
    "account_detail": account_detail,
    "search 王": search("王"),
    "search 华": search("华"),
    "search 电力": search("电力"),
    "search 张伟": search("张伟"),
    "search 中国": search("中国"),
    "search 局": search("局"),
    "search 通": search("通"),
    "contacts q=张伟": contacts_query("张伟"),
    "contacts q=主任": contacts_query("主任"),
}


def record(
    engine: Engine, factory: Any, principal_of: Callable[[Session], Principal], case: Case
) -> list[tuple[str, Any]]:
    statements: list[tuple[str, Any]] = []

    def listen(_c: Any, _cur: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    db = factory()
    try:
        principal = principal_of(db)
        event.listen(engine, "before_cursor_execute", listen)
        try:
            case(db, principal)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
    finally:
        db.rollback()
        db.close()
    return statements


def time_statement(engine: Engine, sql: str, params: Any, repeat: int) -> tuple[float, int]:
    raw = engine.raw_connection()
    try:
        times, rows = [], 0
        for _ in range(repeat):
            cursor = raw.cursor()
            started = time.perf_counter()
            cursor.execute(sql, params)
            rows = len(cursor.fetchall())
            times.append(time.perf_counter() - started)
            cursor.close()
        raw.rollback()
        return statistics.median(times), rows
    finally:
        raw.close()


def plan(engine: Engine, sql: str, params: Any) -> str:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            lines = [f"{'  ' * _depth(r, cursor)}{r[3]}" for r in cursor.fetchall()]
        else:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            lines = [r[0] for r in cursor.fetchall()]
        raw.rollback()
        return "\n".join(lines)
    finally:
        raw.close()


_DEPTHS: dict[int, int] = {}


def _depth(row: Any, _cursor: Any) -> int:
    node, parent = row[0], row[1]
    depth = _DEPTHS.get(parent, -1) + 1
    _DEPTHS[node] = depth
    return depth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workspace", default="bench")
    parser.add_argument("--email", default="owner01@bench.example")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cases", help="comma-separated names (default: all)")
    args = parser.parse_args()
    engine = make_engine(args.database_url)
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    names = [n.strip() for n in args.cases.split(",")] if args.cases else list(CASES)
    with factory() as db:
        workspace_id = operator_principal(db, args.workspace, args.email).workspace_id
        MIDDLE["contact"] = middle_id(db, Contact, workspace_id)
        MIDDLE["account"] = middle_id(db, Account, workspace_id)
        db.rollback()
    for name in names:
        statements = record(
            engine, factory, lambda db: operator_principal(db, args.workspace, args.email),
            CASES[name],
        )  # fmt: skip
        timed = [(time_statement(engine, sql, params, args.repeat), sql, params)
                 for sql, params in statements]  # fmt: skip
        total = sum(t for (t, _rows), _s, _p in timed)
        print(f"\n## {name}: {len(timed)} SELECTs, {total * 1000:.1f} ms in the database\n")
        for (seconds, rows), sql, params in timed:
            _DEPTHS.clear()
            print(f"-- {seconds * 1000:.2f} ms, {rows} rows")
            print(" ".join(sql.split()))
            print(f"-- params: {params}")
            print(plan(engine, sql, params))
            print()
    engine.dispose()


if __name__ == "__main__":
    main()
