"""The analyses' pages: the closeness score with its verdict, and the paths page, which falls
back to the strongest links for a mode it does not know."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_contact
from tests.factories import sign_in
from tests.relationships.builders import acquaintance, profile


@pytest.fixture
def huawei(client, acme):
    """华为: 张总 (key), a supporter our salesperson knows at 3."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "张总", importance="key")["id"]
    profile(client, token, boss, relationship_status="supporter")
    acquaintance(client, token, acme.sales.user_id, boss, 3)
    return {"account": account["id"], "boss": boss}


def test_the_closeness_page_shows_the_score_and_its_verdict(client, huawei):
    sign_in(client, "viewer@acme.example")

    page = client.get(f"/accounts/{huawei['account']}/closeness")

    # reached at 3 (40) + supporter (30) + no recent contact (0) + no closer rival (10)
    assert page.status_code == 200
    assert 'data-testid="score-value">80</span>' in page.text
    assert 'class="card rel-score level-green"' in page.text


def test_the_paths_page_falls_back_to_the_strongest_links(client, acme, huawei):
    sign_in(client, "viewer@acme.example")

    page = client.get(f"/contacts/{huawei['boss']}/paths", params={"mode": "shortest"})

    assert page.status_code == 200
    assert 'data-testid="paths" data-mode="strongest"' in page.text
    assert 'aria-pressed="true" data-testid="mode-strongest"' in page.text
    sales = acme.sales.user_id
    assert (
        f'<a class="rel-chain-node us" href="/relationships/people/{sales}">李四</a>' in page.text
    )
