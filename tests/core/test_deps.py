"""The request's unit of work: a plain `def` handler ends its session in its own thread and
gives the connection back before the response is serialised (core.deps.SessionRoute)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, field_serializer
from sqlalchemy import event, text

from pcrm.core.db import make_engine, make_session_factory
from pcrm.core.deps import DB, SessionRoute
from pcrm.main import create_app
from tests.conftest import make_settings

PROBE: dict[str, Any] = {}  # what the handler and the serialiser saw


class Saved(BaseModel):
    body: str

    @field_serializer("body")
    def _body(self, body: str) -> str:
        PROBE["checked_out_while_serialising"] = PROBE["engine"].pool.checkedout()
        return body


@pytest.fixture
def notes_app(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'notes.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (body TEXT NOT NULL)"))
    factory = make_session_factory(engine)
    PROBE.clear()
    PROBE["engine"] = engine
    event.listen(factory, "after_commit", lambda _s: PROBE.update(commit=threading.get_ident()))
    router = APIRouter(route_class=SessionRoute)

    @router.post("/notes")
    def add_note(db: DB, body: str, fail: bool = False) -> Saved:
        db.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
        PROBE["handler"] = threading.get_ident()
        if fail:
            raise RuntimeError("the handler failed after writing")
        return Saved(body=body)

    app = FastAPI()
    app.state.session_factory = factory
    app.state.session_ends = anyio.CapacityLimiter(2)
    app.include_router(router)

    def notes() -> list[str]:
        with engine.connect() as conn:
            return list(conn.scalars(text("SELECT body FROM notes")))

    yield app, PROBE, notes
    engine.dispose()


def test_the_handler_commits_in_its_own_thread_before_the_response_is_serialised(notes_app):
    app, seen, notes = notes_app

    with TestClient(app) as client:
        response = client.post("/notes", params={"body": "签约"})

    assert response.status_code == 200
    assert response.json() == {"body": "签约"}
    assert notes() == ["签约"]
    assert seen["commit"] == seen["handler"]
    assert seen["checked_out_while_serialising"] == 0


def test_a_handler_that_raises_leaves_nothing_written(notes_app):
    app, seen, notes = notes_app

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/notes", params={"body": "半截", "fail": "true"})

    assert response.status_code == 500
    assert notes() == []
    assert "commit" not in seen


def test_every_route_of_the_app_ends_its_session_in_the_handler(tmp_path):
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'pcrm.sqlite3'}"))
    routes = [r for r in _routes(app.routes) if hasattr(r, "dependant")]

    assert len(routes) > 100
    assert [r.path for r in routes if not isinstance(r, SessionRoute)] == []


def _routes(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's included routers
        yield from _routes(included.routes) if included is not None else [route]
