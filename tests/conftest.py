"""Test fixtures. Every test that touches the database runs on SQLite and, when
PCRM_TEST_POSTGRES_URL is set (CI sets it), on PostgreSQL too."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

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


@pytest.fixture(autouse=True)
def _clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    engine = request.getfixturevalue("engine") if "app" in request.fixturenames else None
    yield
    forget_counts()
    if engine is not None:
        _wipe(engine)


@pytest.fixture
def uow(app: FastAPI) -> Callable[[], contextmanager[Session]]:  # type: ignore[type-arg]
    """`with uow() as db:` gives a session that commits at the end, acting as 'test'."""

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
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(engine: Engine) -> Callable[[], contextmanager[QueryCounter]]:  # type: ignore[type-arg]
    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()

        def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            counter.statements.append(statement)

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
