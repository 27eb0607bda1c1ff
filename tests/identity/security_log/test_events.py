"""What goes into the security log: sign-ins (with the e-mail tried, address and browser),
sign-outs, ended sessions, API tokens made, first used, revoked and refused, refused writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from pcrm.core.audit import AuditTamperError
from pcrm.core.db import utcnow
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.security_log.models import SecurityEvent
from pcrm.identity.sessions.models import UserSession
from pcrm.identity.users.models import User
from tests.factories import PASSWORD, bearer, csrf_token, sign_in

UA = {"User-Agent": "Mozilla/5.0 (tests)"}


def _events(uow, **where):
    with uow() as db:
        query = select(SecurityEvent).order_by(SecurityEvent.id).execution_options(**GLOBAL)
        for key, value in where.items():
            query = query.where(getattr(SecurityEvent, key) == value)
        return [
            (e.kind.value, e.outcome.value, e.workspace_id, e.user_id, e.email, e.detail)
            for e in db.scalars(query)
        ]


def _login(client, email, password):
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post("/login", data=data, headers=UA)


def test_sign_ins_are_logged_with_the_address_tried_ip_and_browser(uow, client, acme):
    assert _login(client, "Viewer@acme.example", "wrong-password").status_code == 400
    assert _login(client, "nobody@acme.example", "wrong-password").status_code == 400
    assert _login(client, "viewer@acme.example", PASSWORD).status_code == 303

    ws, viewer = acme.workspace.id, acme.viewer.user_id
    assert _events(uow, kind="sign_in") == [
        ("sign_in", "failure", ws, viewer, "viewer@acme.example", "wrong password"),
        ("sign_in", "failure", None, None, "nobody@acme.example", "unknown e-mail"),
        ("sign_in", "success", ws, viewer, "viewer@acme.example", None),
    ]
    with uow() as db:
        rows = db.execute(
            select(SecurityEvent.ip, SecurityEvent.user_agent, SecurityEvent.request_id)
            .where(SecurityEvent.kind == "sign_in")
            .execution_options(**GLOBAL)
        ).all()
    assert {(ip, agent) for ip, agent, _ in rows} == {("testclient", "Mozilla/5.0 (tests)")}
    assert all(request_id for _, _, request_id in rows)


def test_signing_out_is_logged(uow, client, acme):
    csrf = sign_in(client, "viewer@acme.example")

    client.post("/logout", data={"csrf_token": csrf})

    assert _events(uow, kind="sign_out") == [
        ("sign_out", "success", acme.workspace.id, acme.viewer.user_id, "viewer@acme.example", None)
    ]


def test_an_expired_session_used_again_is_logged_once_and_its_cookie_dropped(uow, client, acme):
    sign_in(client, "viewer@acme.example")
    with uow() as db:
        db.execute(
            update(UserSession)
            .where(UserSession.workspace_id == acme.workspace.id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )

    response = client.get("/")

    assert response.status_code == 303
    assert 'pcrm_session=""' in response.headers["set-cookie"]
    assert _events(uow, kind="session_expired") == [
        (
            "session_expired",
            "failure",
            acme.workspace.id,
            acme.viewer.user_id,
            "viewer@acme.example",
            "expired",
        )
    ]


def test_a_token_is_logged_when_made_first_used_and_revoked_not_on_every_use(uow, client, acme):
    made = client.post(
        "/api/v1/api-tokens", json={"name": "ERP"}, headers=bearer(acme.tokens["admin"])
    )
    raw, token_id = made.json()["token"], made.json()["id"]
    for _ in range(3):
        assert client.get("/api/v1/me", headers=bearer(raw)).status_code == 200
    client.delete(f"/api/v1/api-tokens/{token_id}", headers=bearer(acme.tokens["admin"]))
    refused = client.get("/api/v1/me", headers=bearer(raw))

    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    ws, admin = acme.workspace.id, acme.admin.user_id
    assert _events(uow, credential_id=token_id) == [
        ("token_created", "success", ws, admin, "admin@acme.example", "ERP"),
        ("token_first_used", "success", ws, admin, "admin@acme.example", None),
        ("token_revoked", "success", ws, admin, "admin@acme.example", "ERP"),
        ("token_refused", "failure", ws, admin, "admin@acme.example", "revoked"),
    ]


def test_a_refused_write_is_logged_and_changes_nothing(uow, client, acme):
    with uow() as db:
        before = db.scalar(
            select(User.role).where(
                User.workspace_id == acme.workspace.id, User.id == acme.owner.user_id
            )
        )

    refused = client.patch(
        f"/api/v1/users/{acme.owner.user_id}",
        json={"role": "viewer"},
        headers=bearer(acme.tokens["viewer"]) | {"If-Match": '"1"'},
    )
    assert refused.status_code == 403
    events = _events(uow, kind="write_refused")
    assert events[-1] == (
        "write_refused",
        "failure",
        acme.workspace.id,
        acme.viewer.user_id,
        "viewer@acme.example",
        f"PATCH /api/v1/users/{acme.owner.user_id}",
    )
    with uow() as db:
        after = db.scalar(
            select(User.role).where(
                User.workspace_id == acme.workspace.id, User.id == acme.owner.user_id
            )
        )
    assert before == after == Role.OWNER


def test_a_form_without_its_csrf_token_is_a_refused_write(uow, client, acme):
    sign_in(client, "viewer@acme.example")

    response = client.post("/logout", data={"csrf_token": "forged"})

    assert response.status_code == 403
    assert _events(uow, kind="write_refused")[-1][3:] == (
        None,
        None,
        "POST /logout",
    )


def test_security_events_cannot_be_changed_or_deleted(uow, client, acme):
    sign_in(client, "viewer@acme.example")
    with pytest.raises(AuditTamperError), uow() as db:
        event = db.scalars(
            select(SecurityEvent).where(SecurityEvent.workspace_id == acme.workspace.id)
        ).first()
        event.detail = "nothing happened"
        db.flush()
    with pytest.raises(AuditTamperError), uow() as db:
        event = db.scalars(
            select(SecurityEvent).where(SecurityEvent.workspace_id == acme.workspace.id)
        ).first()
        db.delete(event)
        db.flush()

    assert _events(uow, kind="sign_in")[0][5] is None


def test_an_export_is_logged_through_the_public_call(uow, acme):
    from pcrm.identity.public import operator_principal, record_export

    with uow() as db:
        record_export(db, operator_principal(db, "acme", "admin@acme.example"), "accounts CSV")

    assert _events(uow, kind="export") == [
        (
            "export",
            "success",
            acme.workspace.id,
            acme.admin.user_id,
            "admin@acme.example",
            "accounts CSV",
        )
    ]
