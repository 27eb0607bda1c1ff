"""The users' pages: forms sent back with messages by field change nothing; a saved change
goes back to its page with a notice."""

from __future__ import annotations

from tests.factories import bearer, csrf_token, sign_in


def _invite(client, acme, email="invitee@acme.example"):
    created = client.post(
        "/api/v1/invitations",
        headers=bearer(acme["tokens"]["admin"]),
        json={"email": email, "name": "受邀人", "role": "sales"},
    )
    assert created.status_code == 201, created.text
    return created.json()


def _users(client, acme):
    listed = client.get("/api/v1/users", headers=bearer(acme["tokens"]["admin"])).json()
    return sorted(u["email"] for u in listed["items"])


def test_an_invitation_accepted_with_a_short_password_is_a_422_that_creates_nobody(
    client, acme, make_client
):
    invitation = _invite(client, acme)
    before = _users(client, acme)
    invitee = make_client()

    refused = invitee.post(
        invitation["url_path"],
        data={"name": "受邀人", "password": "short", "csrf_token": csrf_token(invitee)},
    )

    assert refused.status_code == 422
    assert 'data-testid="error-password">内容过短。</div>' in refused.text
    assert 'value="受邀人"' in refused.text
    assert _users(client, acme) == before
    assert invitee.get(invitation["url_path"]).status_code == 200  # the link still works


def test_a_profile_without_a_name_is_a_422_that_changes_nothing(client, acme):
    csrf = sign_in(client, "owner@acme.example")

    refused = client.post(
        "/settings/profile", data={"name": "", "locale": "en", "csrf_token": csrf}
    )

    assert refused.status_code == 422
    assert 'data-testid="error-name">内容过短。</div>' in refused.text
    me = client.get("/api/v1/me").json()["user"]
    assert (me["name"], me["locale"]) == ("王总", None)


def test_a_profile_saved_with_a_language_remembers_it_in_a_cookie(client, acme):
    csrf = sign_in(client, "owner@acme.example")

    saved = client.post(
        "/settings/profile",
        data={"name": "王总", "english_name": "Boss Wang", "locale": "en", "csrf_token": csrf},
    )

    assert saved.status_code == 303
    assert saved.headers["location"] == "/settings/profile?notice=saved"
    assert saved.cookies["pcrm_lang"] == "en"
    page = client.get(saved.headers["location"])
    assert 'data-testid="notice">Your changes have been saved.</div>' in page.text


def test_revoking_an_invitation_goes_back_to_the_users_with_a_notice(client, acme):
    invitation = _invite(client, acme)
    csrf = sign_in(client, "admin@acme.example")

    revoked = client.post(
        f"/admin/invitations/{invitation['id']}/revoke", data={"csrf_token": csrf}
    )

    assert revoked.status_code == 303
    assert revoked.headers["location"] == "/admin/users?notice=revoked"
    assert (
        '<div class="alert success" role="status">已撤销。</div>'
        in client.get(revoked.headers["location"]).text
    )
    assert client.get("/api/v1/invitations", headers=bearer(acme["tokens"]["admin"])).json() == []
