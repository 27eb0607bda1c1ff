"""Write throughput of the embedded SQLite database with `synchronous=NORMAL` and `=FULL`.

Each write is what a request does: one transaction that creates an account through the
accounts service (the account, its owner on the team, the audit row) and commits. The two
settings are measured in alternating rounds on fresh databases in the given directory (keep it
on the disk a deployment would use, not tmpfs), so a busy phase of the machine hits both.

    uv run python bench/sqlite_durability.py --directory /work/bench-data --writes 500 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import sessionmaker

from pcrm.accounts.public import AccountCreate, create_account
from pcrm.config import Settings
from pcrm.core.audit import set_actor
from pcrm.core.db import make_engine
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import (
    Role,
    UserCreate,
    create_user,
    create_workspace,
    operator_principal,
)

SETTINGS = Settings(password_hasher="fast-insecure-for-tests")  # noqa: S106


def _prepare(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    with sessionmaker(engine)() as db:
        workspace = create_workspace(db, "bench", "Bench")
        create_user(
            db,
            WorkspaceScope(workspace.id),
            UserCreate(
                email="owner@bench.example",
                name="Owner",
                role=Role.OWNER,
                password="correct-horse-42",  # noqa: S106
            ),  # type: ignore[call-arg]
            SETTINGS,
        )
        db.commit()
    engine.dispose()


def writes_per_second(url: str, synchronous: str, writes: int) -> float:
    engine = make_engine(url)

    def choose(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA synchronous={synchronous}")

    event.listen(engine, "connect", choose)  # after make_engine's own pragmas
    factory = sessionmaker(engine)
    with factory() as db:
        principal = operator_principal(db, "bench", "owner@bench.example")
        setting = db.connection().exec_driver_sql("PRAGMA synchronous").scalar()
        if setting != {"NORMAL": 1, "FULL": 2}[synchronous]:
            raise SystemExit(f"PRAGMA synchronous is {setting}, not {synchronous}")
    started = time.perf_counter()
    for n in range(writes):
        with factory() as db:
            set_actor(db, principal.user_id, "bench")
            create_account(db, principal, AccountCreate(name=f"单位 {n:05d}"))  # type: ignore[call-arg]
            db.commit()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return writes / elapsed


def raw_commits_per_second(path: Path, synchronous: str, commits: int) -> float:
    """The commit alone: one small row per transaction, the app's pragmas, no ORM."""
    import sqlite3

    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={synchronous}")
    connection.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    started = time.perf_counter()
    for n in range(commits):
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t (v) VALUES (?)", (f"row {n}",))
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return commits / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--directory", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--writes", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
    raw: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
    for round_ in range(args.rounds):
        for synchronous in ("NORMAL", "FULL") if round_ % 2 == 0 else ("FULL", "NORMAL"):
            with tempfile.TemporaryDirectory(dir=args.directory) as folder:
                url = f"sqlite:///{folder}/pcrm.sqlite3"
                _prepare(url)
                rate = writes_per_second(url, synchronous, args.writes)
                bare = raw_commits_per_second(Path(folder) / "raw.sqlite3", synchronous, 2000)
            results[synchronous].append(rate)
            raw[synchronous].append(bare)
            print(
                f"round {round_ + 1} {synchronous:6} {rate:8.1f} account writes/s, "
                f"{bare:8.1f} bare commits/s",
                flush=True,
            )
    for synchronous, rates in results.items():
        print(
            f"{synchronous:6} median {statistics.median(rates):8.1f} account writes/s "
            f"(min {min(rates):.1f}, max {max(rates):.1f}, {args.writes} writes x {args.rounds}); "
            f"bare commits median {statistics.median(raw[synchronous]):.1f}/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
