"""The workspace settings through the JSON API."""

from __future__ import annotations

from tests.factories import bearer


def test_workspace_settings_update_and_history(client, acme):
    headers = bearer(acme.tokens["owner"])
    etag = client.get("/api/v1/workspace", headers=headers).headers["etag"]
    response = client.patch(
        "/api/v1/workspace",
        json={"currency": "USD", "name": "Acme 集团"},
        headers={**headers, "If-Match": etag},
    )
    assert (response.json()["currency"], response.json()["name"]) == ("USD", "Acme 集团")
    bad = client.patch(
        "/api/v1/workspace", json={"currency": "dollars", "timezone": "Mars/Base"}, headers=headers
    )
    assert sorted(e["field"] for e in bad.json()["errors"]) == ["currency", "timezone"]
    history = client.get(
        f"/api/v1/audit-entries?entity_type=workspace&entity_id={acme.workspace.id}",
        headers=headers,
    ).json()
    assert history["items"][0]["changes"] == {
        "name": ["Acme 工程", "Acme 集团"],
        "currency": ["CNY", "USD"],
    }
