"""Hand-computed histories for the insights tests (a customer's tenders over the years, a
rivalry with a competitor, an account's related opportunities with every element) and the
API helpers that write them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.accounts.builders import create
from tests.factories import bearer, current
from tests.opportunities.builders import opportunity, tender, vendor
from tests.relationships.builders import competitor, tie

# 综合评分 sheets of the hand-computed history.
SHEET_50_30_20 = [
    {
        "name": "技术",
        "weight": "50",
        "sub_items": [{"name": "方案", "weight": "30"}, {"name": "团队", "weight": "20"}],
    },
    {"name": "商务", "weight": "30"},
    {"name": "价格", "weight": "20", "is_price": True},
]


SHEET_60_40 = [
    {"name": "技术", "weight": "60"},
    {"name": "价格", "weight": "40", "is_price": True},
]


ZERO_MONTHS = [0] * 12


def api_post(client, token, path, body, status=201):
    response = client.post(path, json=body, headers=bearer(token))
    assert response.status_code == status, response.text
    return response.json()


def api_get(client, token, path, **params):
    response = client.get(path, params=params, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()


def api_account(client, token, name, **fields):
    return create(client, token, "/api/v1/accounts", name=name, **fields)["id"]


def our_vendor(client, token, opportunity_id):
    vendors = api_get(client, token, f"/api/v1/opportunities/{opportunity_id}/vendors")
    return next(v["id"] for v in vendors if v["is_us"])


def api_round(client, token, opportunity_id, quoted_on, quotes):
    api_post(
        client,
        token,
        f"/api/v1/opportunities/{opportunity_id}/quote-rounds",
        {
            "quoted_on": quoted_on,
            "quotes": [{"vendor_id": v, "amount": a} for v, a in quotes],
        },
    )


def api_close(client, token, opportunity_id, outcome, closed_on, awarded_amount=None, **review):
    body: dict[str, Any] = {
        "outcome": outcome,
        "closed_on": closed_on,
        "awarded_amount": awarded_amount,
        "review": {"reasons": review.pop("reasons", ["price"]), **review},
    }
    response = client.post(
        f"/api/v1/opportunities/{opportunity_id}/close",
        json=body,
        headers=current(client, f"/api/v1/opportunities/{opportunity_id}", bearer(token)),
    )
    assert response.status_code == 200, response.text


def api_status(client, token, opportunity_id, vendor_id, status):
    response = client.patch(
        f"/api/v1/opportunities/{opportunity_id}/vendors/{vendor_id}",
        json={"status": status},
        headers={**bearer(token), "If-Match": "*"},
    )
    assert response.status_code == 200, response.text


# --- tender rhythm ----------------------------------------------------------------------------


@pytest.fixture
def rhythm(client, acme):
    """Government account 市政务服务中心 with four tenders:
    2023: open, weighted 50/30/20, RFP 10 Mar, award 20 Apr (41 days), contract 10 May (20);
    2024: open, weighted 60/40, RFP 5 Mar, award 4 Apr (30 days), contract 14 Apr (10);
    2025: invited, lowest price, RFP 1 Apr, award 21 May (50 days), no contract yet;
    and a planned open weighted 50/30/20 tender without dates.
    Another government account (区大数据局) with one open lowest-price tender of July 2024, a
    private account (民营制造) with one of January 2022, and an archived opportunity of the
    first account whose tender (August 2022) no longer counts."""
    token = acme.tokens["sales"]
    city = api_account(client, token, "市政务服务中心", ownership="government")
    district = api_account(client, token, "区大数据局", ownership="government")
    private = api_account(client, token, "民营制造", ownership="private")
    tenders = [
        (
            city,
            "2023 政务云",
            {"scoring_items": SHEET_50_30_20},
            ("2023-03-10", "2023-04-20", "2023-05-10"),
        ),
        (
            city,
            "2024 政务云扩容",
            {"scoring_items": SHEET_60_40},
            ("2024-03-05", "2024-04-04", "2024-04-14"),
        ),
        (
            city,
            "2025 一网通办",
            {"method": "invited", "evaluation_method": "lowest_price", "scoring_items": []},
            ("2025-04-01", "2025-05-21", None),
        ),
        (city, "2027 规划", {"scoring_items": SHEET_50_30_20}, (None, None, None)),
        (
            district,
            "2024 数据中台",
            {"evaluation_method": "lowest_price", "scoring_items": []},
            ("2024-07-01", None, None),
        ),
        (private, "2022 MES", {"scoring_items": SHEET_60_40}, ("2022-01-15", None, None)),
        (city, "2022 作废", {"scoring_items": SHEET_60_40}, ("2022-08-01", None, None)),
    ]
    ids = {}
    for account_id, name, fields, (rfp, award, contract) in tenders:
        oid = opportunity(client, token, account_id, name)["id"]
        tender(
            client,
            token,
            oid,
            rfp_published_on=rfp,
            award_announced_on=award,
            contract_signed_on=contract,
            **fields,
        )
        ids[name] = oid
    archived = client.post(
        f"/api/v1/opportunities/{ids['2022 作废']}/archive",
        headers=current(client, f"/api/v1/opportunities/{ids['2022 作废']}", bearer(token)),
    )
    assert archived.status_code == 200, archived.text
    return {"city": city, "district": district, "private": private}


def outlook_of(body):
    return {m["month"]: (m["expected"], m["likely"]) for m in body["outlook"]}


# --- competitor record ------------------------------------------------------------------------


@pytest.fixture
def rivalry(client, acme):
    """Competitors 东方信联 (K) and 华数智通 (L) at account 省交通厅:
    一期: us, K and L quote; round 2: us 960,000, K 880,000 (91.7 %); lost to K at 870,000.
    二期: us 500,000, K 550,000 (110 %); won. K marked lost.
    运维: us and K, no quotes, still open (expected close 31 Jan 2027).
    三期: us, K and L; lost to L at 700,000.
    四期: K not a vendor, but it won against us (no price).
    五期: only L: not a meeting with K.
    K is close to the account's 张总 (4, 行业会议)."""
    token = acme.tokens["sales"]
    customer = api_account(client, token, "省交通厅", ownership="government")
    k = competitor(client, token, "东方信联")["id"]
    l_ = competitor(client, token, "华数智通")["id"]
    boss = create(client, token, "/api/v1/contacts", name="张总", account_id=customer, title="厅长")
    tie(client, token, k, boss["id"], 4, source="行业会议")
    ids = {}

    def opp(name, *rivals, **fields):
        oid = opportunity(client, token, customer, name, **fields)["id"]
        tender(client, token, oid, evaluation_method="lowest_price", scoring_items=[])
        vendors = {r: vendor(client, token, oid, r)["id"] for r in rivals}
        ids[name] = oid
        return oid, our_vendor(client, token, oid), vendors

    oid, us, v = opp("一期", k, l_)
    api_round(
        client, token, oid, "2025-06-01", [(us, "1000000"), (v[k], "900000"), (v[l_], "950000")]
    )
    api_round(client, token, oid, "2025-06-15", [(us, "960000"), (v[k], "880000")])
    api_close(
        client, token, oid, "lost", "2025-06-30", winner_competitor_id=k, winning_price="870000"
    )

    oid, us, v = opp("二期", k)
    api_round(client, token, oid, "2025-09-01", [(us, "500000"), (v[k], "550000")])
    api_status(client, token, oid, v[k], "lost")
    api_close(client, token, oid, "won", "2025-09-30", awarded_amount="500000")

    opp("运维", k, expected_close_on="2027-01-31")

    oid, _us_id, v = opp("三期", k, l_)
    api_close(
        client, token, oid, "lost", "2026-01-15", winner_competitor_id=l_, winning_price="700000"
    )

    oid, _us_id, v = opp("四期")
    api_close(client, token, oid, "lost", "2026-03-01", winner_competitor_id=k)

    opp("五期", l_)
    return {"k": k, "l": l_, "customer": customer, "boss": boss["id"], "ids": ids}


