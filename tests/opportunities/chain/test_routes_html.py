"""The decision chain page (/opportunities/{id}/decision-chain): its members, the chart's data,
and the forms that add, change and remove a member with their inline messages."""

from __future__ import annotations

import re

from pcrm.opportunities.chain.models import DecisionChainMember
from tests.factories import sign_in
from tests.opportunities.bids import (
    by_testid,
    english,
    post_form,
    refused,
    stored_all,
)
from tests.opportunities.builders import stored


def test_the_chain_page_lists_members_and_draws_them_with_their_role(client, bid):
    sign_in(client, "owner@acme.example")
    english(client)
    html = client.get(f"/opportunities/{bid.oid}/decision-chain").text
    assert re.findall(r'data-testid="chain-member" data-contact="([^"]+)"', html) == ["陈局长"]
    assert by_testid(html, "member-role") == ["Decision maker"]
    assert by_testid(html, "member-stance") == ["Favours us"]
    data = re.search(
        r'<script type="application/json" id="chain-graph-data">(.*?)</script>', html, re.S
    )
    assert data is not None
    assert f'"id": "c{bid.contacts["陈局长"]}"' in data.group(1)
    assert '"role": "Decision maker"' in data.group(1)
    assert '"stance": "favours_us"' in data.group(1)


def test_adding_editing_and_removing_a_chain_member(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    added = post_form(
        client,
        f"/opportunities/{bid.oid}/decision-chain",
        csrf,
        {
            "contact_id": str(bid.contacts["贺主任"]),
            "decision_role": "technical_evaluator",
            "relationship_status": "",
            "interaction_level": "regular",
            "stance": "favours_competitor",
            "favoured_competitor_id": str(bid.rivals["华数智通"]),
            "note": "曾在华数智通工作",
        },
    )
    assert added.status_code == 303
    assert (
        added.headers["location"]
        == f"/opportunities/{bid.oid}/decision-chain?notice=member-added#chain"
    )
    member = stored_all(uow, DecisionChainMember, contact_id=bid.contacts["贺主任"])[0]
    assert (
        member.decision_role.value,
        member.relationship_status.value,
        member.interaction_level.value,
        member.stance.value,
        member.favoured_competitor_id,
    ) == ("technical_evaluator", "unknown", "regular", "favours_competitor", bid.rivals["华数智通"])
    edited = post_form(
        client,
        f"/opportunities/{bid.oid}/decision-chain/{member.id}",
        csrf,
        {
            "decision_role": "influencer",
            "relationship_status": "neutral",
            "interaction_level": "regular",
            "stance": "neutral",
            "note": "",
            "version": str(member.version),
        },
    )
    assert edited.status_code == 303
    after = stored(uow, DecisionChainMember, member.id)
    assert (
        after["decision_role"].value,
        after["stance"].value,
        after["favoured_competitor_id"],
        after["note"],
    ) == (
        "influencer",
        "neutral",
        None,
        None,
    )
    removed = post_form(
        client, f"/opportunities/{bid.oid}/decision-chain/{member.id}/delete", csrf, {}
    )
    assert removed.status_code == 303
    assert stored_all(uow, DecisionChainMember, contact_id=bid.contacts["贺主任"]) == []


def test_favouring_a_competitor_without_naming_one_is_refused_inline(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    html = refused(
        client,
        uow,
        f"/opportunities/{bid.oid}/decision-chain",
        csrf,
        {
            "contact_id": str(bid.contacts["贺主任"]),
            "decision_role": "user",
            "stance": "favours_competitor",
            "favoured_competitor_id": "",
        },
    )
    assert by_testid(html, "error-favoured_competitor_id") == ["Say which competitor they favour."]
    assert 'data-label="贺主任"' in html  # the picker shows who was chosen
    member = stored(uow, DecisionChainMember, bid.member)
    html = refused(
        client,
        uow,
        f"/opportunities/{bid.oid}/decision-chain/{bid.member}",
        csrf,
        {
            "decision_role": "decision_maker",
            "relationship_status": "supporter",
            "interaction_level": "none",
            "stance": "favours_competitor",
            "version": str(member["version"]),
        },
    )
    assert by_testid(html, "error-favoured_competitor_id") == ["Say which competitor they favour."]
    assert 'data-editing="1"' in html  # the row opens in its edit form
    assert stored(uow, DecisionChainMember, bid.member) == member


def test_a_chain_member_needs_a_contact(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    html = refused(
        client,
        uow,
        f"/opportunities/{bid.oid}/decision-chain",
        csrf,
        {"contact_id": "", "decision_role": "user", "stance": "unknown"},
    )
    assert by_testid(html, "error-contact_id") == ["此项为必填项。"]
