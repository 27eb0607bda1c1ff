"""Who is signed in, through the JSON API: /me, and the problem without a token."""

from __future__ import annotations

from tests.factories import bearer


def test_me_describes_user_workspace_and_permissions(client, acme):
    body = client.get("/api/v1/me", headers=bearer(acme.tokens["viewer"])).json()
    assert body["user"]["email"] == "viewer@acme.example"
    assert body["workspace"]["slug"] == "acme"
    assert body["permissions"] == ["read"]


def test_without_a_token_the_api_answers_401_problem(client):
    response = client.get("/api/v1/users")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    body = response.json()
    assert (body["status"], body["title"]) == (401, "Sign-in required")
    assert response.headers["content-type"] == "application/problem+json"
