"""The rules of issue 5: each bad input is a 422 with a message on the field at fault, and
nothing is written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.accounts.builders import new_contact
from tests.factories import bearer, current
from tests.opportunities.builders import (
    SHEET,
    account,
    opportunity,
    row_counts,
    tender,
    today,
    vendor,
)
from tests.relationships.builders import competitor


@pytest.fixture
def bid(client, acme) -> dict[str, Any]:
    """An open opportunity with a weighted tender, us and one competitor, and one round."""
    token = acme.tokens["sales"]
    h = bearer(token)
    customer = account(client, token)
    opp = opportunity(client, token, customer["id"], budget_amount="100")["id"]
    sheet = tender(client, token, opp)
    rival = vendor(client, token, opp, competitor(client, token, "东方信联")["id"])["id"]
    us = client.get(f"/api/v1/opportunities/{opp}/vendors", headers=h).json()[0]["id"]
    first = client.post(
        f"/api/v1/opportunities/{opp}/quote-rounds",
        json={
            "quoted_on": (today() - timedelta(days=5)).isoformat(),
            "quotes": [{"vendor_id": us, "amount": "90"}],
        },
        headers=h,
    )
    assert first.status_code == 201, first.text
    return {
        "token": token,
        "h": h,
        "account": customer["id"],
        "opp": opp,
        "us": us,
        "rival": rival,
        "items": sheet["scoring_items"],
        "contact": new_contact(client, token, customer["id"], "张总")["id"],
    }


def _sheet(*weights: str, price: int = -1) -> list[dict[str, Any]]:
    return [
        {"name": f"项{n}", "weight": w, "is_price": n == (len(weights) + price) % len(weights)}
        for n, w in enumerate(weights)
    ]


def _refused(client, uow, method: str, url: str, body: Any, h: dict[str, str]) -> list[str]:
    """The fields a 422 names; asserts that nothing was written. (The edit names no version,
    `If-Match: *`: these are about the data, test_a_stale_version_is_refused about versions.)"""
    before = row_counts(uow)
    response = client.request(method, url, json=body, headers={"If-Match": "*"} | h)
    assert response.status_code == 422, response.text
    assert row_counts(uow) == before
    return [e["field"] for e in response.json()["errors"]]


TENDER_CASES = {
    "weights not 100": ({"scoring_items": _sheet("50", "30", "30")}, ["scoring_items"]),
    "no price item": (
        {"scoring_items": [{"name": "技术", "weight": "60"}, {"name": "商务", "weight": "40"}]},
        ["scoring_items"],
    ),
    "two price items": (
        {
            "scoring_items": [
                {"name": "价格A", "weight": "50", "is_price": True},
                {"name": "价格B", "weight": "50", "is_price": True},
            ]
        },
        ["scoring_items"],
    ),
    "sub-items not adding up": (
        {
            "scoring_items": [
                {
                    "name": "技术",
                    "weight": "60",
                    "sub_items": [
                        {"name": "方案", "weight": "30"},
                        {"name": "团队", "weight": "20"},
                    ],
                },
                {"name": "价格", "weight": "40", "is_price": True},
            ]
        },
        ["scoring_items.0.sub_items"],
    ),
    "lowest price with scoring items": (
        {"evaluation_method": "lowest_price", "scoring_items": SHEET},
        ["scoring_items"],
    ),
    "weighted without items": ({"scoring_items": []}, ["scoring_items"]),
    "submission before the RFP": (
        {
            "scoring_items": SHEET,
            "rfp_published_on": "2026-05-10",
            "submission_deadline": "2026-05-01T09:30:00+08:00",
        },
        ["submission_deadline"],
    ),
    "contract before the award": (
        {
            "scoring_items": SHEET,
            "award_announced_on": "2026-06-10",
            "contract_signed_on": "2026-06-01",
        },
        ["contract_signed_on"],
    ),
    "unknown tender method": ({"method": "lottery", "scoring_items": SHEET}, ["method"]),
    "negative bid bond": ({"scoring_items": SHEET, "bid_bond": "-1"}, ["bid_bond"]),
}


@pytest.mark.parametrize("case", TENDER_CASES)
def test_a_bad_tender_is_refused(client, uow, bid, case):
    changes, fields = TENDER_CASES[case]
    body = {"method": "open", "evaluation_method": "weighted"} | changes
    url = f"/api/v1/opportunities/{bid['opp']}/tender"
    assert _refused(client, uow, "PUT", url, body, bid["h"]) == fields


def test_quote_rounds_must_come_in_order(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}/quote-rounds"
    quotes = [{"vendor_id": bid["us"], "amount": "80"}]
    earlier = (today() - timedelta(days=9)).isoformat()
    assert _refused(
        client,
        uow,
        "POST",
        url,
        {"number": 3, "quoted_on": today().isoformat(), "quotes": quotes},
        bid["h"],
    ) == ["number"]
    assert _refused(
        client, uow, "POST", url, {"quoted_on": earlier, "quotes": quotes}, bid["h"]
    ) == ["quoted_on"]
    tomorrow = (today() + timedelta(days=1)).isoformat()
    assert _refused(
        client, uow, "POST", url, {"quoted_on": tomorrow, "quotes": quotes}, bid["h"]
    ) == ["quoted_on"]
    twice = [*quotes, {"vendor_id": bid["us"], "amount": "70"}]
    assert _refused(
        client, uow, "POST", url, {"quoted_on": today().isoformat(), "quotes": twice}, bid["h"]
    ) == ["quotes.1.vendor_id"]
    assert _refused(
        client,
        uow,
        "POST",
        url,
        {"quoted_on": today().isoformat(), "quotes": [{"vendor_id": bid["us"], "amount": "0"}]},
        bid["h"],
    ) == ["quotes.0.amount"]


def test_only_the_latest_round_can_be_taken_back(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}/quote-rounds"
    rounds = client.post(
        url,
        json={
            "quoted_on": today().isoformat(),
            "quotes": [{"vendor_id": bid["us"], "amount": "80"}],
        },
        headers=bid["h"],
    ).json()
    first, second = (r["id"] for r in rounds)
    assert _refused(client, uow, "DELETE", f"{url}/{first}", None, bid["h"]) == ["round_id"]
    assert client.delete(f"{url}/{second}", headers=bid["h"]).status_code == 204
    assert [r["number"] for r in client.get(url, headers=bid["h"]).json()] == [1]


def test_scores_stay_within_the_items(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}/vendors/{bid['rival']}/scores"
    technical, commercial, price = bid["items"]
    solution = technical["sub_items"][0]["id"]
    assert _refused(client, uow, "PUT", url, {"scores": {solution: "31"}}, bid["h"]) == [
        f"scores.{solution}"
    ]
    assert _refused(client, uow, "PUT", url, {"scores": {price["id"]: "10"}}, bid["h"]) == [
        f"scores.{price['id']}"
    ]
    assert _refused(client, uow, "PUT", url, {"scores": {technical["id"]: "40"}}, bid["h"]) == [
        f"scores.{technical['id']}"
    ]  # scored on its sub-items
    assert _refused(client, uow, "PUT", url, {"scores": {commercial["id"]: "-1"}}, bid["h"]) == [
        f"scores.{commercial['id']}"
    ]


def test_amounts_cannot_be_negative_and_an_open_opportunity_has_no_award(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}"
    assert _refused(client, uow, "PATCH", url, {"budget_amount": "-5"}, bid["h"]) == [
        "budget_amount"
    ]
    assert _refused(client, uow, "PATCH", url, {"awarded_amount": "100"}, bid["h"]) == [
        "awarded_amount"
    ]
    assert _refused(
        client,
        uow,
        "POST",
        "/api/v1/opportunities",
        {"account_id": bid["account"], "name": "新", "budget_amount": "-1"},
        bid["h"],
    ) == ["budget_amount"]


def test_closing_needs_a_review_and_the_right_amounts(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}/close"
    assert _refused(client, uow, "POST", url, {"outcome": "lost"}, bid["h"]) == ["review"]
    assert _refused(
        client, uow, "POST", url, {"outcome": "lost", "review": {"reasons": ["price"]}}, bid["h"]
    ) == ["review.winner_competitor_id"]
    assert _refused(
        client,
        uow,
        "POST",
        url,
        {"outcome": "abandoned", "awarded_amount": "5", "review": {"reasons": ["budget"]}},
        bid["h"],
    ) == ["awarded_amount"]
    assert _refused(
        client, uow, "POST", url, {"outcome": "won", "review": {"reasons": []}}, bid["h"]
    ) == ["review.reasons"]
    # moving straight to a closed stage is not a way around the review
    assert _refused(
        client,
        uow,
        "POST",
        f"/api/v1/opportunities/{bid['opp']}/stage",
        {"stage": "lost"},
        bid["h"],
    ) == ["stage"]


def test_relations_never_make_a_loop(client, uow, bid):
    token, h = bid["token"], bid["h"]
    first = opportunity(client, token, bid["account"], "一期")["id"]
    second = opportunity(client, token, bid["account"], "二期")["id"]
    third = opportunity(client, token, bid["account"], "三期")["id"]
    for later, earlier in ((second, first), (third, second)):
        response = client.post(
            f"/api/v1/opportunities/{later}/relations",
            json={"earlier_id": earlier, "kind": "phase_2_of"},
            headers=h,
        )
        assert response.status_code == 201, response.text
    loop = {"earlier_id": third, "kind": "replacement_of"}
    assert _refused(client, uow, "POST", f"/api/v1/opportunities/{first}/relations", loop, h) == [
        "earlier_id"
    ]
    itself = {"earlier_id": first, "kind": "follow_on_of"}
    assert _refused(client, uow, "POST", f"/api/v1/opportunities/{first}/relations", itself, h) == [
        "earlier_id"
    ]
    again = {"earlier_id": first, "kind": "follow_on_of"}
    assert _refused(client, uow, "POST", f"/api/v1/opportunities/{second}/relations", again, h) == [
        "earlier_id"
    ]


def test_a_stance_for_a_competitor_names_the_competitor(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}/decision-chain"
    body = {"contact_id": bid["contact"], "decision_role": "decision_maker"}
    assert _refused(
        client, uow, "POST", url, body | {"stance": "favours_competitor"}, bid["h"]
    ) == ["favoured_competitor_id"]
    assert _refused(client, uow, "POST", url, body | {"contact_id": 999_999}, bid["h"]) == [
        "contact_id"
    ]
    assert client.post(url, json=body, headers=bid["h"]).status_code == 201
    assert _refused(client, uow, "POST", url, body, bid["h"]) == ["contact_id"]


def test_list_parameters_are_allow_listed(client, bid):
    for params, field in (
        ({"sort": "secret"}, "sort"),
        ({"page_size": 201}, "page_size"),
        ({"stage": "won"}, "stage"),
        ({"colour": "red"}, "colour"),
    ):
        response = client.get("/api/v1/opportunities", params=params, headers=bid["h"])
        assert response.status_code == 422, params
        assert field in response.json()["errors"][0]["field"]


def test_a_stale_version_is_refused(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}"
    current = client.get(url, headers=bid["h"])
    version = current.headers["ETag"]
    assert (
        client.patch(
            url, json={"name": "新名"}, headers=bid["h"] | {"If-Match": version}
        ).status_code
        == 200
    )
    before = row_counts(uow)
    stale = client.patch(url, json={"name": "旧名"}, headers=bid["h"] | {"If-Match": version})
    assert stale.status_code == 412
    assert row_counts(uow) == before
    assert client.get(url, headers=bid["h"]).json()["name"] == "新名"


def test_key_dates_remind_the_owner_and_the_team_two_days_before(client, acme, bid):
    h = bid["h"]
    opp = bid["opp"]
    team = [{"user_id": acme.admin.user_id, "role": "bid_manager"}]
    assert client.put(f"/api/v1/opportunities/{opp}/team", json=team, headers=h).status_code == 200
    deadline = (datetime.now(UTC) + timedelta(days=10)).replace(microsecond=0)
    tender(client, bid["token"], opp, submission_deadline=deadline.isoformat())

    def reminders(token: str) -> list[tuple[str, str]]:
        response = client.get("/api/v1/reminders", headers=bearer(token))
        assert response.status_code == 200, response.text
        return [(r["title"], r["due_at"]) for r in response.json()["items"]]

    due = (deadline - timedelta(days=2)).isoformat().replace("+00:00", "Z")
    expected = [("投标截止时间 · 智慧园区一期", due)]
    assert reminders(bid["token"]) == expected
    assert reminders(acme.tokens["admin"]) == expected
    # The deadline moves: so do the reminders (no stale ones left).
    later = deadline + timedelta(days=3)
    tender(client, bid["token"], opp, submission_deadline=later.isoformat())
    moved = (later - timedelta(days=2)).isoformat().replace("+00:00", "Z")
    assert reminders(bid["token"]) == [("投标截止时间 · 智慧园区一期", moved)]


def test_an_archived_contact_leaves_the_decision_chain_and_cannot_join_it(client, uow, bid):
    url = f"/api/v1/opportunities/{bid['opp']}/decision-chain"
    body = {"contact_id": bid["contact"], "decision_role": "decision_maker"}
    assert client.post(url, json=body, headers=bid["h"]).status_code == 201
    other = new_contact(client, bid["token"], bid["account"], "李工")["id"]
    for contact in (bid["contact"], other):
        archived = client.post(
            f"/api/v1/contacts/{contact}/archive",
            headers=current(client, f"/api/v1/contacts/{contact}", bid["h"]),
        )
        assert archived.status_code == 200, archived.text
    assert client.get(url, headers=bid["h"]).json() == []  # kept, but no longer shown
    assert _refused(client, uow, "POST", url, body | {"contact_id": other}, bid["h"]) == [
        "contact_id"
    ]
