"""The analytical views of the project-history line, built from past opportunities: a customer's
tender rhythm (项目关键时点), a competitor's record against us and an account's project history.
Exact figures for small hand-computed histories, tenancy, roles, pinned query counts and the
pages in both languages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pcrm.opportunities.insights.figures import rhythm_figures
from pcrm.opportunities.insights.repository import ItemFacts, TenderFacts
from pcrm.opportunities.vocab import EvaluationMethod, TenderMethod
from tests.accounts.builders import create
from tests.factories import bearer, sign_in
from tests.opportunities.builders import opportunity, tender, today, vendor
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


def _post(client, token, path, body, status=201):
    response = client.post(path, json=body, headers=bearer(token))
    assert response.status_code == status, response.text
    return response.json()


def _get(client, token, path, **params):
    response = client.get(path, params=params, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()


def _account(client, token, name, **fields):
    return create(client, token, "/api/v1/accounts", name=name, **fields)["id"]


def _us(client, token, opportunity_id):
    vendors = _get(client, token, f"/api/v1/opportunities/{opportunity_id}/vendors")
    return next(v["id"] for v in vendors if v["is_us"])


def _round(client, token, opportunity_id, quoted_on, quotes):
    _post(
        client,
        token,
        f"/api/v1/opportunities/{opportunity_id}/quote-rounds",
        {
            "quoted_on": quoted_on,
            "quotes": [{"vendor_id": v, "amount": a} for v, a in quotes],
        },
    )


def _close(client, token, opportunity_id, outcome, closed_on, awarded_amount=None, **review):
    body: dict[str, Any] = {
        "outcome": outcome,
        "closed_on": closed_on,
        "awarded_amount": awarded_amount,
        "review": {"reasons": review.pop("reasons", ["price"]), **review},
    }
    response = client.post(
        f"/api/v1/opportunities/{opportunity_id}/close", json=body, headers=bearer(token)
    )
    assert response.status_code == 200, response.text


def _status(client, token, opportunity_id, vendor_id, status):
    response = client.patch(
        f"/api/v1/opportunities/{opportunity_id}/vendors/{vendor_id}",
        json={"status": status},
        headers=bearer(token),
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
    token = acme["tokens"]["sales"]
    city = _account(client, token, "市政务服务中心", ownership="government")
    district = _account(client, token, "区大数据局", ownership="government")
    private = _account(client, token, "民营制造", ownership="private")
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
        f"/api/v1/opportunities/{ids['2022 作废']}/archive", headers=bearer(token)
    )
    assert archived.status_code == 200, archived.text
    return {"city": city, "district": district, "private": private}


def _outlook(body):
    return {m["month"]: (m["expected"], m["likely"]) for m in body["outlook"]}


def test_the_rhythm_of_an_account_is_learned_from_its_tenders(client, acme, rhythm):
    # when a viewer asks for the rhythm of the city's tenders
    body = _get(
        client, acme["tokens"]["viewer"], f"/api/v1/accounts/{rhythm['city']}/tender-rhythm"
    )

    # then RFPs were published in March 2023, March 2024 and April 2025: three years observed
    assert (body["account_id"], body["account_name"], body["ownership"]) == (
        rhythm["city"],
        "市政务服务中心",
        "government",
    )
    assert (body["tender_count"], body["published_count"]) == (4, 3)
    assert (body["first_year"], body["last_year"], body["years_observed"]) == (2023, 2025, 3)
    assert body["months"] == [0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert body["month_shares"] == ["0.0"] * 2 + ["66.7", "33.3"] + ["0.0"] * 8
    # medians: RFP to award of 41, 30 and 50 days; award to contract of 20 and 10 days
    assert (body["rfp_to_award_days"], body["rfp_to_award_samples"]) == ("41.0", 3)
    assert (body["award_to_contract_days"], body["award_to_contract_samples"]) == ("15.0", 2)
    assert body["methods"] == [
        {"method": "open", "count": 3, "share": "75.0"},
        {"method": "invited", "count": 1, "share": "25.0"},
    ]
    assert body["evaluation_methods"] == [
        {"method": "weighted", "count": 3, "share": "75.0"},
        {"method": "lowest_price", "count": 1, "share": "25.0"},
    ]
    assert (body["usual_method"], body["usual_evaluation_method"]) == ("open", "weighted")
    # price weights 20, 40 and 20; 技术 50, 60 and 50; 商务 30 and 30
    assert (body["weighted_tenders"], body["price_weight"]) == (3, "26.7")
    assert body["item_weights"] == [
        {"name": "技术", "average_weight": "53.3", "tenders": 3},
        {"name": "商务", "average_weight": "30.0", "tenders": 2},
    ]
    # and the outlook expects March with 2/3 ≈ 0.67 (likely) and April with 1/3 ≈ 0.33
    expected = dict.fromkeys(range(1, 13), ("0.00", False)) | {
        3: ("0.67", True),
        4: ("0.33", False),
    }
    assert _outlook(body) == expected
    start = today()
    first = (start.year + start.month // 12, start.month % 12 + 1)
    assert (body["outlook"][0]["year"], body["outlook"][0]["month"]) == first
    assert body["likely_from"] == "0.5"


def test_the_rhythm_of_an_ownership_type_gathers_its_accounts(client, acme, rhythm):
    token = acme["tokens"]["viewer"]

    # when the rhythm of government customers is asked for
    government = _get(client, token, "/api/v1/tender-rhythm", ownership="government")

    # then both government accounts count, the private one and the archived tender do not
    assert (government["ownership"], government["account_count"]) == ("government", 2)
    assert (government["tender_count"], government["published_count"]) == (5, 4)
    assert government["months"] == [0, 0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert government["years_observed"] == 3
    assert government["methods"] == [
        {"method": "open", "count": 4, "share": "80.0"},
        {"method": "invited", "count": 1, "share": "20.0"},
    ]
    assert government["evaluation_methods"] == [
        {"method": "weighted", "count": 3, "share": "60.0"},
        {"method": "lowest_price", "count": 2, "share": "40.0"},
    ]
    assert _outlook(government)[7] == ("0.33", False)

    # and without an ownership type every account of the workspace counts
    everyone = _get(client, token, "/api/v1/tender-rhythm")
    assert (everyone["ownership"], everyone["account_count"], everyone["tender_count"]) == (
        None,
        3,
        6,
    )
    assert (everyone["first_year"], everyone["years_observed"]) == (2022, 4)
    assert everyone["months"] == [1, 0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert everyone["price_weight"] == "30.0"  # 20, 40, 20 and 40

    # and a type nobody has gives empty figures
    foreign = _get(client, token, "/api/v1/tender-rhythm", ownership="foreign")
    assert (foreign["account_count"], foreign["tender_count"], foreign["months"]) == (
        0,
        0,
        ZERO_MONTHS,
    )
    assert (foreign["rfp_to_award_days"], foreign["usual_method"], foreign["price_weight"]) == (
        None,
        None,
        None,
    )


def test_an_unknown_ownership_type_is_a_422(client, acme, rhythm):
    response = client.get(
        "/api/v1/tender-rhythm",
        params={"ownership": "martian"},
        headers=bearer(acme["tokens"]["viewer"]),
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def _facts(tender_id, rfp, award=None, contract=None, method="open", evaluation="weighted"):
    return TenderFacts(
        tender_id,
        1,
        TenderMethod(method),
        EvaluationMethod(evaluation),
        rfp,
        award,
        contract,
    )


def test_the_outlook_starts_next_month_and_runs_across_the_year_end():
    # given tenders of March 2023, March 2024 and April 2025 and one announced for March 2027
    facts = [
        _facts(1, date(2023, 3, 10), date(2023, 4, 20)),
        _facts(2, date(2024, 3, 5), date(2024, 4, 4)),
        _facts(3, date(2025, 4, 1), date(2025, 5, 21)),
        _facts(4, date(2027, 3, 1), date(2027, 4, 1)),
    ]
    items = [ItemFacts(1, "价格", Decimal("20"), True), ItemFacts(4, "价格", Decimal("90"), True)]

    # when the rhythm is worked out on 22 November 2026
    figures = rhythm_figures(facts, items, date(2026, 11, 22))

    # then the future RFP and its award do not count as history (its weights do: it has them)
    assert (figures.published_count, figures.years_observed) == (3, 3)
    assert figures.rfp_to_award_days == Decimal("41.0")
    assert figures.price_weight == Decimal("55.0")
    # and the twelve months run from December 2026 to November 2027
    assert [(m.year, m.month, str(m.expected), m.likely) for m in figures.outlook] == [
        (2026, 12, "0.00", False),
        (2027, 1, "0.00", False),
        (2027, 2, "0.00", False),
        (2027, 3, "0.67", True),
        (2027, 4, "0.33", False),
        (2027, 5, "0.00", False),
        (2027, 6, "0.00", False),
        (2027, 7, "0.00", False),
        (2027, 8, "0.00", False),
        (2027, 9, "0.00", False),
        (2027, 10, "0.00", False),
        (2027, 11, "0.00", False),
    ]


def test_a_month_tendered_in_half_the_years_is_likely():
    # given RFPs in June 2022 and June 2023 over four years observed (2022–2025)
    facts = [
        _facts(1, date(2022, 6, 1)),
        _facts(2, date(2023, 6, 1)),
        _facts(3, date(2024, 1, 9)),
        _facts(4, date(2025, 2, 9)),
    ]
    # when worked out in December
    figures = rhythm_figures(facts, [], date(2025, 12, 31))
    # then June's 2/4 = 0.50 is likely, January's and February's 1/4 are not
    assert [(m.month, str(m.expected), m.likely) for m in figures.outlook if m.expected] == [
        (1, "0.25", False),
        (2, "0.25", False),
        (6, "0.50", True),
    ]
    assert figures.rfp_to_award_days is None
    assert figures.rfp_to_award_samples == 0


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
    token = acme["tokens"]["sales"]
    customer = _account(client, token, "省交通厅", ownership="government")
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
        return oid, _us(client, token, oid), vendors

    oid, us, v = opp("一期", k, l_)
    _round(client, token, oid, "2025-06-01", [(us, "1000000"), (v[k], "900000"), (v[l_], "950000")])
    _round(client, token, oid, "2025-06-15", [(us, "960000"), (v[k], "880000")])
    _close(client, token, oid, "lost", "2025-06-30", winner_competitor_id=k, winning_price="870000")

    oid, us, v = opp("二期", k)
    _round(client, token, oid, "2025-09-01", [(us, "500000"), (v[k], "550000")])
    _status(client, token, oid, v[k], "lost")
    _close(client, token, oid, "won", "2025-09-30", awarded_amount="500000")

    opp("运维", k, expected_close_on="2027-01-31")

    oid, _us_id, v = opp("三期", k, l_)
    _close(
        client, token, oid, "lost", "2026-01-15", winner_competitor_id=l_, winning_price="700000"
    )

    oid, _us_id, v = opp("四期")
    _close(client, token, oid, "lost", "2026-03-01", winner_competitor_id=k)

    opp("五期", l_)
    return {"k": k, "l": l_, "customer": customer, "boss": boss["id"], "ids": ids}


def test_a_competitors_record_shows_where_we_met_and_how_it_went(client, acme, rivalry):
    # when a viewer opens 东方信联's record
    body = _get(client, acme["tokens"]["viewer"], f"/api/v1/competitors/{rivalry['k']}/record")

    # then we met them five times: won one, lost three (two to them), one still open
    ids = rivalry["ids"]
    assert (body["competitor_id"], body["name"]) == (rivalry["k"], "东方信联")
    assert (body["met"], body["open"], body["won"], body["lost"], body["abandoned"]) == (
        5,
        1,
        1,
        3,
        0,
    )
    assert (body["win_rate"], body["they_won"]) == ("25.0", 2)
    assert body["lost_to_others"] == [
        {"competitor_id": rivalry["l"], "name": "华数智通", "count": 1}
    ]
    # their last quote / our last quote: 880,000 / 960,000 and 550,000 / 500,000
    assert (body["quote_comparisons"], body["mean_quote_ratio"]) == (2, "100.8")
    # they won 一期 at 870,000, 90.6 % of our last quote
    assert (body["average_winning_price"], body["mean_winning_vs_our_quote"]) == (
        "870000.00",
        "90.6",
    )
    assert [
        (
            m["opportunity_name"],
            m["account_name"],
            m["on"],
            m["outcome"],
            m["their_status"],
            m["their_quote"],
            m["our_quote"],
            m["quote_ratio"],
            m["winner_name"],
            m["they_won"],
            m["winning_price"],
            m["winning_vs_our_quote"],
        )
        for m in body["meetings"]
    ] == [
        (
            "运维",
            "省交通厅",
            "2027-01-31",
            None,
            "bidding",
            None,
            None,
            None,
            None,
            False,
            None,
            None,
        ),
        (
            "四期",
            "省交通厅",
            "2026-03-01",
            "lost",
            None,
            None,
            None,
            None,
            "东方信联",
            True,
            None,
            None,
        ),
        (
            "三期",
            "省交通厅",
            "2026-01-15",
            "lost",
            "bidding",
            None,
            None,
            None,
            "华数智通",
            False,
            "700000.00",
            None,
        ),
        (
            "二期",
            "省交通厅",
            "2025-09-30",
            "won",
            "lost",
            "550000.00",
            "500000.00",
            "110.0",
            None,
            False,
            None,
            None,
        ),
        (
            "一期",
            "省交通厅",
            "2025-06-30",
            "lost",
            "bidding",
            "880000.00",
            "960000.00",
            "91.7",
            "东方信联",
            True,
            "870000.00",
            "90.6",
        ),
    ]
    assert [m["opportunity_id"] for m in body["meetings"]] == [
        ids[n] for n in ("运维", "四期", "三期", "二期", "一期")
    ]
    # and they are close to 张总
    assert body["close_contacts"] == [
        {
            "contact_id": rivalry["boss"],
            "name": "张总",
            "title": "厅长",
            "account_id": rivalry["customer"],
            "account_name": "省交通厅",
            "closeness": 4,
            "source": "行业会议",
            "note": None,
        }
    ]


def test_a_competitor_we_never_met_has_an_empty_record(client, acme, rivalry):
    token = acme["tokens"]["viewer"]
    fresh = competitor(client, acme["tokens"]["sales"], "新锐科技")["id"]
    body = _get(client, token, f"/api/v1/competitors/{fresh}/record")
    assert (body["met"], body["win_rate"], body["mean_quote_ratio"], body["meetings"]) == (
        0,
        None,
        None,
        [],
    )
    assert (body["lost_to_others"], body["close_contacts"]) == ([], [])


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
    token = acme["tokens"]["sales"]
    park = _account(client, token, "科创园区管委会", ownership="state_owned")
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
    _round(client, token, one, "2023-04-01", [(_us(client, token, one), "980000"), (vk, "990000")])
    _post(
        client,
        token,
        f"/api/v1/opportunities/{one}/decision-chain",
        {"contact_id": wang["id"], "decision_role": "decision_maker", "stance": "favours_us"},
    )
    _post(
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
    _close(
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
    _post(
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
    us = _us(client, token, two)
    vk2 = vendor(client, token, two, k)["id"]
    vl2 = vendor(client, token, two, l_)["id"]
    _round(client, token, two, "2024-03-20", [(us, "600000"), (vk2, "580000")])
    _round(client, token, two, "2024-03-25", [(us, "570000"), (vk2, "560000"), (vl2, "575000")])
    _close(client, token, two, "lost", "2024-04-10", winner_competitor_id=k, winning_price="560000")

    three = opportunity(
        client, token, park, "园区平台替换", project_type="upgrade", expected_close_on="2027-06-30"
    )["id"]
    _post(
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


def test_the_project_history_puts_related_opportunities_in_one_chain_with_their_elements(
    client, acme, park
):
    # when a viewer opens the account's project history
    body = _get(
        client, acme["tokens"]["viewer"], f"/api/v1/accounts/{park['account']}/project-history"
    )

    # then 一期 → 二期 → 平台替换 form the first chain and 零星运维 a chain of its own
    ids = park["ids"]
    assert (body["account_name"], body["opportunity_count"]) == ("科创园区管委会", 4)
    assert [
        (c["starts_on"], c["ends_on"], [o["opportunity_id"] for o in c["opportunities"]])
        for c in body["chains"]
    ] == [
        ("2023-03-10", "2027-06-30", [ids["one"], ids["two"], ids["three"]]),
        ("2025-12-31", "2025-12-31", [ids["four"]]),
    ]
    one, two, three = body["chains"][0]["opportunities"]

    # and each opportunity carries the 11 elements
    assert one["key_dates"] == {
        "rfp_published_on": "2023-03-10",
        "qa_deadline": None,
        "site_visit_at": None,
        "submission_deadline": None,
        "opening_at": None,
        "award_announced_on": "2023-04-20",
        "contract_signed_on": "2023-05-10",
        "expected_close_on": None,
        "closed_on": "2023-04-20",
    }
    assert one["relations"] == [
        {
            "kind": "phase_2_of",
            "direction": "later",
            "other_id": ids["two"],
            "other_name": "智慧园区二期",
            "other_in_account": True,
        }
    ]
    assert (one["triggers"], one["project_type"], one["stage"]) == (
        ["old_system"],
        "new",
        "execution",
    )
    assert (one["budget_amount"], one["awarded_amount"], one["currency"]) == (
        "1000000.00",
        "950000.00",
        "CNY",
    )
    assert one["decision"] == {
        "members": 2,
        "stances": {"favours_us": 1, "neutral": 1},
        "decision_makers": [
            {
                "contact_id": park["wang"],
                "name": "王局",
                "title": "局长",
                "stance": "favours_us",
                "favoured_competitor_name": None,
            }
        ],
    }
    assert one["criteria"] == {
        "method": "open",
        "evaluation_method": "weighted",
        "price_formula": "lowest_ratio",
        "items": [
            {
                "name": "技术",
                "weight": "50.00",
                "is_price": False,
                "sub_items": [
                    {"name": "方案", "weight": "30.00", "is_price": False, "sub_items": []},
                    {"name": "团队", "weight": "20.00", "is_price": False, "sub_items": []},
                ],
            },
            {"name": "商务", "weight": "30.00", "is_price": False, "sub_items": []},
            {"name": "价格", "weight": "20.00", "is_price": True, "sub_items": []},
        ],
    }
    assert one["vendors"] == [
        {"competitor_id": None, "name": "Acme 工程", "is_us": True, "status": "bidding"},
        {"competitor_id": park["k"], "name": "东方信联", "is_us": False, "status": "bidding"},
    ]
    assert one["rounds"] == [
        {
            "number": 1,
            "quoted_on": "2023-04-01",
            "our_quote": "980000.00",
            "best_competitor_quote": "990000.00",
            "best_competitor_name": "东方信联",
        }
    ]
    rfp, proposal = park["documents"]
    assert one["documents"] == {
        "counts": {"rfp": 1, "proposal": 1},
        "items": [
            {
                "id": rfp,
                "kind": "rfp",
                "version": 1,
                "filename": "招标文件.pdf",
                "url": f"/opportunities/{ids['one']}/documents/{rfp}/download",
            },
            {
                "id": proposal,
                "kind": "proposal",
                "version": 1,
                "filename": "技术方案.txt",
                "url": f"/opportunities/{ids['one']}/documents/{proposal}/download",
            },
        ],
    }
    assert one["lessons"] == {
        "outcome": "won",
        "reasons": ["technical", "relationship"],
        "reason_note": None,
        "what_worked": "方案演示",
        "what_to_change": "报价更早",
        "winner_name": None,
        "winning_price": None,
    }

    assert [(r["kind"], r["direction"], r["other_name"]) for r in two["relations"]] == [
        ("phase_2_of", "earlier", "智慧园区一期"),
        ("replacement_of", "later", "园区平台替换"),
    ]
    assert two["criteria"] == {
        "method": "invited",
        "evaluation_method": "lowest_price",
        "price_formula": "lowest_ratio",
        "items": [],
    }
    assert [v["name"] for v in two["vendors"]] == ["Acme 工程", "东方信联", "华数智通"]
    assert [
        (r["number"], r["our_quote"], r["best_competitor_quote"], r["best_competitor_name"])
        for r in two["rounds"]
    ] == [(1, "600000.00", "580000.00", "东方信联"), (2, "570000.00", "560000.00", "东方信联")]
    assert (two["lessons"]["outcome"], two["lessons"]["winner_name"]) == ("lost", "东方信联")
    assert two["lessons"]["winning_price"] == "560000.00"

    assert (three["stage"], three["criteria"], three["lessons"], three["rounds"]) == (
        "potential",
        None,
        None,
        [],
    )
    assert three["key_dates"]["expected_close_on"] == "2027-06-30"
    assert three["documents"] == {"counts": {}, "items": []}
    assert three["decision"] == {"members": 0, "stances": {}, "decision_makers": []}


# --- tenancy, roles, query counts, pages ------------------------------------------------------


def _routes(rhythm_account, history_account, competitor_id):
    return [
        f"/api/v1/accounts/{rhythm_account}/tender-rhythm",
        f"/api/v1/accounts/{history_account}/project-history",
        f"/api/v1/competitors/{competitor_id}/record",
    ]


def test_another_workspaces_records_are_not_found(client, acme, park):
    stranger = acme["tokens"]["stranger"]
    for path in _routes(park["account"], park["account"], park["k"]):
        response = client.get(path, headers=bearer(stranger))
        assert (path, response.status_code) == (path, 404)
        assert response.json()["status"] == 404
    # and the stranger's workspace-wide rhythm has none of acme's tenders
    theirs = _get(client, stranger, "/api/v1/tender-rhythm")
    assert (theirs["tender_count"], theirs["account_count"]) == (0, 0)


def test_another_workspaces_pages_are_not_found(client, acme, park):
    sign_in(client, "owner@other.example")
    for path in (
        f"/accounts/{park['account']}/tender-rhythm",
        f"/accounts/{park['account']}/project-history",
        f"/competitors/{park['k']}/record",
    ):
        response = client.get(path)
        assert (path, response.status_code) == (path, 404)


def test_unknown_records_are_not_found(client, acme):
    token = acme["tokens"]["viewer"]
    for path in _routes(987654321, 987654321, 987654321):
        assert client.get(path, headers=bearer(token)).status_code == 404


def test_without_a_token_the_api_answers_401(client, park):
    for path in _routes(park["account"], park["account"], park["k"]):
        assert client.get(path).status_code == 401


def _history(client, token, account_id, count, start, rivals):
    """`count` more opportunities at the account, each following the previous one, each with a
    weighted tender, a competitor, a quote round, a decision maker, a document and a review."""
    for n in range(start, start + count):
        oid = opportunity(client, token, account_id, f"项目{n:02d}", triggers=["other"])["id"]
        tender(
            client,
            token,
            oid,
            scoring_items=SHEET_50_30_20,
            rfp_published_on=f"20{10 + n}-03-01",
            award_announced_on=f"20{10 + n}-04-01",
            contract_signed_on=f"20{10 + n}-05-01",
        )
        v = vendor(client, token, oid, rivals["k"])["id"]
        _round(
            client,
            token,
            oid,
            f"20{10 + n}-03-20",
            [(_us(client, token, oid), "100000"), (v, "90000")],
        )
        _post(
            client,
            token,
            f"/api/v1/opportunities/{oid}/decision-chain",
            {"contact_id": rivals["contact"], "decision_role": "decision_maker"},
        )
        response = client.post(
            f"/api/v1/opportunities/{oid}/documents",
            data={"kind": "rfp"},
            files={"file": ("rfp.txt", b"rfp", "text/plain")},
            headers=bearer(token),
        )
        assert response.status_code == 201, response.text
        if rivals["previous"] is not None:
            _post(
                client,
                token,
                f"/api/v1/opportunities/{oid}/relations",
                {"earlier_id": rivals["previous"], "kind": "follow_on_of"},
            )
        rivals["previous"] = oid
        _close(
            client,
            token,
            oid,
            "lost",
            f"20{10 + n}-04-02",
            winner_competitor_id=rivals["k"],
            winning_price="90000",
        )


# The rhythm reads the account, its tenders and their scoring items; the history reads the
# account, then one query per kind of row (scoring items, quote rounds, quotes, decision chain,
# documents, opportunities, vendors, reviews, competitors, relations, tenders, contacts); the
# record reads the competitor, the meetings, quotes, reviews, accounts, winners' names, the
# competitor again with its ties, and the contacts.
EXPECTED = {"rhythm": 3, "history": 13, "record": 9}


def _count(client, count_queries, headers, account_id, competitor_id):
    client.get("/api/v1/me", headers=headers)  # the token's last use is recorded once a minute
    paths = {
        "rhythm": f"/api/v1/accounts/{account_id}/tender-rhythm",
        "history": f"/api/v1/accounts/{account_id}/project-history",
        "record": f"/api/v1/competitors/{competitor_id}/record",
    }
    counts = {}
    for name, path in paths.items():
        with count_queries() as counter:
            response = client.get(path, headers=headers)
        assert response.status_code == 200, response.text
        counts[name] = counter.count
    return counts


def test_query_counts_do_not_grow_with_the_number_of_opportunities(
    client, acme, files, count_queries
):
    token = acme["tokens"]["sales"]
    headers = bearer(acme["tokens"]["viewer"])
    account_id = _account(client, token, "长线客户", ownership="state_owned")
    contact = create(client, token, "/api/v1/contacts", name="决策人", account_id=account_id)
    rivals = {
        "k": competitor(client, token, "老对手")["id"],
        "contact": contact["id"],
        "previous": None,
    }
    tie(client, token, rivals["k"], contact["id"], 3)

    _history(client, token, account_id, 3, 0, rivals)
    with_3 = _count(client, count_queries, headers, account_id, rivals["k"])
    _history(client, token, account_id, 9, 3, rivals)
    with_12 = _count(client, count_queries, headers, account_id, rivals["k"])

    assert with_3 == EXPECTED
    assert with_12 == EXPECTED
    body = _get(client, acme["tokens"]["viewer"], f"/api/v1/accounts/{account_id}/project-history")
    assert [len(c["opportunities"]) for c in body["chains"]] == [12]


def test_a_viewer_reads_every_view_and_page(client, acme, park):
    token = acme["tokens"]["viewer"]
    for path in _routes(park["account"], park["account"], park["k"]):
        assert client.get(path, headers=bearer(token)).status_code == 200
    sign_in(client, "viewer@acme.example")
    for path in (
        f"/accounts/{park['account']}/tender-rhythm",
        f"/accounts/{park['account']}/project-history",
        f"/competitors/{park['k']}/record",
    ):
        assert (path, client.get(path).status_code) == (path, 200)


def test_the_pages_render_in_chinese_and_in_english(client, acme, park):
    sign_in(client, "sales@acme.example")
    account_id, ids = park["account"], park["ids"]
    pages = {
        f"/accounts/{account_id}/tender-rhythm": (
            "Tender rhythm",
            "Outlook for the next 12 months",
        ),
        f"/accounts/{account_id}/project-history": ("Project history", "Lessons learned"),
        f"/competitors/{park['k']}/record": ("Record against us", "Where we met them"),
    }
    for path, english in pages.items():
        zh = client.get(path)
        assert zh.status_code == 200, zh.text
        assert '<html lang="zh-CN">' in zh.text
        assert "工作台" in zh.text
        client.cookies.set("pcrm_lang", "en")
        en = client.get(path)
        client.cookies.delete("pcrm_lang")
        assert '<html lang="en">' in en.text
        assert all(text in en.text for text in english), path
        assert "<script>" not in en.text  # CSP: no inline scripts

    client.cookies.set("pcrm_lang", "en")
    rhythm = client.get(f"/accounts/{account_id}/tender-rhythm").text
    # 一期 (March 2023) and 二期 (March 2024): March is the only month tendered
    assert (
        '<tr data-testid="months-account"><td>科创园区管委会</td>'
        + "".join(f"<td>{n}</td>" for n in [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        + "</tr>"
        in rhythm
    )
    assert f'href="/accounts/{account_id}"' in rhythm
    history = client.get(f"/accounts/{account_id}/project-history").text
    assert history.count('data-testid="history-chain"') == 2
    assert history.count('data-testid="history-entry"') == 4
    assert [int(x) for x in _attr(history, "data-opportunity")] == [
        ids["one"],
        ids["two"],
        ids["three"],
        ids["four"],
    ]
    record = client.get(f"/competitors/{park['k']}/record").text
    assert f'href="/competitors/{park["k"]}"' in record


def _attr(html, name):
    import re

    return re.findall(rf'{name}="(\d+)"', html)


def test_the_rhythm_page_compares_with_another_ownership_type(client, acme, rhythm):
    sign_in(client, "viewer@acme.example")
    client.cookies.set("pcrm_lang", "en")

    # by default with the account's own kind, then with private customers
    own = client.get(f"/accounts/{rhythm['city']}/tender-rhythm").text
    private = client.get(
        f"/accounts/{rhythm['city']}/tender-rhythm", params={"compare": "private"}
    ).text

    assert '<option value="government" selected>' in own
    assert "<td>Government customers <span" in own
    assert '<option value="private" selected>' in private
    assert "<td>Private customers <span" in private
    assert (
        '<tr data-testid="months-kind"><td>Private customers '
        '<span class="muted small">1 account</span></td><td>1</td>' in private
    )
