"""The context around a decision chain: the opportunity's activities and next step (the
account's activities with the people on its chain), and a contact's roles on live
opportunities, shown on the contact page."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html import unescape

from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.identity.users.models import User
from tests.accounts.builders import create
from tests.factories import bearer, current, sign_in
from tests.opportunities.bids import by_testid, english, today


def _next_step(html: str) -> str:
    """The text of the next-step line (tags removed, spaces squeezed)."""
    found = re.search(r'data-testid="next-step"[^>]*>(.*?)</div>', html, re.S)
    assert found is not None
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))).strip()


def _account_id(client, token: str, oid: int) -> int:
    return int(
        client.get(f"/api/v1/opportunities/{oid}", headers=bearer(token)).json()["account_id"]
    )


def _activity(client, token: str, account_id: int, subject: str, days_ago: int, **fields):
    return create(
        client,
        token,
        "/api/v1/activities",
        type="meeting",
        occurred_at=f"{today() - timedelta(days=days_ago)}T09:00:00+08:00",
        account_id=account_id,
        subject=subject,
        **fields,
    )


def test_the_opportunity_shows_its_activities_with_the_chain_and_the_next_step(client, acme, bid):
    # Given activities at the account: two with 陈局长 (on the chain, once as a participant)
    # and one with 贺主任 only (not on it)
    token = acme.tokens["owner"]
    account_id = _account_id(client, token, bid.oid)
    director, engineer = bid.contacts["陈局长"], bid.contacts["贺主任"]
    due = today() + timedelta(days=5)
    _activity(
        client,
        token,
        account_id,
        "方案汇报",
        2,
        contact_id=director,
        next_step="安排技术交流",
        next_step_due=due.isoformat(),
    )
    _activity(client, token, account_id, "需求调研", 9, participant_contact_ids=[director])
    _activity(client, token, account_id, "与贺主任喝茶", 1, contact_id=engineer)
    sign_in(client, "owner@acme.example")
    english(client)

    # When the opportunity page loads its activity card
    page = client.get(f"/opportunities/{bid.oid}").text
    panel = client.get(f"/opportunities/{bid.oid}/activities")

    # Then the page asks for it, and it lists the chain's activities newest first with the
    # next step agreed at the latest one
    assert f'hx-get="/opportunities/{bid.oid}/activities"' in page
    assert panel.status_code == 200
    assert _next_step(panel.text).startswith("Next step: 安排技术交流")
    assert str(due.day) in _next_step(panel.text).removeprefix("Next step: 安排技术交流")
    timeline = panel.text.split('data-testid="opportunity-timeline"')[1]
    assert timeline.index("方案汇报") < timeline.index("需求调研")
    assert "与贺主任喝茶" not in panel.text


def test_an_opportunity_without_activities_says_so(client, bid):
    sign_in(client, "owner@acme.example")
    english(client)

    panel = client.get(f"/opportunities/{bid.oid}/activities").text

    assert _next_step(panel) == "Next step: None planned."
    assert "No activities with the people on the decision chain yet." in panel


def test_another_workspaces_opportunity_activities_are_not_found(client, bid):
    sign_in(client, "owner@acme.example")

    assert client.get(f"/opportunities/{bid.theirs['oid']}/activities").status_code == 404


def test_a_contact_page_shows_their_roles_on_live_opportunities_in_both_languages(client, bid):
    sign_in(client, "owner@acme.example")
    director = bid.contacts["陈局长"]

    page = client.get(f"/contacts/{director}").text
    chinese = client.get(f"/contacts/{director}/opportunity-roles").text
    english(client)
    roles = client.get(f"/contacts/{director}/opportunity-roles").text

    assert f'hx-get="/contacts/{director}/opportunity-roles"' in page
    assert by_testid(chinese, "contact-role-label") == ["决策者"]
    assert by_testid(roles, "contact-role-label") == ["Decision maker"]
    assert f'href="/opportunities/{bid.oid}/decision-chain"' in roles
    assert "CN¥1,000,000.00" in roles


def test_a_contact_off_every_chain_and_a_closed_opportunity_show_no_role(client, acme, bid):
    sign_in(client, "owner@acme.example")
    english(client)
    engineer = bid.contacts["贺主任"]
    director = bid.contacts["陈局长"]

    assert (
        by_testid(client.get(f"/contacts/{engineer}/opportunity-roles").text, "contact-role-label")
        == []
    )

    # When the opportunity is abandoned, the director's role there is no longer a live one
    token = acme.tokens["owner"]
    closed = client.post(
        f"/api/v1/opportunities/{bid.oid}/close",
        json={"outcome": "abandoned", "review": {"reasons": ["budget"]}},
        headers=current(client, f"/api/v1/opportunities/{bid.oid}", bearer(token)),
    )
    assert closed.status_code == 200, closed.text
    roles = client.get(f"/contacts/{director}/opportunity-roles").text
    assert by_testid(roles, "contact-role-label") == []
    assert "Not on the decision chain of a live opportunity." in roles


def test_another_workspaces_contact_roles_are_not_found(client, bid):
    sign_in(client, "owner@acme.example")

    theirs = client.get("/contacts/999999999/opportunity-roles")

    assert theirs.status_code == 404


def test_the_chain_chart_names_our_people_in_the_page_language_and_places_everyone(
    client, acme, bid, uow
):
    # Given our owner 王总 (Wang Zong in English) who knows 陈局长 on the chain
    with uow() as db:
        owner = db.scalar(
            select(User).where(User.id == acme.owner.user_id).execution_options(**GLOBAL)
        )
        assert owner is not None
        owner.english_name = "Wang Zong"
    create(
        client,
        acme.tokens["owner"],
        "/api/v1/acquaintances",
        user_id=acme.owner.user_id,
        contact_id=bid.contacts["陈局长"],
        closeness=4,
    )
    sign_in(client, "owner@acme.example")

    # When the chain page is drawn in Chinese, then in English
    chinese = _graph(client.get(f"/opportunities/{bid.oid}/decision-chain").text)
    english(client)
    in_english = _graph(client.get(f"/opportunities/{bid.oid}/decision-chain").text)

    # Then our person is named in each page's language, and both layouts place every node
    user = f"u{acme.owner.user_id}"
    assert {n["id"]: n["name"] for n in chinese["nodes"]}[user] == "王总"
    assert {n["id"]: n["name"] for n in in_english["nodes"]}[user] == "Wang Zong"
    for layout in chinese["layout"].values():
        assert set(layout["positions"]) == {n["id"] for n in chinese["nodes"]}
        assert layout["positions"][user][1] == 0  # our people on the top row


def _graph(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="chain-graph-data">(.*?)</script>', html, re.S
    )
    assert found is not None
    return json.loads(found.group(1))
