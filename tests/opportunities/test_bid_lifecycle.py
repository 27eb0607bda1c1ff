"""A bid manager takes an opportunity from potential to bidding, fills the scoring sheet,
simulates and records quote rounds against two competitors, and closes it with a review."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tests.accounts.builders import new_contact
from tests.factories import bearer, current
from tests.opportunities.builders import (
    account,
    opportunity,
    tender,
    today,
    vendor,
)
from tests.relationships.builders import competitor


def _d(value: object) -> Decimal:
    return Decimal(str(value))


def test_potential_to_bidding_to_a_ranked_bid_and_a_lost_review(client, acme):  # noqa: PLR0915 - one story
    token = acme.tokens["sales"]
    h = bearer(token)
    customer = account(client, token)
    opp = opportunity(client, token, customer["id"], budget_amount="1000000.00")
    assert (opp["stage"], opp["probability"], opp["weighted_amount"]) == (
        "potential",
        10,
        "100000.00",
    )
    assert opp["owner_id"] == acme.sales.user_id
    oid = opp["id"]

    # Bidding needs a tender or a note: without either the move is refused.
    refused = client.post(
        f"/api/v1/opportunities/{oid}/stage",
        json={"stage": "bidding"},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "no_tender_reason"

    sheet = tender(client, token, oid, price_formula="lowest_ratio")
    assert [(i["name"], i["weight"]) for i in sheet["scoring_items"]] == [
        ("技术", "50.00"),
        ("商务", "30.00"),
        ("价格", "20.00"),
    ]
    moved = client.post(
        f"/api/v1/opportunities/{oid}/stage",
        json={"stage": "bidding"},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["stage"], moved.json()["probability"]) == ("bidding", 40)

    a = competitor(client, token, "东方信联")
    b = competitor(client, token, "华数智通")
    va = vendor(client, token, oid, a["id"])
    vb = vendor(client, token, oid, b["id"])
    vendors = client.get(f"/api/v1/opportunities/{oid}/vendors", headers=h).json()
    assert [(v["name"], v["is_us"]) for v in vendors] == [
        ("Acme 工程", True),
        ("东方信联", False),
        ("华数智通", False),
    ]
    us = vendors[0]["id"]
    items = {i["name"]: i for i in sheet["scoring_items"]}
    solution, team = (s["id"] for s in items["技术"]["sub_items"])
    commercial = items["商务"]["id"]
    for vid, scores in (
        (us, {solution: "26", team: "18", commercial: "25"}),  # 69
        (va["id"], {solution: "24", team: "16", commercial: "27"}),  # 67
        (vb["id"], {solution: "28", team: "17", commercial: "26"}),  # 71
    ):
        response = client.put(
            f"/api/v1/opportunities/{oid}/vendors/{vid}/scores", json={"scores": scores}, headers=h
        )
        assert response.status_code == 200, response.text

    quoted = (today() - timedelta(days=3)).isoformat()
    first = client.post(
        f"/api/v1/opportunities/{oid}/quote-rounds",
        json={
            "quoted_on": quoted,
            "quotes": [
                {"vendor_id": us, "amount": "960000"},
                {"vendor_id": va["id"], "amount": "900000", "source": "开标记录"},
                {"vendor_id": vb["id"], "amount": "1000000"},
            ],
        },
        headers=h,
    )
    assert first.status_code == 201, first.text
    sheet_now = client.get(f"/api/v1/opportunities/{oid}/bid-sheet", headers=h).json()
    standing = {v["name"]: v for v in sheet_now["vendors"]}
    # benchmark = lowest = 900,000; price score = 20 × 900,000 / quote
    assert _d(sheet_now["benchmark"]) == Decimal("900000")
    assert _d(standing["Acme 工程"]["price_score"]) == Decimal("18.75")
    assert _d(standing["东方信联"]["price_score"]) == Decimal("20.00")
    assert _d(standing["华数智通"]["price_score"]) == Decimal("18.00")
    assert [(n, _d(v["total"]), v["rank"]) for n, v in standing.items()] == [
        ("Acme 工程", Decimal("87.75"), 2),
        ("东方信联", Decimal("87.00"), 3),
        ("华数智通", Decimal("89.00"), 1),
    ]

    # "If we quote 850,000": we become the benchmark and rank first; nothing is written.
    tried = client.get(
        f"/api/v1/opportunities/{oid}/bid-sheet", params={"try_price": "850000"}, headers=h
    ).json()
    mine = next(v for v in tried["vendors"] if v["is_us"])
    assert (_d(mine["price_score"]), _d(mine["total"]), mine["rank"]) == (
        Decimal("20.00"),
        Decimal("89.00"),
        1,
    )
    rounds = client.get(f"/api/v1/opportunities/{oid}/quote-rounds", headers=h).json()
    assert [r["number"] for r in rounds] == [1]

    second = client.post(
        f"/api/v1/opportunities/{oid}/quote-rounds",
        json={
            "quoted_on": today().isoformat(),
            "quotes": [
                {"vendor_id": us, "amount": "850000"},
                {"vendor_id": vb["id"], "amount": "820000"},
            ],
        },
        headers=h,
    )
    assert second.status_code == 201, second.text
    assert [r["number"] for r in second.json()] == [1, 2]

    # Closing without a review is refused; with one, the opportunity is lost and reviewed.
    no_review = client.post(
        f"/api/v1/opportunities/{oid}/close",
        json={"outcome": "lost"},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert no_review.status_code == 422
    assert {e["field"] for e in no_review.json()["errors"]} == {"review"}
    closed = client.post(
        f"/api/v1/opportunities/{oid}/close",
        json={
            "outcome": "lost",
            "review": {
                "reasons": ["price", "relationship"],
                "what_to_change": "更早接触决策层",
                "winner_competitor_id": b["id"],
                "winning_price": "820000",
            },
        },
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert closed.status_code == 200, closed.text
    assert (closed.json()["stage"], closed.json()["probability"]) == ("lost", 0)
    review = client.get(f"/api/v1/opportunities/{oid}/review", headers=h).json()
    assert (review["outcome"], review["winner_name"], review["reasons"]) == (
        "lost",
        "华数智通",
        ["price", "relationship"],
    )
    # A closed bid is history: no more rounds.
    late = client.post(
        f"/api/v1/opportunities/{oid}/quote-rounds",
        json={"quoted_on": today().isoformat(), "quotes": [{"vendor_id": us, "amount": "1"}]},
        headers=h,
    )
    assert late.status_code == 422


def test_a_won_opportunity_needs_its_awarded_amount_and_goes_to_joint_execution(client, acme):
    token = acme.tokens["sales"]
    h = bearer(token)
    opp = opportunity(client, token, account(client, token)["id"], budget_amount="500000")
    oid = opp["id"]
    missing = client.post(
        f"/api/v1/opportunities/{oid}/close",
        json={"outcome": "won", "review": {"reasons": ["technical"]}},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["awarded_amount"]
    won = client.post(
        f"/api/v1/opportunities/{oid}/close",
        json={"outcome": "won", "awarded_amount": "480000", "review": {"reasons": ["technical"]}},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert won.status_code == 200, won.text
    body = won.json()
    assert (body["stage"], body["probability"], body["awarded_amount"]) == (
        "execution",
        100,
        "480000.00",
    )
    assert body["closed_on"] is not None
    delivered = client.post(
        f"/api/v1/opportunities/{oid}/stage",
        json={"stage": "delivered"},
        headers=current(client, f"/api/v1/opportunities/{oid}", h),
    )
    assert delivered.json()["stage"] == "delivered"


def test_a_won_opportunity_is_handed_to_delivery_with_its_tender_chain_and_review(client, acme):
    token = acme.tokens["sales"]
    h = bearer(token)
    customer = account(client, token)
    opp = opportunity(client, token, customer["id"], budget_amount="500000")["id"]
    tender(client, token, opp, agency="江苏省招标中心")
    boss = new_contact(client, token, customer["id"], "张总")["id"]
    client.post(
        f"/api/v1/opportunities/{opp}/decision-chain",
        json={"contact_id": boss, "decision_role": "decision_maker", "stance": "favours_us"},
        headers=h,
    )
    url = f"/api/v1/opportunities/{opp}/handover"
    not_yet = client.get(url, headers=h)
    assert not_yet.status_code == 422
    assert not_yet.json()["errors"][0]["field"] == "opportunity_id"
    client.post(
        f"/api/v1/opportunities/{opp}/close",
        json={"outcome": "won", "awarded_amount": "480000", "review": {"reasons": ["technical"]}},
        headers=current(client, f"/api/v1/opportunities/{opp}", h),
    )
    body = client.get(url, headers=h).json()
    assert (body["opportunity"]["stage"], body["opportunity"]["awarded_amount"]) == (
        "execution",
        "480000.00",
    )
    assert body["tender"]["agency"] == "江苏省招标中心"
    assert [(m["contact_name"], m["stance"]) for m in body["decision_chain"]] == [
        ("张总", "favours_us")
    ]
    assert (body["review"]["outcome"], body["documents"]) == ("won", [])
