"""Security headers on every response, CSRF on every unsafe request, no stack traces."""

from __future__ import annotations

import re

import anyio
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.security import PlatformMiddleware
from pcrm.identity.permissions import Role
from pcrm.identity.workspaces.models import Workspace
from tests.factories import api_routes, bearer, make_token, make_user, make_workspace, sign_in

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.mark.parametrize(
    "path", ["/login", "/api/v1/me", "/static/css/app.css", "/nowhere", "/api/openapi.json"]
)
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert len(headers["x-request-id"]) == 32


def test_every_response_says_how_long_the_server_took(client):
    timing = client.get("/api/v1/me").headers["server-timing"]

    assert re.fullmatch(r"app;dur=\d+\.\d", timing)


def test_the_server_time_covers_the_handler():
    async def slow(scope, receive, send):
        await anyio.sleep(0.05)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = PlatformMiddleware(
        slow, secret=lambda: "s" * 32, default_locale="zh_CN", secure_cookies=lambda _r: False
    )
    timing = TestClient(app).get("/slow").headers["server-timing"]

    assert 50 <= float(timing.removeprefix("app;dur=")) < 1000


def test_every_unsafe_route_refuses_a_request_without_csrf_token(app, client):
    unsafe = [(path, method) for path, methods in api_routes(app) for method in methods & UNSAFE]
    assert {("/login", "POST"), ("/api/v1/users", "POST"), ("/admin/workspace", "POST")} <= set(
        unsafe
    )
    client.get("/login")  # has the CSRF cookie, but does not send the token
    for path, method in unsafe:
        concrete = re.sub(r"\{[a-z_]+\}", "1", path)
        response = client.request(method, concrete, data={"x": "1"})
        assert response.status_code == 403, (method, path, response.status_code)


def test_a_form_without_the_csrf_token_changes_nothing(uow, client):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "owner@acme.example", Role.OWNER)
    token = sign_in(client, "owner@acme.example")
    workspace = client.get("/api/v1/workspace").json()
    forged = client.post(
        "/admin/workspace",
        data={
            "version": workspace["version"],
            "name": "被篡改",
            "currency": "USD",
            "default_locale": "en",
            "timezone": "UTC",
        },
    )
    assert forged.status_code == 403
    wrong = client.post(
        "/admin/workspace",
        headers={"X-CSRF-Token": token + "x"},
        data={
            "version": workspace["version"],
            "name": "被篡改",
            "currency": "USD",
            "default_locale": "en",
            "timezone": "UTC",
        },
    )
    assert wrong.status_code == 403
    with uow() as db:
        assert db.scalar(select(Workspace.name)) == "Acme 工程"


def test_a_request_from_another_origin_is_refused(uow, client):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "owner@acme.example", Role.OWNER)
    token = sign_in(client, "owner@acme.example")
    response = client.post(
        "/settings/tokens",
        data={"name": "x", "scopes": "read", "csrf_token": token},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    same = client.post(
        "/settings/tokens",
        data={"name": "x", "scopes": "read", "csrf_token": token},
        headers={"Origin": "http://testserver"},
    )
    assert same.status_code == 200


def test_htmx_requests_send_the_token_in_a_header(uow, client):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "owner@acme.example", Role.OWNER)
    token = sign_in(client, "owner@acme.example")
    response = client.post(
        "/settings/tokens",
        data={"name": "via htmx", "scopes": "read"},
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
    )
    assert response.status_code == 200


def test_bearer_requests_need_no_csrf_token(uow, client):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "owner@acme.example", Role.OWNER)
        token = make_token(db, acme, "owner@acme.example")
    response = client.post("/api/v1/api-tokens", json={"name": "script"}, headers=bearer(token))
    assert response.status_code == 201


def test_a_bad_bearer_token_never_falls_back_to_the_cookie(uow, client):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "owner@acme.example", Role.OWNER)
    sign_in(client, "owner@acme.example")
    response = client.post("/api/v1/api-tokens", json={"name": "x"}, headers=bearer("pcrm_forged"))
    assert response.status_code == 401


def test_an_unexpected_error_shows_no_stack_trace(app):
    from fastapi.testclient import TestClient

    @app.get("/api/v1/_boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("secret internals")

    try:
        with TestClient(app, raise_server_exceptions=False) as raw:
            response = raw.get("/api/v1/_boom")
        assert response.status_code == 500
        assert "secret internals" not in response.text
        assert "Traceback" not in response.text
        assert response.json()["title"] == "Internal server error"
    finally:
        app.router.routes = [
            r for r in app.router.routes if getattr(r, "path", "") != "/api/v1/_boom"
        ]
