"""Alembic environment: PCRM's metadata and naming convention; SQLite runs in batch mode."""

from __future__ import annotations

import warnings
from typing import Any

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.exc import SAWarning

from pcrm.config import get_settings
from pcrm.core.db import UTCDateTime, make_engine
from pcrm.core.migrate import EXPRESSION_INDEX_WARNING, include_name
from pcrm.models import metadata

config = context.config


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Migrations must not import application code: UTCDateTime is a DateTime(timezone=True)."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # A batch migration recreates a table (copy, DROP, rename). With foreign keys on,
        # dropping a table that others point at would delete their rows (ON DELETE CASCADE)
        # or fail; SQLite's documented procedure turns them off and checks them after.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end the autobegun transaction: the migrations run their own
    try:
        _migrate(connection)
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.commit()
            if broken:
                raise RuntimeError(f"the migration left rows pointing nowhere: {broken[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
        include_name=include_name,
    )
    with context.begin_transaction(), warnings.catch_warnings():
        # SQLite cannot reflect indexes over expressions; Alembic skips them there.
        warnings.filterwarnings("ignore", EXPRESSION_INDEX_WARNING, SAWarning)
        context.run_migrations()


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = make_engine(url)
    with engine.connect() as conn:
        run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("PCRM migrations run online only: use `uv run pcrm migrate`.")
main()
