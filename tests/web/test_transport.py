"""Cache and transport headers, and the cookies they decide: `Cache-Control: no-store` on all
but static files and the health check, HSTS over https, `__Host-` cookies when secure, and a
new CSRF token at sign-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.factories import PASSWORD, Team, bearer, csrf_token, make_team, sign_in


@pytest.fixture
def acme(uow) -> Team:
    with uow() as db:
        return make_team(db, with_sales=False)


@pytest.fixture
def https(app) -> Iterator[TestClient]:
    app.state.settings.cookie_secure = "auto"
    try:
        with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
            yield client
    finally:
        app.state.settings.cookie_secure = "never"


def test_pages_and_api_answers_are_never_stored(client, acme):
    token = bearer(acme.tokens["admin"])
    answers = [
        client.get("/login"),
        client.get("/admin/users"),  # a redirect to sign in
        client.get("/api/v1/me", headers=token),
        client.get("/api/v1/users", headers=token),
        client.get("/api/v1/me"),  # a 401 problem
        client.get("/nowhere"),
        client.get("/api/openapi.json"),
    ]
    sign_in(client, "admin@acme.example")
    answers += [client.get("/"), client.get("/admin/security"), client.get("/settings/tokens")]

    assert [a.headers.get("cache-control") for a in answers] == ["no-store"] * len(answers)


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/img/favicon.svg", "/healthz"])
def test_static_files_and_the_health_check_may_be_cached(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.headers.get("cache-control") != "no-store"


def test_hsts_over_https_only(client, https, app):
    assert "strict-transport-security" not in client.get("/login").headers
    assert https.get("/login").headers["strict-transport-security"] == (
        "max-age=31536000; includeSubDomains"
    )
    app.state.settings.trusted_proxies = True
    try:
        behind_proxy = client.get("/login", headers={"X-Forwarded-Proto": "https"})
    finally:
        app.state.settings.trusted_proxies = False
    assert "strict-transport-security" in behind_proxy.headers


def test_secure_cookies_are_host_prefixed_and_plain_names_are_ignored(https, acme):
    https.get("/login")
    assert set(https.cookies.keys()) == {"__Host-pcrm_csrf"}
    real = https.cookies["__Host-pcrm_csrf"]
    # a cookie without the prefix (which a sibling subdomain could set) counts for nothing
    https.cookies.delete("__Host-pcrm_csrf")
    https.cookies.set("pcrm_csrf", real)
    shadowed = https.post(
        "/login",
        data={"email": "viewer@acme.example", "password": PASSWORD, "csrf_token": real},
    )
    assert shadowed.status_code == 403

    https.cookies.clear()
    https.get("/login")
    token = https.cookies["__Host-pcrm_csrf"]
    signed_in = https.post(
        "/login",
        data={"email": "viewer@acme.example", "password": PASSWORD, "csrf_token": token},
    )
    cookies = signed_in.headers.get_list("set-cookie")
    assert signed_in.status_code == 303
    assert sorted(c.split("=")[0] for c in cookies if "pcrm_lang" not in c) == [
        "__Host-pcrm_csrf",
        "__Host-pcrm_session",
    ]
    for cookie in cookies:
        assert "Secure" in cookie
        assert "Path=/" in cookie
        assert "Domain=" not in cookie


def test_signing_in_rotates_the_csrf_token(client, acme):
    before = csrf_token(client)

    after = sign_in(client, "viewer@acme.example")

    assert after != before
    stale = client.post("/logout", data={"csrf_token": before})
    assert stale.status_code == 403
    assert client.post("/logout", data={"csrf_token": after}).status_code == 303