# --- project history --------------------------------------------------------------------------


@pytest.fixture
def files(app, tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "files"
    monkeypatch.setattr(app.state.settings, "files_dir", folder)
    return folder


@pytest.fixture
def park(client, acme, files):
    """Account 科创园区管委会:
    一期 (new, old system): open weighted 50/30/20 tender (RFP 10 Mar 2023, award 20 Apr, contract
    10 May), us and 东方信联, one round (us 980,000, them 990,000), 王局 (decision maker, favours
    us) and 李工 (technical evaluator, neutral), an RFP and our proposal uploaded; won at
    950,000 on 20 Apr 2023 (technical, relationship; 方案演示 worked; 报价更早 to change).
    二期 (phase 2 of 一期, yearly budget, budget 600,000): invited lowest-price tender (RFP 5 Mar
    2024); rounds us 600,000 / them 580,000, then us 570,000 / 东方信联 560,000 / 华数智通
    575,000; lost to 东方信联 at 560,000 on 10 Apr 2024.
    平台替换 (replacement of 二期): open, no tender, expected close 30 Jun 2027.
    零星运维 (operations): on its own, expected close 31 Dec 2025."""
    token = acme.tokens["sales"]
    park = api_account(client, token, "科创园区管委会", ownership="state_owned")
    k = competitor(client, token, "东方信联")["id"]
    l_ = competitor(client, token, "华数智通")["id"]
    wang = create(client, token, "/api/v1/contacts", name="王局", account_id=park, title="局长")
    li = create(client, token, "/api/v1/contacts", name="李工", account_id=park)

    one = opportunity(
        client, token, park, "智慧园区一期", triggers=["old_system"], budget_amount="1000000"
    )["id"]
    tender(
        client,
        token,
        one,
        scoring_items=SHEET_50_30_20,
        rfp_published_on="2023-03-10",
        award_announced_on="2023-04-20",
        contract_signed_on="2023-05-10",
    )
    vk = vendor(client, token, one, k)["id"]
    api_round(
        client,
        token,
        one,
        "2023-04-01",
        [(our_vendor(client, token, one), "980000"), (vk, "990000")],
    )
    api_post(
        client,
        token,
        f"/api/v1/opportunities/{one}/decision-chain",
        {"contact_id": wang["id"], "decision_role": "decision_maker", "stance": "favours_us"},
    )
    api_post(
        client,
        token,
        f"/api/v1/opportunities/{one}/decision-chain",
        {"contact_id": li["id"], "decision_role": "technical_evaluator", "stance": "neutral"},
    )
    documents = []
    for kind, filename, content in (
        ("rfp", "招标文件.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("proposal", "技术方案.txt", "技术方案".encode()),
    ):
        response = client.post(
            f"/api/v1/opportunities/{one}/documents",
            data={"kind": kind},
            files={"file": (filename, content, "application/octet-stream")},
            headers=bearer(token),
        )
        assert response.status_code == 201, response.text
        documents.append(response.json()["id"])
    api_close(
        client,
        token,
        one,
        "won",
        "2023-04-20",
        awarded_amount="950000",
        reasons=["technical", "relationship"],
        what_worked="方案演示",
        what_to_change="报价更早",
    )

    two = opportunity(
        client,
        token,
        park,
        "智慧园区二期",
        project_type="phase_2",
        triggers=["yearly_budget"],
        budget_amount="600000",
    )["id"]
    api_post(
        client,
        token,
        f"/api/v1/opportunities/{two}/relations",
        {"earlier_id": one, "kind": "phase_2_of"},
    )
    tender(
        client,
        token,
        two,
        method="invited",
        evaluation_method="lowest_price",
        scoring_items=[],
        rfp_published_on="2024-03-05",
    )
    us = our_vendor(client, token, two)
    vk2 = vendor(client, token, two, k)["id"]
    vl2 = vendor(client, token, two, l_)["id"]
    api_round(client, token, two, "2024-03-20", [(us, "600000"), (vk2, "580000")])
    api_round(client, token, two, "2024-03-25", [(us, "570000"), (vk2, "560000"), (vl2, "575000")])
    api_close(
        client, token, two, "lost", "2024-04-10", winner_competitor_id=k, winning_price="560000"
    )

    three = opportunity(
        client, token, park, "园区平台替换", project_type="upgrade", expected_close_on="2027-06-30"
    )["id"]
    api_post(
        client,
        token,
        f"/api/v1/opportunities/{three}/relations",
        {"earlier_id": two, "kind": "replacement_of"},
    )
    four = opportunity(
        client, token, park, "零星运维", project_type="operations", expected_close_on="2025-12-31"
    )["id"]
    return {
        "account": park,
        "ids": {"one": one, "two": two, "three": three, "four": four},
        "k": k,
        "wang": wang["id"],
        "documents": documents,
    }


def view_routes(rhythm_account, history_account, competitor_id):
    return [
        f"/api/v1/accounts/{rhythm_account}/tender-rhythm",
        f"/api/v1/accounts/{history_account}/project-history",
        f"/api/v1/competitors/{competitor_id}/record",
    ]
