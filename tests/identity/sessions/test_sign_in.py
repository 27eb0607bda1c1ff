"""Sign-in, sessions, throttling, deactivation."""

from __future__ import annotations

from sqlalchemy import func, select

from pcrm.identity.permissions import Role
from pcrm.identity.sessions.models import UserSession
from tests.factories import (
    PASSWORD,
    bearer,
    csrf_token,
    make_token,
    make_user,
    make_workspace,
    sign_in,
)


def _setup(uow, role=Role.SALES):
    with uow() as db:
        acme = make_workspace(db)
        owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        member = make_user(db, acme, "member@acme.example", role, name="李工")
    return acme, owner, member


def _post_login(client, email, password, ip_headers=None):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token, "next": "/"},
        headers=ip_headers or {},
    )


def test_sign_in_sets_a_session_cookie_and_opens_the_workbench(uow, client):
    _setup(uow)
    response = _post_login(client, "member@acme.example", PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "pcrm_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    page = client.get("/")
    assert page.status_code == 200
    assert "李工" in page.text


def test_session_cookie_is_secure_over_https(uow, app):
    from fastapi.testclient import TestClient

    _setup(uow)
    app.state.settings.cookie_secure = "auto"
    try:
        with TestClient(app, base_url="https://testserver", follow_redirects=False) as secure:
            secure.get("/login")
            token = secure.cookies["__Host-pcrm_csrf"]
            response = secure.post(
                "/login",
                data={"email": "member@acme.example", "password": PASSWORD, "csrf_token": token},
            )
            cookies = response.headers.get_list("set-cookie")
            session = next(c for c in cookies if c.startswith("__Host-pcrm_session="))
            csrf = next(c for c in cookies if c.startswith("__Host-pcrm_csrf="))
            assert "Secure" in session
            assert "Path=/" in session
            assert "Domain" not in session
            assert "Secure" in csrf
            assert secure.get("/").status_code == 200
        assert "pcrm_session" not in {c.split("=")[0] for c in cookies}
    finally:
        app.state.settings.cookie_secure = "never"


def test_each_sign_in_gets_a_new_session_id(uow, make_client):
    acme, _owner, _member = _setup(uow)
    first, second = make_client(), make_client()
    _post_login(first, "member@acme.example", PASSWORD)
    _post_login(second, "member@acme.example", PASSWORD)
    assert first.cookies["pcrm_session"] != second.cookies["pcrm_session"]
    with uow() as db:
        count = db.scalar(
            select(func.count()).select_from(UserSession).where(UserSession.workspace_id == acme.id)
        )
    assert count == 2


def test_unknown_user_and_wrong_password_answer_the_same(uow, client):
    _setup(uow)
    wrong = _post_login(client, "member@acme.example", "not-the-password")
    unknown = _post_login(client, "nobody@acme.example", "not-the-password")
    assert wrong.status_code == unknown.status_code == 400
    assert "邮箱或密码不正确。" in wrong.text
    assert wrong.text.replace("member@acme.example", "X") == unknown.text.replace(
        "nobody@acme.example", "X"
    ).replace(unknown.cookies.get("pcrm_csrf", ""), wrong.cookies.get("pcrm_csrf", ""))
    assert "pcrm_session" not in client.cookies


def test_sign_out_revokes_the_session(uow, client):
    _setup(uow)
    token = sign_in(client, "member@acme.example")
    stolen = client.cookies["pcrm_session"]
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 303
    client.cookies.set("pcrm_session", stolen)
    again = client.get("/")
    assert again.status_code == 303
    assert again.headers["location"] == "/login"


def test_pages_redirect_to_sign_in_and_come_back(client):
    response = client.get("/admin/users?q=x")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fadmin%2Fusers%3Fq%3Dx"


def test_sign_in_never_redirects_off_site(uow, client):
    _setup(uow)
    token = csrf_token(client)
    response = client.post(
        "/login",
        data={
            "email": "member@acme.example",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
    )
    assert response.headers["location"] == "/"


def test_a_deactivated_users_session_and_token_stop_working(uow, client, make_client):
    acme, _owner, member = _setup(uow)
    with uow() as db:
        token = make_token(db, acme, "member@acme.example")
    member_client = make_client()
    sign_in(member_client, "member@acme.example")
    assert member_client.get("/").status_code == 200
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200

    owner_csrf = sign_in(client, "owner@acme.example")
    user = client.get(f"/api/v1/users/{member.user_id}").json()
    response = client.post(
        f"/admin/users/{member.user_id}",
        data={
            "csrf_token": owner_csrf,
            "version": user["version"],
            "name": user["name"],
            "role": user["role"],
            "is_active": "false",
        },
    )
    assert response.status_code == 303

    assert member_client.get("/").status_code == 303
    api = client.get("/api/v1/me", headers=bearer(token))
    assert api.status_code == 401
    assert api.headers["content-type"] == "application/problem+json"
    assert _post_login(make_client(), "member@acme.example", PASSWORD).status_code == 400
