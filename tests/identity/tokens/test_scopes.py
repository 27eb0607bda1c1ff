"""API token scopes and expiry: a token reaches only the areas and access its scopes name,
never more than its user's role at the time of the request; out of scope is a 403 and expired
a 401, both problem+json and both in the security log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from pcrm.core.db import utcnow
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.public import operator_principal
from pcrm.identity.security_log.models import SecurityEvent
from pcrm.identity.tokens import scopes, service
from pcrm.identity.tokens.models import ApiToken
from pcrm.identity.tokens.schemas import ApiTokenCreate
from tests.factories import bearer


def _token(uow, email, *granted, days=None):
    with uow() as db:
        principal = operator_principal(db, "acme", email)
        data = ApiTokenCreate(name="scoped", scopes=list(granted), expires_in_days=days)
        return bearer(service.create_api_token(db, principal, data)[1])


def _accounts(uow, acme):
    from pcrm.accounts.accounts.models import Account

    with uow() as db:
        query = select(func.count()).select_from(Account)
        return db.scalar(query.where(Account.workspace_id == acme.workspace.id))


def _refusals(uow):
    with uow() as db:
        query = select(SecurityEvent.detail).where(SecurityEvent.kind == "token_refused")
        return list(db.scalars(query.order_by(SecurityEvent.id).execution_options(**GLOBAL)))


def test_the_vocabulary_names_every_area_with_an_api(app):
    vocabulary = scopes.vocabulary()
    assert vocabulary[:2] == ["read", "write"]
    assert {"accounts:read", "accounts:write", "identity:read", "opportunities:write"} <= set(
        vocabulary
    )
    assert scopes.normalized(["accounts:read", "accounts:write", "read"]) == [
        "read",
        "accounts:write",
    ]
    assert scopes.normalized(["read", "write"]) == ["write"]


def test_a_read_only_token_reads_everything_and_writes_nothing(client, uow, acme):
    token = _token(uow, "owner@acme.example", "read")

    assert client.get("/api/v1/users", headers=token).status_code == 200
    assert client.get("/api/v1/accounts", headers=token).status_code == 200
    refused = client.post("/api/v1/accounts", json={"name": "华为"}, headers=token)
    made = client.post("/api/v1/api-tokens", json={"name": "more"}, headers=token)

    assert refused.status_code == made.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["detail"] == "This API token's scopes do not allow this request."
    assert _accounts(uow, acme) == 0
    assert _refusals(uow) == ["scope", "scope"]
    me = client.get("/api/v1/me", headers=token).json()
    assert (me["permissions"], me["scopes"]) == (["read", "view_audit"], ["read"])


def test_an_area_token_reaches_that_area_only(client, uow, acme):
    reader = _token(uow, "owner@acme.example", "accounts:read")
    writer = _token(uow, "owner@acme.example", "accounts:write")

    assert client.get("/api/v1/accounts", headers=reader).status_code == 200
    assert client.get("/api/v1/users", headers=reader).status_code == 403
    assert client.post("/api/v1/accounts", json={"name": "华为"}, headers=reader).status_code == 403
    assert _accounts(uow, acme) == 0
    assert client.post("/api/v1/accounts", json={"name": "华为"}, headers=writer).status_code == 201
    assert client.get("/api/v1/users", headers=writer).status_code == 403
    assert _accounts(uow, acme) == 1


def test_a_token_never_exceeds_its_users_role_even_when_demoted(client, uow, acme):
    viewers = _token(uow, "viewer@acme.example", "write")
    admins = _token(uow, "admin@acme.example", "write")
    assert (
        client.post("/api/v1/accounts", json={"name": "华为"}, headers=viewers).status_code == 403
    )
    assert client.post("/api/v1/accounts", json={"name": "华为"}, headers=admins).status_code == 201

    url = f"/api/v1/users/{acme.admin.user_id}"
    owner = bearer(acme.tokens["owner"])
    etag = client.get(url, headers=owner).headers["etag"]
    demoted = client.patch(url, json={"role": "viewer"}, headers={**owner, "If-Match": etag})
    assert demoted.status_code == 200

    again = client.post("/api/v1/accounts", json={"name": "中兴"}, headers=admins)
    assert again.status_code == 403
    assert _accounts(uow, acme) == 1


def test_a_token_makes_tokens_only_within_its_own_scopes(client, uow, acme):
    token = _token(uow, "owner@acme.example", "identity:write", "accounts:read")

    wider = client.post(
        "/api/v1/api-tokens", json={"name": "w", "scopes": ["accounts:write"]}, headers=token
    )
    within = client.post(
        "/api/v1/api-tokens", json={"name": "r", "scopes": ["accounts:read"]}, headers=token
    )

    assert wider.status_code == 422
    assert wider.json()["errors"][0]["field"] == "scopes"
    assert within.status_code == 201
    assert within.json()["scopes"] == ["accounts:read"]


@pytest.mark.parametrize("scope", ["payroll:read", "accounts:admin", "", "READ"])
def test_an_unknown_scope_is_a_422(client, acme, scope):
    response = client.post(
        "/api/v1/api-tokens",
        json={"name": "x", "scopes": [scope]},
        headers=bearer(acme.tokens["owner"]),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("scopes")


def test_an_expired_token_answers_401_and_is_logged(client, uow, acme):
    token = _token(uow, "owner@acme.example", "read", days=1)
    with uow() as db:
        db.execute(
            ApiToken.__table__.update()
            .where(ApiToken.workspace_id == acme.workspace.id, ApiToken.name == "scoped")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )

    response = client.get("/api/v1/me", headers=token)

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert _refusals(uow) == ["expired"]


def test_the_server_caps_how_long_a_token_lasts(client, app, acme):
    owner = bearer(acme.tokens["owner"])
    app.state.settings.api_token_max_days = 30
    try:
        longest = client.post("/api/v1/api-tokens", json={"name": "a"}, headers=owner)
        too_long = client.post(
            "/api/v1/api-tokens", json={"name": "b", "expires_in_days": 31}, headers=owner
        )
    finally:
        app.state.settings.api_token_max_days = None

    assert longest.status_code == 201
    expires = longest.json()["expires_at"]
    days = (datetime.fromisoformat(expires) - utcnow()).total_seconds() / 86400
    assert 29.99 < days <= 30
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "expires_in_days"
