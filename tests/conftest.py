"""Test fixtures. Every test that touches the database runs on SQLite and, when
PCRM_TEST_POSTGRES_URL is set (CI sets it), on PostgreSQL too.

Each test that uses the session's `app` (itself or through `client`, `uow`, `engine`, ...)
runs in one transaction that is rolled back at its end: the app's session factory is bound to
one connection, and every session on it (each request's, each `uow()`) works in a savepoint
of that transaction, so its `commit()` releases the savepoint and its `rollback()` returns to
it. Rolling back is much cheaper than deleting every table after every test.

Some tests need real commits, because something else uses the database at the same time or
commits on a connection of its own: the CLI, `get_or_create_secret`, another thread. Mark
those `@pytest.mark.commits`: they commit for real, and every table is emptied after them.
Tests that use `live_server` (tests/e2e: a browser sends requests in parallel) are treated as
`commits` without the mark. Tests that build an app or an engine of their own (on tmp_path
databases) touch neither.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from pcrm.config import Settings
from pcrm.core.audit import set_actor
from pcrm.core.migrate import upgrade
from pcrm.core.pagination import forget_counts
from pcrm.main import create_app
from pcrm.models import metadata

POSTGRES_URL = os.environ.get("PCRM_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def _postgres_database(worker: str) -> str:
    """A database of its own for this test process, created (and emptied) idempotently."""
    assert POSTGRES_URL is not None
    url = make_url(POSTGRES_URL)
    name = f"{url.database}_{worker}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    target = url.set(database=name)
    engine = create_engine(target)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return target.render_as_string(hide_password=False)


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": "test-secret-key-not-for-production",
        "password_hasher": "fast-insecure-for-tests",
        "cookie_secure": "never",
        "background_jobs": False,  # tests run rounds themselves (tests/core/test_jobs.py)
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if request.param == "postgresql":
        url = _postgres_database(worker)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'pcrm.sqlite3'}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def app(database_url: str) -> FastAPI:
    return create_app(make_settings(database_url))


@pytest.fixture(scope="session")
def engine(app: FastAPI) -> Engine:
    engine: Engine = app.state.engine
    return engine


def _wipe(engine: Engine) -> None:
    """DELETE in dependency order: for the few rows a test writes that is about 30 times
    faster than TRUNCATE on PostgreSQL. Ids are not restarted, so tests must not assume them."""
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


class Joined:
    """A test's outer transaction: the connection the app's sessions are bound to, and the
    names of the savepoints the sessions began on it as their own transactions (not those of
    the app's `begin_nested()`)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.savepoints: set[str] = set()

    def note(self, _session: Session, transaction: SessionTransaction, conn: Connection) -> None:
        """after_begin: a session's outermost transaction is a savepoint of the test's."""
        if transaction.parent is None and conn is self.connection:
            savepoint = conn.get_nested_transaction()
            if savepoint is not None:
                self.savepoints.add(savepoint._savepoint)

    def wraps(self, statement: str) -> bool:
        """Is the statement the begin, release or rollback of a session's own savepoint?"""
        verb, _, name = statement.rpartition(" ")
        return name in self.savepoints and verb in _SAVEPOINT_VERBS


_SAVEPOINT_VERBS = {"SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"}


@contextmanager
def _joined(app: FastAPI) -> Iterator[Joined]:
    """Bind the app's session factory to one connection in a transaction, and roll that back
    at the end: SQLAlchemy's "joining a Session into an external transaction" recipe."""
    engine: Engine = app.state.engine
    factory: sessionmaker[Session] = app.state.session_factory
    configured = dict(factory.kw)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        driver: Any = connection.connection.driver_connection
        if sqlite:
            # pysqlite begins a transaction only before a write (Python 3.12 adds its
            # `autocommit` attribute for this), so a SAVEPOINT sent first would stand on its own
            # and survive the rollback: send BEGIN ourselves, on this connection only.
            driver.isolation_level = None
        outer = connection.begin()
        if sqlite:
            driver.execute("BEGIN")
        joined = Joined(connection)
        factory.configure(bind=connection, join_transaction_mode="create_savepoint")
        event.listen(factory, "after_begin", joined.note)
        try:
            yield joined
        finally:
            event.remove(factory, "after_begin", joined.note)
            factory.kw = configured
            outer.rollback()
            if sqlite:
                driver.isolation_level = ""  # pysqlite's default again, for the pool


def _commits(request: pytest.FixtureRequest) -> bool:
    marked = request.node.get_closest_marker("commits") is not None
    return marked or "live_server" in request.fixturenames


@pytest.fixture(autouse=True)
def _database(request: pytest.FixtureRequest) -> Iterator[Joined | None]:
    """Roll the test's writes back (or, for a `commits` test, empty every table after it), and
    forget the counts core.pagination remembers."""
    if "app" not in request.fixturenames:
        yield None
        forget_counts()
        return
    app: FastAPI = request.getfixturevalue("app")
    if _commits(request):
        try:
            yield None
            forget_counts()
        finally:
            _wipe(app.state.engine)
        return
    with _joined(app) as joined:
        yield joined
        forget_counts()


@pytest.fixture
def uow(app: FastAPI) -> Callable[[], contextmanager[Session]]:  # type: ignore[type-arg]
    """`with uow() as db:` gives a session that commits at the end, acting as 'test' (in the
    test's transaction, like the requests' sessions, unless the test is marked `commits`)."""

    @contextmanager
    def unit() -> Iterator[Session]:
        session: Session = app.state.session_factory()
        set_actor(session, None, "test")
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    return unit


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def make_client(app: FastAPI) -> Iterator[Callable[[], TestClient]]:
    clients: list[TestClient] = []

    def factory() -> TestClient:
        test_client = TestClient(app, base_url="http://testserver", follow_redirects=False)
        clients.append(test_client)
        return test_client

    yield factory
    for test_client in clients:
        test_client.close()


class QueryCounter:
    """The statements sent inside a `count_queries()` block, less the savepoints the rolled
    back test wraps each session in (a savepoint the app begins itself counts)."""

    def __init__(self, joined: Joined | None) -> None:
        self.sent: list[str] = []
        self._joined = joined

    @property
    def statements(self) -> list[str]:
        joined = self._joined
        return [s for s in self.sent if joined is None or not joined.wraps(s)]

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(
    engine: Engine, _database: Joined | None
) -> Callable[[], contextmanager[QueryCounter]]:  # type: ignore[type-arg]
    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter(_database)

        def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            counter.sent.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(__file__).resolve().parent.parent / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`--dist loadgroup`, see pyproject.toml) a test file goes to one
    worker as a whole, which keeps its module fixtures to one process, unless its tests name a
    group of their own: the demo's tests share one seeded database (`xdist_group("demo")`)."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
