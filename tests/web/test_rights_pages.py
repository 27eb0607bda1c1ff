"""Pages hide what the user's role may not use: a delivery engineer sees the buttons for
contacts and activities on an account, but none for the account or its opportunities."""

from __future__ import annotations

import pytest

from pcrm.identity.permissions import Role
from tests.accounts.builders import new_account, new_contact
from tests.factories import make_team, make_token, make_user, sign_in
from tests.opportunities.builders import opportunity


@pytest.fixture
def records(client, uow):
    with uow() as db:
        team = make_team(db)
        make_user(db, team.workspace, "delivery@acme.example", Role.DELIVERY, name="交付")
        token = make_token(db, team.workspace, "owner@acme.example")
    account = new_account(client, token, "华为技术有限公司")["id"]
    contact = new_contact(client, token, account, "张总")["id"]
    deal = opportunity(client, token, account, "智慧园区一期")["id"]
    return {"account": account, "contact": contact, "opportunity": deal}


@pytest.mark.parametrize(
    ("email", "account_buttons"),
    [("delivery@acme.example", False), ("sales@acme.example", True)],
)
def test_the_account_page_shows_the_buttons_of_the_users_rights(
    client, records, email, account_buttons
):
    sign_in(client, email)
    account = records["account"]

    overview = client.get(f"/accounts/{account}").text
    contacts = client.get(f"/accounts/{account}?tab=contacts").text
    activities = client.get(f"/accounts/{account}?tab=activities").text
    opportunities = client.get(
        f"/accounts/{account}/opportunities", headers={"HX-Request": "true"}
    ).text

    assert ('data-testid="edit-account"' in overview) is account_buttons
    assert (f'action="/accounts/{account}/archive"' in overview) is account_buttons
    assert f'href="/contacts/new?account_id={account}"' in contacts
    assert f'class="btn" href="/contacts/new?account_id={account}"' in overview
    assert f'class="btn" href="/activities/new?account_id={account}"' in overview
    assert (f'href="/accounts/{account}/merge"' in overview) is account_buttons
    assert f'href="/activities/new?account_id={account}"' in activities
    assert ('data-testid="account-new-opportunity"' in opportunities) is account_buttons


def test_a_delivery_engineer_edits_a_contact_but_not_an_opportunity(client, records):
    sign_in(client, "delivery@acme.example")

    contact = client.get(f"/contacts/{records['contact']}").text
    deal = client.get(f"/opportunities/{records['opportunity']}").text

    assert 'data-testid="edit-contact"' in contact
    assert 'data-testid="edit-opportunity"' not in deal
    assert 'data-testid="close-won"' not in deal
    assert client.get(f"/opportunities/{records['opportunity']}/edit").status_code == 403
