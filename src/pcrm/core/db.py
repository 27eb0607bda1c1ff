"""Database base class, naming convention, engine and session factories."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    DateTime,
    Engine,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    Row,
    TypeDecorator,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.pool import NullPool

from pcrm.core.context import record_clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 64-bit ids on PostgreSQL; SQLite's INTEGER PRIMARY KEY is already 64-bit and is the rowid.
IdType = BigInteger().with_variant(Integer(), "sqlite")


def vocabulary(cls: type[Any], name: str, length: int = 20) -> Enum:
    """A closed vocabulary (a StrEnum) stored as its values in a checked VARCHAR: portable
    between SQLite and PostgreSQL, and a new value needs no ALTER TYPE."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        length=length,
        validate_strings=True,
        values_callable=lambda e: [m.value for m in e],
    )


def utcnow() -> datetime:
    return datetime.now(UTC)


def record_time() -> datetime:
    """When a record written now was created or changed: the real time, unless the record
    clock is set (`pcrm.core.context.set_record_clock`, the demo writing its past)."""
    clock = record_clock()
    return clock.astimezone(UTC) if clock is not None else datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; PCRM stores aware UTC datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


class IdMixin:
    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=record_time)
    updated_at: Mapped[datetime] = mapped_column(default=record_time, onupdate=record_time)


class TenantMixin:
    """Every business row belongs to a workspace. Tenant tables are found by this column."""

    @declared_attr
    def workspace_id(cls) -> Mapped[int]:
        return mapped_column(
            IdType, ForeignKey("workspaces.id", ondelete="CASCADE"), index=True, nullable=False
        )


class VersionedMixin:
    """Optimistic locking: SQLAlchemy adds `WHERE version = :old` to every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


# SQLite reads the database file through a memory map of up to this size instead of copying
# each page into every connection's own cache (the map is shared by all connections of all
# processes, through the OS page cache); SQLite caps it at its build's limit (2 GiB here).
# Measured alternating with and without it (account list, a million contacts, c = 8): about
# 6 % less CPU per request.
SQLITE_MMAP_BYTES = 4 * 1024**3


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # FULL: a commit the user saw succeed survives a power cut too (in WAL mode NORMAL keeps the
    # file consistent but may lose the last commits). It costs one fsync per commit: about 11 ms
    # on the development VM, some 15 % of an account write (bench/sqlite_durability.py,
    # docs/performance.md, 2026-12-07).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # psycopg prepares a statement once it has run five times, and PostgreSQL then may switch
    # it to one generic plan for every parameter value. For a search (a rare gram or a common
    # one) that plan was a disaster: a capped count of a 2-character query ran for 10–20 s
    # under load instead of milliseconds. Plan each execution for its own values.
    options = {"options": "-c plan_cache_mode=force_custom_plan"}
    return create_engine(url, pool_pre_ping=True, connect_args=options, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit when the block succeeds, roll back when it raises."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def row_dicts(rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """Rows of one statement as dicts, for a schema to validate: pydantic reads a dict about
    twice as fast as a row's mapping, and `dict(zip(fields, row))` builds one four times as
    fast as `Row._asdict()` (0.07 against 0.27 ms for 50 contacts)."""
    if not rows:
        return []
    fields = rows[0]._fields
    return [dict(zip(fields, row, strict=True)) for row in rows]


def refresh_statistics(database_url: str) -> None:
    """Give PostgreSQL's planner fresh statistics of every table (`ANALYZE`): after a
    migration, after the demo seed and after bulk writes. Autovacuum would get there in time,
    or never where it is off (as on the development cluster): a freshly loaded database
    without statistics planned the contact list's capped count as a nested loop over "one
    row" and ran it for 10–15 s a request. SQLite keeps its planner on the schema's indexes
    (its plans are pinned by tests), so nothing is done there."""
    if database_url.startswith("sqlite"):
        return
    engine = make_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    finally:
        engine.dispose()


def ping(db: Session) -> None:
    """One round trip to the database (the health check)."""
    db.execute(text("SELECT 1"))
