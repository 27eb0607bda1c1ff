"""The analytical views of the project-history line over the JSON API: a customer's tender
rhythm (项目关键时点), a competitor's record against us and an account's project history.
Exact figures for small hand-computed histories, tenancy, roles and pinned query counts."""

from __future__ import annotations

from tests.accounts.builders import create
from tests.factories import bearer
from tests.opportunities.builders import opportunity, tender, today, vendor
from tests.opportunities.insights.world import (
    SHEET_50_30_20,
    ZERO_MONTHS,
    api_account,
    api_close,
    api_get,
    api_post,
    api_round,
    our_vendor,
    outlook_of,
    view_routes,
)
from tests.relationships.builders import competitor, tie


def test_the_rhythm_of_an_account_is_learned_from_its_tenders(client, acme, rhythm):
    # when a viewer asks for the rhythm of the city's tenders
    body = api_get(
        client, acme.tokens["viewer"], f"/api/v1/accounts/{rhythm['city']}/tender-rhythm"
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
    assert outlook_of(body) == expected
    start = today()
    first = (start.year + start.month // 12, start.month % 12 + 1)
    assert (body["outlook"][0]["year"], body["outlook"][0]["month"]) == first
    assert body["likely_from"] == "0.5"


def test_the_rhythm_of_an_ownership_type_gathers_its_accounts(client, acme, rhythm):
    token = acme.tokens["viewer"]

    # when the rhythm of government customers is asked for
    government = api_get(client, token, "/api/v1/tender-rhythm", ownership="government")

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
    assert outlook_of(government)[7] == ("0.33", False)

    # and without an ownership type every account of the workspace counts
    everyone = api_get(client, token, "/api/v1/tender-rhythm")
    assert (everyone["ownership"], everyone["account_count"], everyone["tender_count"]) == (
        None,
        3,
        6,
    )
    assert (everyone["first_year"], everyone["years_observed"]) == (2022, 4)
    assert everyone["months"] == [1, 0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert everyone["price_weight"] == "30.0"  # 20, 40, 20 and 40

    # and a type nobody has gives empty figures
    foreign = api_get(client, token, "/api/v1/tender-rhythm", ownership="foreign")
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
        headers=bearer(acme.tokens["viewer"]),
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_a_competitors_record_shows_where_we_met_and_how_it_went(client, acme, rivalry):
    # when a viewer opens 东方信联's record
    body = api_get(client, acme.tokens["viewer"], f"/api/v1/competitors/{rivalry['k']}/record")

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
    token = acme.tokens["viewer"]
    fresh = competitor(client, acme.tokens["sales"], "新锐科技")["id"]
    body = api_get(client, token, f"/api/v1/competitors/{fresh}/record")
    assert (body["met"], body["win_rate"], body["mean_quote_ratio"], body["meetings"]) == (
        0,
        None,
        None,
        [],
    )
    assert (body["lost_to_others"], body["close_contacts"]) == ([], [])


def test_the_project_history_puts_related_opportunities_in_one_chain_with_their_elements(
    client, acme, park
):
    # when a viewer opens the account's project history
    body = api_get(
        client, acme.tokens["viewer"], f"/api/v1/accounts/{park['account']}/project-history"
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


# --- tenancy, roles, query counts ------------------------------------------------------------


def test_another_workspaces_records_are_not_found(client, acme, park):
    stranger = acme.tokens["stranger"]
    for path in view_routes(park["account"], park["account"], park["k"]):
        response = client.get(path, headers=bearer(stranger))
        assert (path, response.status_code) == (path, 404)
        assert response.json()["status"] == 404
    # and the stranger's workspace-wide rhythm has none of acme's tenders
    theirs = api_get(client, stranger, "/api/v1/tender-rhythm")
    assert (theirs["tender_count"], theirs["account_count"]) == (0, 0)


def test_unknown_records_are_not_found(client, acme):
    token = acme.tokens["viewer"]
    for path in view_routes(987654321, 987654321, 987654321):
        assert client.get(path, headers=bearer(token)).status_code == 404


def test_without_a_token_the_api_answers_401(client, park):
    for path in view_routes(park["account"], park["account"], park["k"]):
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
        api_round(
            client,
            token,
            oid,
            f"20{10 + n}-03-20",
            [(our_vendor(client, token, oid), "100000"), (v, "90000")],
        )
        api_post(
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
            api_post(
                client,
                token,
                f"/api/v1/opportunities/{oid}/relations",
                {"earlier_id": rivals["previous"], "kind": "follow_on_of"},
            )
        rivals["previous"] = oid
        api_close(
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
    token = acme.tokens["sales"]
    headers = bearer(acme.tokens["viewer"])
    account_id = api_account(client, token, "长线客户", ownership="state_owned")
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
    body = api_get(client, acme.tokens["viewer"], f"/api/v1/accounts/{account_id}/project-history")
    assert [len(c["opportunities"]) for c in body["chains"]] == [12]
