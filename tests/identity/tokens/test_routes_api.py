"""API tokens through the JSON API: stored hashed and shown once, revoked, and resolved
through the per-process cache."""

from __future__ import annotations

from sqlalchemy import select, update

from pcrm.core.db import utcnow
from pcrm.identity.tokens import service as tokens_service
from pcrm.identity.tokens.models import ApiToken
from tests.factories import bearer


def test_a_revoked_token_is_refused_and_last_use_is_recorded(client, acme):
    token = acme.tokens["admin"]
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200
    listed = client.get("/api/v1/api-tokens", headers=bearer(token)).json()
    assert [t["name"] for t in listed] == ["tests"]
    assert listed[0]["last_used_at"] is not None
    assert listed[0]["token_prefix"] == token[:12]
    response = client.delete(f"/api/v1/api-tokens/{listed[0]['id']}", headers=bearer(token))
    assert response.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_tokens_are_stored_hashed_and_shown_once(client, acme, uow):
    created = client.post(
        "/api/v1/api-tokens", json={"name": "ERP 同步"}, headers=bearer(acme.tokens["owner"])
    )
    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("pcrm_")
    with uow() as db:
        stored = db.scalars(
            select(ApiToken.token_hash).where(ApiToken.workspace_id == acme.workspace.id)
        ).all()
    assert raw not in stored
    listed = client.get("/api/v1/api-tokens", headers=bearer(raw)).json()
    assert all("token" not in t for t in listed)


# --- the API-token cache -----------------------------------------------------------------------


def _token_reads(count_queries, call):
    """The response's status and how many statements read the api_tokens table."""
    with count_queries() as counter:
        response = call()
    return response.status_code, sum("FROM api_tokens" in s for s in counter.statements)


def test_a_token_is_read_once_within_the_cache_window(client, acme, count_queries, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(tokens_service, "_clock", lambda: now[0])
    tokens_service.forget_api_tokens()
    headers = bearer(acme.tokens["viewer"])

    def me():
        return client.get("/api/v1/me", headers=headers)

    assert _token_reads(count_queries, me) == (200, 1)
    assert _token_reads(count_queries, me) == (200, 0)
    now[0] += tokens_service.TOKEN_CACHE_SECONDS
    assert _token_reads(count_queries, me) == (200, 1)
    assert _token_reads(count_queries, me) == (200, 0)


def test_a_token_revoked_by_another_process_stops_working_within_the_window(
    client, acme, uow, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(tokens_service, "_clock", lambda: now[0])
    tokens_service.forget_api_tokens()
    headers = bearer(acme.tokens["viewer"])
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with uow() as db:  # straight to the database, as another process's change would be
        db.execute(
            update(ApiToken)
            .where(ApiToken.workspace_id == acme.workspace.id)
            .values(revoked_at=utcnow())
        )

    now[0] += tokens_service.TOKEN_CACHE_SECONDS - 0.5
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    now[0] += 0.5
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_role_change_made_here_counts_at_once_for_a_cached_token(client, acme):
    viewer, admin = bearer(acme.tokens["viewer"]), bearer(acme.tokens["admin"])
    assert client.get("/api/v1/me", headers=viewer).json()["permissions"] == ["read"]
    url = f"/api/v1/users/{acme.viewer.user_id}"
    etag = client.get(url, headers=admin).headers["etag"]

    changed = client.patch(url, json={"role": "sales"}, headers={**admin, "If-Match": etag})

    assert changed.status_code == 200
    assert client.get("/api/v1/me", headers=viewer).json()["permissions"] == [
        "read",
        "write",
        "write_accounts",
        "write_activities",
        "write_competitors",
        "write_contacts",
        "write_opportunities",
        "write_relationships",
        "write_tenders",
    ]
