"""Engine settings that the benchmarks showed to matter."""

from __future__ import annotations

import pytest
from sqlalchemy import text


def test_postgresql_plans_every_statement_for_its_own_values(engine):
    """A generic plan of a prepared search statement took seconds under load (docs/
    performance.md); every PostgreSQL connection asks for custom plans."""
    if engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with engine.connect() as conn:
        assert conn.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"


def test_sqlite_reads_the_database_through_a_memory_map(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA mmap_size")).scalar() > 1024**3


def test_sqlite_syncs_every_commit_to_disk(engine):
    """synchronous=FULL (2): a confirmed write survives a power cut (docs/performance.md)."""
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2


def test_a_migrated_postgresql_database_gives_the_planner_statistics_of_every_table(engine):
    """`upgrade` ends with ANALYZE (core.db.refresh_statistics): without it, on a cluster whose
    autovacuum is off or has not run yet, a table is "never analyzed" (reltuples -1) and the
    planner guesses, as it did for the contact list's capped count (10–15 s a request)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    with engine.connect() as conn:
        never = (
            conn.execute(
                text(
                    "SELECT c.relname FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples < 0 "
                    "ORDER BY c.relname"
                )
            )
            .scalars()
            .all()
        )
        tables = conn.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar()
    assert tables > 40
    assert never == []
