"""The workspace's day settings, each 1–60 and 5 until set: after how many days a customer
sign-off is late and after how many an unresolved conflict is escalated. Changed by an owner or
admin through the API or the settings page, refused out of range, on an old version or from
another role with nothing written."""

from __future__ import annotations

import pytest

from pcrm.identity.workspaces.models import Workspace
from tests.factories import bearer, sign_in
from tests.factories.rows import count_rows

FIELDS = ("sign_off_reminder_days", "conflict_escalation_days")
pytestmark = pytest.mark.parametrize("field", FIELDS)


def _days(uow, acme, field: str) -> tuple[int, int]:
    with uow() as db:
        found = db.get(Workspace, acme.workspace.id)
        assert found is not None
        return getattr(found, field), found.version


def _tagged(client, token: str) -> dict[str, str]:
    etag = client.get("/api/v1/workspace", headers=bearer(token)).headers["etag"]
    return {**bearer(token), "If-Match": etag}


def test_it_is_five_until_an_admin_sets_it(client, acme, uow, field):
    shown = client.get("/api/v1/workspace", headers=bearer(acme.tokens["owner"])).json()

    changed = client.patch(
        "/api/v1/workspace",
        json={field: 12},
        headers=_tagged(client, acme.tokens["admin"]),
    )

    assert shown[field] == 5
    assert changed.status_code == 200, changed.text
    assert changed.json()[field] == 12
    assert _days(uow, acme, field)[0] == 12


@pytest.mark.parametrize("value", [0, 61, -3, "five", True, 7.5])
def test_a_value_outside_one_to_sixty_is_refused_and_nothing_changes(
    client, acme, uow, field, value
):
    before = _days(uow, acme, field)

    refused = client.patch(
        "/api/v1/workspace",
        json={field: value},
        headers=_tagged(client, acme.tokens["owner"]),
    )

    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert _days(uow, acme, field) == before


def test_an_old_version_or_a_viewer_changes_nothing(client, acme, uow, field):
    old = _tagged(client, acme.tokens["owner"])
    client.patch("/api/v1/workspace", json={field: 9}, headers=old).raise_for_status()
    before = _days(uow, acme, field)

    stale = client.patch("/api/v1/workspace", json={field: 20}, headers=old)
    viewer = client.patch(
        "/api/v1/workspace",
        json={field: 20},
        headers=_tagged(client, acme.tokens["viewer"]),
    )

    assert stale.status_code == 412
    assert viewer.status_code == 403
    assert _days(uow, acme, field) == before == (9, before[1])


def test_the_settings_page_sets_it_and_names_a_bad_value_inline(client, acme, uow, field):
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    fields = {
        "csrf_token": csrf,
        "name": "Acme 工程",
        "currency": "CNY",
        "default_locale": "zh_CN",
        "timezone": "Asia/Shanghai",
    }
    page = client.get("/admin/workspace")

    refused = client.post("/admin/workspace", data={**fields, "version": "1", field: "61"})
    unchanged = _days(uow, acme, field)
    saved = client.post("/admin/workspace", data={**fields, "version": "1", field: "3"})

    assert f'name="{field}" type="number" value="5"' in page.text
    assert refused.status_code == 422
    assert f'data-testid="error-{field}"' in refused.text
    assert "1 到 60" in refused.text.split(f'data-testid="error-{field}">')[1][:80]
    assert unchanged == (5, 1)
    assert saved.status_code == 303
    assert _days(uow, acme, field)[0] == 3


def test_a_viewer_cannot_post_the_settings_form(client, acme, uow, field):
    csrf = sign_in(client, "viewer@acme.example")
    before = count_rows(uow, {"workspaces": Workspace})

    posted = client.post(
        "/admin/workspace",
        data={"csrf_token": csrf, "version": "1", "name": "X", field: "9"},
    )

    assert posted.status_code == 403
    assert _days(uow, acme, field) == (5, 1)
    assert count_rows(uow, {"workspaces": Workspace}) == before
