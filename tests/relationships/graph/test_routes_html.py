"""The graph's pages: a form's write comes back as messages by field and changes nothing, a
removal goes back to the page it was asked from."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer, sign_in
from tests.relationships.builders import influence, row_counts


@pytest.fixture
def chart(client, acme):
    """Account 华为: the general manager and the CFO reporting to them, who sways them."""
    token = acme.tokens["sales"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "总经理")
    cfo = new_contact(client, token, account["id"], "财务总监", reports_to_id=boss["id"])
    sway = influence(client, token, cfo["id"], boss["id"], 4)
    return {"account": account["id"], "boss": boss["id"], "cfo": cfo["id"], "sway": sway["id"]}


def test_a_move_naming_nobody_is_a_422_on_the_person_and_changes_nothing(client, uow, chart):
    csrf = sign_in(client, "sales@acme.example")
    before = row_counts(uow)

    response = client.post(
        f"/accounts/{chart['account']}/org-chart/move",
        data={"contact_id": "", "manager_id": str(chart["cfo"]), "csrf_token": csrf},
    )

    assert response.status_code == 422
    assert 'data-testid="error-move_contact_id">此项为必填项。</div>' in response.text
    assert 'data-testid="move-error"' not in response.text
    assert row_counts(uow) == before


def test_a_move_to_the_top_goes_back_to_the_chart_with_a_notice(client, acme, chart):
    csrf = sign_in(client, "sales@acme.example")

    response = client.post(
        f"/accounts/{chart['account']}/org-chart/move",
        data={"contact_id": str(chart["cfo"]), "manager_id": "", "csrf_token": csrf},
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"/accounts/{chart['account']}/org-chart?notice=moved"
    page = client.get(response.headers["location"])
    assert 'data-testid="notice">组织架构已更新。</div>' in page.text
    cfo = client.get(f"/api/v1/contacts/{chart['cfo']}", headers=bearer(acme.tokens["viewer"]))
    assert cfo.json()["reports_to_id"] is None


def test_removing_a_link_goes_back_where_it_was_asked_from(client, uow, chart):
    csrf = sign_in(client, "sales@acme.example")
    before = row_counts(uow)
    back = f"/accounts/{chart['account']}/relationships"

    response = client.post(
        f"/relationships/influences/{chart['sway']}/delete", data={"back": back, "csrf_token": csrf}
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"{back}?notice=deleted"
    assert row_counts(uow)["influences"] == before["influences"] - 1


def test_removing_a_link_of_an_unknown_kind_is_a_404_that_changes_nothing(client, uow, chart):
    csrf = sign_in(client, "sales@acme.example")
    before = row_counts(uow)

    response = client.post(
        f"/relationships/friendships/{chart['sway']}/delete", data={"csrf_token": csrf}
    )

    assert response.status_code == 404
    assert row_counts(uow) == before


def test_a_viewer_cannot_remove_a_link(client, uow, chart):
    csrf = sign_in(client, "viewer@acme.example")
    before = row_counts(uow)

    response = client.post(
        f"/relationships/influences/{chart['sway']}/delete", data={"csrf_token": csrf}
    )

    assert response.status_code == 403
    assert row_counts(uow) == before
