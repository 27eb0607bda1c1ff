"""The workspace settings page: a saved change goes back to the page with a notice."""

from __future__ import annotations

from tests.factories import bearer, sign_in


def test_saved_settings_go_back_to_the_page_with_a_notice(client, acme):
    csrf = sign_in(client, "owner@acme.example")
    version = client.get("/api/v1/workspace", headers=bearer(acme.tokens["owner"])).json()[
        "version"
    ]

    saved = client.post(
        "/admin/workspace",
        data={
            "csrf_token": csrf,
            "version": version,
            "name": "Acme 工程集团",
            "currency": "USD",
            "default_locale": "zh_CN",
            "timezone": "Asia/Shanghai",
        },
    )

    assert saved.status_code == 303
    assert saved.headers["location"] == "/admin/workspace?notice=saved"
    page = client.get(saved.headers["location"])
    assert 'data-testid="notice">修改已保存。</div>' in page.text
    workspace = client.get("/api/v1/workspace", headers=bearer(acme.tokens["owner"])).json()
    assert (workspace["name"], workspace["currency"]) == ("Acme 工程集团", "USD")
