"""The sign-in pages: signing out, and the language choice, kept for the user or, before
sign-in, for the browser."""

from __future__ import annotations

from tests.factories import csrf_token, sign_in


def test_signing_out_goes_to_the_sign_in_page_with_a_notice(client, acme):
    csrf = sign_in(client, "viewer@acme.example")

    out = client.post("/logout", data={"csrf_token": csrf})

    assert out.status_code == 303
    assert out.headers["location"] == "/login?notice=signed_out"
    page = client.get(out.headers["location"])
    assert '<div class="alert success" role="status">您已退出登录。</div>' in page.text
    assert client.get("/").status_code == 303


def test_a_visitor_chooses_a_language_for_this_browser_only(client, acme):
    chosen = client.post(
        "/language",
        data={"locale": "en", "next": "//evil.example/", "csrf_token": csrf_token(client)},
    )

    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/"
    assert chosen.cookies["pcrm_lang"] == "en"
    assert "Sign in" in client.get("/login").text


def test_the_language_choice_is_saved_for_the_user(client, make_client, owner):
    token = sign_in(client, owner.email)
    response = client.post(
        "/language", data={"locale": "en", "next": "/admin/users", "csrf_token": token}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users"
    elsewhere = make_client()
    sign_in(elsewhere, owner.email)
    assert "Hello, 王总" in elsewhere.get("/").text
