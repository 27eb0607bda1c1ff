"""Errors no handler took: answered once, as a 500 problem (API) or error page (people), with
the request id, logged once with the traceback, and not raised again to the server (which
would log it twice and drop the keep-alive connection)."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pcrm.main import create_app
from tests.conftest import make_settings


class Boom(RuntimeError):
    pass


@pytest.fixture(scope="module")
def failing_app(database_url) -> FastAPI:
    """The app with two routes that raise, registered only here."""
    app = create_app(make_settings(database_url))

    @app.get("/api/v1/test-boom")
    def api_boom() -> None:
        raise Boom("secret detail")

    @app.get("/test-boom")
    def page_boom() -> None:
        raise Boom("secret detail")

    return app


def _errors_logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_api_error_is_a_500_problem_logged_once_and_not_raised_again(failing_app, caplog):
    # raise_server_exceptions: the test client raises what the app lets reach the server.
    with TestClient(failing_app, raise_server_exceptions=True) as client:
        response = client.get("/api/v1/test-boom", headers={"X-Request-Id": "req-boom-0001"})
        again = client.get("/api/v1/test-boom")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "req-boom-0001"
    assert response.json() == {
        "type": "about:blank",
        "title": "Internal server error",
        "status": 500,
        "detail": "Internal server error",
        "instance": "/api/v1/test-boom",
        "request_id": "req-boom-0001",
    }
    assert again.status_code == 500
    logged = _errors_logged(caplog)
    assert len(logged) == 2  # once per request
    assert logged[0].getMessage() == "unhandled error (request req-boom-0001)"
    assert logged[0].exc_info is not None
    assert logged[0].exc_info[0] is Boom


def test_a_page_error_is_the_500_page_logged_once(failing_app, caplog):
    with TestClient(failing_app, raise_server_exceptions=True) as client:
        response = client.get("/test-boom", headers={"Accept-Language": "zh-CN"})

    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "secret detail" not in response.text
    assert len(_errors_logged(caplog)) == 1
