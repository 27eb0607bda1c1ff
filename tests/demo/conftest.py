"""The seeded demo, shared by the demo's tests: seeded once per test session into a database of
its own (per backend and, under pytest-xdist, per worker: the seeded tests are grouped on one
worker with `xdist_group("demo")`, effective with `--dist loadgroup`), then only read. Sessions
handed out roll back. A test that writes works on a copy of the seeded database
(`demo_copy`), so the others still read the demo as seeded."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from pcrm.core.audit import set_actor
from pcrm.core.migrate import upgrade
from pcrm.demo import DEMO_SLUG, DEMO_USERS, seed_demo
from pcrm.identity.workspaces import repository as identity_repo
from pcrm.main import create_app
from tests.conftest import BACKENDS, _postgres_database, make_settings
from tests.factories import SETTINGS, make_token


@dataclass(frozen=True, slots=True)
class Demo:
    """A seeded demo database and the application over it."""

    app: FastAPI
    url: str
    created: bool  # what `seed_demo` answered when it seeded
    seconds: float  # how long seeding took
    token: str  # an API token of 张伟 (sales), made right after seeding

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session acting as 'test' that rolls back at the end: the demo stays as seeded."""
        db: Session = self.app.state.session_factory()
        set_actor(db, None, "test")
        try:
            yield db
        finally:
            db.rollback()
            db.close()


def _token(app: FastAPI) -> str:
    """An API token of 张伟 (sales), for the tests' API requests."""
    with app.state.session_factory() as db:
        workspace = identity_repo.workspace_by_slug(db, DEMO_SLUG)
        assert workspace is not None
        token = make_token(db, workspace, DEMO_USERS[3].email)
        db.commit()
    return token


@pytest.fixture(scope="session", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """The demo, seeded through `seed_demo` once per backend and test process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if request.param == "postgresql":
        url = _postgres_database(f"demo_{worker}")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    upgrade(url)
    app = create_app(make_settings(url))
    started = time.perf_counter()
    with app.state.session_factory() as db:
        set_actor(db, None, "test")
        created = seed_demo(db, SETTINGS)
        db.commit()
    seconds = time.perf_counter() - started
    print(f"\ndemo seed on {request.param}: {seconds:.1f} s")  # shown with -s
    yield Demo(app, url, created, seconds, _token(app))
    app.state.engine.dispose()


def _copy(url: str) -> str:
    """A copy of a seeded database (none of its connections may be open)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None
        source = Path(parsed.database)
        target = source.with_name("copy.sqlite3")
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        return f"sqlite:///{target}"
    name = f"{parsed.database}_copy"
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def demo_copy(demo: Demo) -> Iterator[Demo]:
    """The seeded demo copied for a test that writes to it."""
    demo.app.state.engine.dispose()  # a database copies only without connections
    url = _copy(demo.url)
    app = create_app(make_settings(url))
    yield Demo(app, url, demo.created, demo.seconds, demo.token)
    app.state.engine.dispose()


@pytest.fixture
def demo_client(demo: Demo) -> Iterator[TestClient]:
    with TestClient(demo.app, base_url="http://testserver", follow_redirects=False) as client:
        yield client
