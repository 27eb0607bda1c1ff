"""SQLite query plans of what a service call sends, for tests that pin an index choice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def selects(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The SELECT statements (with their parameters) sent inside the block."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plan(engine: Engine, statement: str, parameters: Any) -> str:
    """SQLite's EXPLAIN QUERY PLAN, one step per line."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    return "\n".join(row[3] for row in rows)


def plans_of(engine: Engine, call: Callable[[], object], *words: str) -> list[str]:
    """The plans of the SELECTs `call` sends whose SQL contains every one of `words`."""
    with selects(engine) as seen:
        call()
    return [plan(engine, sql, params) for sql, params in seen if all(w in sql for w in words)]
