"""The workspace's sign-off reminder days (1–60, 5 until set): changed by an owner or admin
through the API or the settings page, refused out of range, on an old version or from another
role with nothing written."""

from __future__ import annotations

import pytest

from pcrm.identity.workspaces.models import Workspace
from tests.factories import bearer, sign_in
from tests.factories.rows import count_rows


def _days(uow, acme) -> tuple[int, int]:
    with uow() as db:
        found = db.get(Workspace, acme.workspace.id)
        assert found is not None
        return found.sign_off_reminder_days, found.version


def _tagged(client, token: str) -> dict[str, str]:
    etag = client.get("/api/v1/workspace", headers=bearer(token)).headers["etag"]
    return {**bearer(token), "If-Match": etag}


def test_it_is_five_until_an_admin_sets_it(client, acme, uow):
    shown = client.get("/api/v1/workspace", headers=bearer(acme.tokens["owner"])).json()

    changed = client.patch(
        "/api/v1/workspace",
        json={"sign_off_reminder_days": 12},
        headers=_tagged(client, acme.tokens["admin"]),
    )

    assert shown["sign_off_reminder_days"] == 5
    assert changed.status_code == 200, changed.text
    assert changed.json()["sign_off_reminder_days"] == 12
    assert _days(uow, acme)[0] == 12


@pytest.mark.parametrize("value", [0, 61, -3, "five", True, 7.5])
def test_a_value_outside_one_to_sixty_is_refused_and_nothing_changes(client, acme, uow, value):
    before = _days(uow, acme)

    refused = client.patch(
        "/api/v1/workspace",
        json={"sign_off_reminder_days": value},
        headers=_tagged(client, acme.tokens["owner"]),
    )

    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["sign_off_reminder_days"]
    assert _days(uow, acme) == before


def test_an_old_version_or_a_viewer_changes_nothing(client, acme, uow):
    old = _tagged(client, acme.tokens["owner"])
    client.patch(
        "/api/v1/workspace", json={"sign_off_reminder_days": 9}, headers=old
    ).raise_for_status()
    before = _days(uow, acme)

    stale = client.patch("/api/v1/workspace", json={"sign_off_reminder_days": 20}, headers=old)
    viewer = client.patch(
        "/api/v1/workspace",
        json={"sign_off_reminder_days": 20},
        headers=_tagged(client, acme.tokens["viewer"]),
    )

    assert stale.status_code == 412
    assert viewer.status_code == 403
    assert _days(uow, acme) == before == (9, before[1])


def test_the_settings_page_sets_it_and_names_a_bad_value_inline(client, acme, uow):
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

    refused = client.post(
        "/admin/workspace", data={**fields, "version": "1", "sign_off_reminder_days": "61"}
    )
    unchanged = _days(uow, acme)
    saved = client.post(
        "/admin/workspace", data={**fields, "version": "1", "sign_off_reminder_days": "3"}
    )

    assert 'name="sign_off_reminder_days" type="number" value="5"' in page.text
    assert refused.status_code == 422
    assert 'data-testid="error-sign_off_reminder_days"' in refused.text
    assert "1 到 60" in refused.text.split('data-testid="error-sign_off_reminder_days">')[1][:80]
    assert unchanged == (5, 1)
    assert saved.status_code == 303
    assert _days(uow, acme)[0] == 3


def test_a_viewer_cannot_post_the_settings_form(client, acme, uow):
    csrf = sign_in(client, "viewer@acme.example")
    before = count_rows(uow, {"workspaces": Workspace})

    posted = client.post(
        "/admin/workspace",
        data={"csrf_token": csrf, "version": "1", "name": "X", "sign_off_reminder_days": "9"},
    )

    assert posted.status_code == 403
    assert _days(uow, acme) == (5, 1)
    assert count_rows(uow, {"workspaces": Workspace}) == before
