"""Run Alembic migrations from code (CLI, demo, tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from pcrm.config import PACKAGE_DIR
from pcrm.core.db import refresh_statistics

ROOT = PACKAGE_DIR.parent.parent


SEARCH_INDEX_TABLES = ("accounts_fts", "contacts_fts")
# SQLite cannot reflect indexes over expressions (the leading-name indexes over
# substr(search_text, 1, n)): SQLAlchemy warns and Alembic skips comparing them there, while
# PostgreSQL compares them. tests/core/test_migrations.py checks their SQL on both.
EXPRESSION_INDEX_WARNING = "Skipped unsupported reflection of expression-based index"


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate ignores the search indexes that migrations make by hand: SQLite's FTS5
    tables and PostgreSQL's GIN indexes over the gram arrays."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_INDEX_TABLES)
    if type_ == "index":
        return not name.endswith("_search_grams")
    return True


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(Path(ROOT / "migrations")))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
    refresh_statistics(database_url)  # a migration may have rewritten or filled tables


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)
