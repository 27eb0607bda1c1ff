"""Migrations run up, down and up again on both databases, and match the models."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from pcrm.core.db import make_engine
from pcrm.core.migrate import SEARCH_INDEX_TABLES, downgrade, include_name, upgrade
from pcrm.models import metadata
from tests.conftest import BACKENDS, _postgres_database


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path):
    if request.param == "postgresql":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        return _postgres_database(f"{worker}_migrations")
    return f"sqlite:///{tmp_path / 'migrations.sqlite3'}"


def _tables(url):
    engine = make_engine(url)
    try:
        names = set(inspect(engine).get_table_names()) - {"alembic_version"}
        return {n for n in names if not n.startswith(SEARCH_INDEX_TABLES)}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(empty_database):
    upgrade(empty_database)
    assert _tables(empty_database) == set(metadata.tables)
    downgrade(empty_database, "base")
    assert _tables(empty_database) == set()
    upgrade(empty_database)
    assert _tables(empty_database) == set(metadata.tables)


def test_the_migrated_schema_matches_the_models(empty_database):
    upgrade(empty_database)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_name})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()
