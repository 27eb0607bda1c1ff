"""The API tokens page: a new token is shown once; one without a name is a 422 that makes
none; revoking one goes back to the list with a notice."""

from __future__ import annotations

from tests.factories import sign_in


def _tokens(client):
    return [(t["name"], t["revoked_at"] is None) for t in client.get("/api/v1/api-tokens").json()]


def test_a_token_without_a_name_is_a_422_that_makes_none(client, acme):
    csrf = sign_in(client, "viewer@acme.example")
    before = _tokens(client)

    refused = client.post("/settings/tokens", data={"name": "", "csrf_token": csrf})

    assert refused.status_code == 422
    assert 'data-testid="error-name">内容过短。</div>' in refused.text
    assert 'data-testid="new-token"' not in refused.text
    assert _tokens(client) == before == [("tests", True)]


def test_revoking_a_token_goes_back_to_the_list_with_a_notice(client, acme):
    csrf = sign_in(client, "viewer@acme.example")
    [token] = client.get("/api/v1/api-tokens").json()

    revoked = client.post(f"/settings/tokens/{token['id']}/revoke", data={"csrf_token": csrf})

    assert revoked.status_code == 303
    assert revoked.headers["location"] == "/settings/tokens?notice=revoked"
    page = client.get(revoked.headers["location"])
    assert '<div class="alert success" role="status">已撤销。</div>' in page.text
    assert _tokens(client) == [("tests", False)]


def test_an_api_token_is_shown_once(client, owner):
    token = sign_in(client, owner.email)
    created = client.post(
        "/settings/tokens", data={"name": "ERP", "scopes": "read", "csrf_token": token}
    )
    assert 'data-testid="new-token">pcrm_' in created.text
    assert created.headers["cache-control"] == "no-store"
    assert 'data-testid="new-token"' not in client.get("/settings/tokens").text


def test_scopes_are_chosen_on_the_page_and_shown_in_the_list(client, owner):
    csrf = sign_in(client, owner.email)
    form = client.get("/settings/tokens").text
    assert 'name="scopes" value="read" checked' in form
    assert 'value="accounts:write" aria-label="accounts:write"' in form

    created = client.post(
        "/settings/tokens",
        data={"name": "ERP", "scopes": ["accounts:read", "accounts:write"], "csrf_token": csrf},
    )

    assert created.status_code == 200
    assert (
        '<div class="small" data-testid="token-scopes-shown"><code>accounts:write</code></div>'
        in created.text
    )
    [token] = client.get("/api/v1/api-tokens").json()
    assert token["scopes"] == ["accounts:write"]


def test_a_token_without_scopes_or_with_an_unknown_one_is_a_422_that_makes_none(client, owner):
    csrf = sign_in(client, owner.email)

    none = client.post("/settings/tokens", data={"name": "ERP", "csrf_token": csrf})
    unknown = client.post(
        "/settings/tokens", data={"name": "ERP", "scopes": "payroll:read", "csrf_token": csrf}
    )

    assert none.status_code == unknown.status_code == 422
    assert 'data-testid="error-scopes">请至少选择一项。</div>' in none.text
    assert 'data-testid="error-scopes">' in unknown.text
    assert client.get("/api/v1/api-tokens").json() == []
