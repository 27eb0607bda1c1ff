"""The bid workspace (/opportunities/{id}/bid): both languages, the forms and their inline
messages (a refused form writes nothing), "if we quote ¥X", fixed query counts, what a viewer
may do and another workspace's records (with the decision chain page where both are covered)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from pcrm.opportunities.tender.models import (
    QuoteRound,
    ScoringItem,
    Tender,
    Vendor,
    VendorScore,
)
from tests.accounts.builders import new_contact
from tests.factories import bearer, current, module_routes, sign_in
from tests.opportunities.bids import (
    Bid,
    add_member,
    by_testid,
    english,
    post_form,
    post_round,
    put_scores,
    refused,
    stored_all,
    today,
)
from tests.opportunities.builders import account, opportunity, row_counts, stored, tender, vendor
from tests.relationships.builders import competitor

MODULES = ("pcrm.opportunities.tender.routes_html", "pcrm.opportunities.chain.routes_html")


# --- rendering ----------------------------------------------------------------------------------


PAGES = [
    ("/opportunities/{oid}/bid", "bid"),
    ("/opportunities/{oid}/bid?try_price=850000", "bid"),
    ("/opportunities/{oid}/decision-chain", "chain"),
]


@pytest.mark.parametrize(("path", "tab"), PAGES)
def test_the_pages_render_in_both_languages(client, bid, path, tab):
    sign_in(client, "owner@acme.example")
    url = path.format(oid=bid.oid)
    zh = client.get(url)
    assert zh.status_code == 200, zh.text[:500]
    assert '<html lang="zh-CN">' in zh.text
    assert "工作台" in zh.text  # the shell, translated
    assert f'data-testid="tab-{tab}" aria-current="page">' in zh.text
    english(client)
    en = client.get(url)
    assert en.status_code == 200
    assert '<html lang="en">' in en.text
    assert "Workbench" in en.text
    label = {"bid": "Tender & bid", "chain": "Decision chain"}[tab]
    assert f'data-testid="tab-{tab}" aria-current="page">{label}</a>' in en.text


def test_the_bid_page_shows_the_tender_sheet_ranking_and_history(client, bid):
    sign_in(client, "owner@acme.example")
    english(client)
    html = client.get(f"/opportunities/{bid.oid}/bid").text
    assert by_testid(html, "tender-method") == ["Open tender"]
    assert by_testid(html, "tender-evaluation") == ["Weighted scoring"]
    assert by_testid(html, "sheet-vendor") == ["Acme 工程", "东方信联", "华数智通"]
    # benchmark = the lowest quote, 900,000; totals 69 + 18.75, 67 + 20, 71 + 18
    assert by_testid(html, "benchmark") == ["CN¥900,000.00"]
    assert [by_testid(html, f"total-{v}") for v in (bid.us, bid.a, bid.b)] == [
        ["87.75"],
        ["87"],
        ["89"],
    ]
    assert [by_testid(html, f"rank-{v}") for v in (bid.us, bid.a, bid.b)] == [["2"], ["3"], ["1"]]
    assert f'name="score-{bid.a}-{bid.items["方案"]}" value="24"' in html
    assert by_testid(html, "quote-amount") == ["CN¥960,000.00", "CN¥900,000.00", "CN¥1,000,000.00"]
    assert "Record round 2" in html


def test_the_page_in_chinese_formats_money_the_chinese_way(client, bid):
    sign_in(client, "owner@acme.example")
    html = client.get(f"/opportunities/{bid.oid}/bid").text
    assert by_testid(html, "benchmark") == ["¥900,000.00"]


def test_trying_a_price_shows_everyones_standing_and_writes_nothing(client, bid, uow):
    sign_in(client, "owner@acme.example")
    english(client)
    before = row_counts(uow)
    response = client.get(
        f"/opportunities/{bid.oid}/bid",
        params={"try_price": "850000"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.text
    assert html.startswith('<div id="bid-simulation"')  # the fragment only
    assert by_testid(html, "verdict-text") == [
        "If we quote CN¥850,000.00: price score 20, total 89, rank 1 of 3."
    ]
    assert by_testid(html, "rank-change") == ["Now rank 2"]
    rows = re.findall(r'data-testid="trial-row" data-vendor="([^"]+)"', html)
    assert rows == ["Acme 工程", "东方信联", "华数智通"]
    # 东方信联: 67 + 20 × 850/900 = 85.89, rank 3; 华数智通: 71 + 17 = 88, rank 2
    assert by_testid(html, "trial-rank") == ["1", "3", "2"]
    assert "<strong>85.89</strong>" in html
    assert "<strong>88</strong>" in html
    assert row_counts(uow) == before


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("0", "The value is too small."),
        ("-5", "The value is too small."),
        ("abc", "Enter a number."),
    ],
)
def test_a_price_that_is_no_amount_is_answered_inline(client, bid, price, message):
    sign_in(client, "owner@acme.example")
    english(client)
    response = client.get(
        f"/opportunities/{bid.oid}/bid", params={"try_price": price}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
    assert by_testid(response.text, "error-try_price") == [message]
    assert 'data-testid="verdict"' not in response.text


def test_the_page_without_a_tender_offers_to_set_one_up(client, acme):
    token = acme.tokens["owner"]
    oid = opportunity(client, token, account(client, token)["id"])["id"]
    sign_in(client, "owner@acme.example")
    english(client)
    html = client.get(f"/opportunities/{oid}/bid").text
    assert 'data-testid="tender-form"' in html
    assert by_testid(html, "no-sheet") == [
        "Set up the tender first: the sheet follows its scoring items."
    ]
    assert 'data-testid="price-trial"' not in html
    assert by_testid(html, "no-rounds") == ["No quote rounds yet."]


# --- the tender form ------------------------------------------------------------------------


def _tender_form(**overrides: Any) -> list[tuple[str, str]]:
    """A weighted tender: 技术 50 (方案 30 + 团队 20), 商务 30, 价格 20 (the price)."""
    base = {
        "method": "open",
        "evaluation_method": "weighted",
        "price_formula": "lowest_ratio",
        "benchmark_discount": "0",
        "deduct_above": "1",
        "deduct_below": "0.5",
        "agency": "北京国际招标有限公司",
        "bid_bond": "50000",
        "rfp_published_on": "2026-11-20",
        "qa_deadline": "2026-12-01T17:00",
        "site_visit_at": "",
        "submission_deadline": "2026-12-20T09:30",
        "opening_at": "2026-12-20T10:00",
        "award_announced_on": "",
        "contract_signed_on": "",
        "notes": "",
        "price_key": "n3",
    } | overrides
    pairs = [(k, v) for k, v in base.items() if k != "items"]
    items = overrides.get(
        "items",
        [
            ("n1", "", "技术", "50", [("", "方案", "30"), ("", "团队", "20")]),
            ("n2", "", "商务", "30", []),
            ("n3", "", "价格", "20", []),
        ],
    )
    for key, item_id, name, weight, subs in items:
        pairs += [
            ("item_key", key),
            ("item_id", item_id),
            ("item_name", name),
            ("item_weight", weight),
        ]
        for sub_id, sub_name, sub_weight in subs:
            pairs += [
                ("sub_parent", key),
                ("sub_id", sub_id),
                ("sub_name", sub_name),
                ("sub_weight", sub_weight),
            ]
    return pairs


def test_setting_up_a_tender_in_the_form(client, acme, uow):
    token = acme.tokens["owner"]
    oid = opportunity(client, token, account(client, token)["id"])["id"]
    csrf = sign_in(client, "owner@acme.example")
    response = post_form(client, f"/opportunities/{oid}/bid/tender", csrf, _tender_form())
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{oid}/bid?notice=tender#tender"
    saved = stored_all(uow, Tender, opportunity_id=oid)[0]
    # Times typed in the workspace's zone (Asia/Shanghai, UTC+8) are kept in UTC.
    assert (saved.qa_deadline, saved.submission_deadline, saved.opening_at) == (
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        datetime(2026, 12, 20, 1, 30, tzinfo=UTC),
        datetime(2026, 12, 20, 2, 0, tzinfo=UTC),
    )
    assert (saved.rfp_published_on, saved.agency, saved.bid_bond) == (
        date(2026, 11, 20),
        "北京国际招标有限公司",
        Decimal("50000.00"),
    )
    items = stored_all(uow, ScoringItem, tender_id=saved.id)
    by_id = {i.id: i.name for i in items}
    assert [(i.name, i.weight, i.is_price, by_id.get(i.parent_id)) for i in items] == [
        ("技术", Decimal("50.00"), False, None),
        ("方案", Decimal("30.00"), False, "技术"),
        ("团队", Decimal("20.00"), False, "技术"),
        ("商务", Decimal("30.00"), False, None),
        ("价格", Decimal("20.00"), True, None),
    ]
    assert [v.competitor_id for v in stored_all(uow, Vendor, opportunity_id=oid)] == [None]
    english(client)
    page = client.get(response.headers["location"]).text
    assert by_testid(page, "notice") == ["The tender has been saved."]
    assert 'value="2026-12-20T09:30"' in page  # shown again in the workspace's time


def test_editing_the_sheet_keeps_its_items_and_their_scores(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    scores_before = [(s.id, s.score) for s in stored_all(uow, VendorScore)]
    tender_row = stored_all(uow, Tender, opportunity_id=bid.oid)[0]
    i = bid.items
    form = _tender_form(
        version=str(tender_row.version),
        price_key=f"i{i['价格']}",
        items=[
            (
                f"i{i['技术']}",
                str(i["技术"]),
                "技术方案",
                "50",
                [(str(i["方案"]), "方案", "30"), (str(i["团队"]), "团队", "20")],
            ),
            (f"i{i['商务']}", str(i["商务"]), "商务", "30", []),
            (f"i{i['价格']}", str(i["价格"]), "价格", "20", []),
        ],
    )
    response = post_form(client, f"/opportunities/{bid.oid}/bid/tender", csrf, form)
    assert response.status_code == 303
    items = stored_all(uow, ScoringItem, tender_id=tender_row.id)
    assert [(s.id, s.name) for s in items] == [
        (i["技术"], "技术方案"),
        (i["方案"], "方案"),
        (i["团队"], "团队"),
        (i["商务"], "商务"),
        (i["价格"], "价格"),
    ]
    assert [(s.id, s.score) for s in stored_all(uow, VendorScore)] == scores_before


def test_weights_that_do_not_add_up_to_100_are_refused_inline(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    stored_before = stored(uow, Tender, stored_all(uow, Tender, opportunity_id=bid.oid)[0].id)
    form = _tender_form(
        version="1",
        items=[
            ("n1", "", "技术", "50", [("", "方案", "30"), ("", "团队", "20")]),
            ("n2", "", "商务", "20", []),
            ("n3", "", "价格", "20", []),
        ],
    )
    html = refused(client, uow, f"/opportunities/{bid.oid}/bid/tender", csrf, form)
    assert by_testid(html, "error-scoring_items") == [
        "The weights of the scoring items must add up to 100."
    ]
    assert 'name="item_weight" value="20"' in html  # what was typed stays in the form
    assert '<details class="bid-edit" open data-testid="tender-editor">' in html
    assert stored(uow, Tender, stored_before["id"]) == stored_before


def test_sub_items_that_do_not_add_up_are_refused_inline(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    form = _tender_form(
        version="1",
        items=[
            ("n1", "", "技术", "50", [("", "方案", "30"), ("", "团队", "15")]),
            ("n2", "", "商务", "30", []),
            ("n3", "", "价格", "20", []),
        ],
    )
    html = refused(client, uow, f"/opportunities/{bid.oid}/bid/tender", csrf, form)
    assert by_testid(html, "error-scoring_items.0.sub_items") == [
        "The weights of the sub-items must add up to the item's weight."
    ]


def test_key_dates_out_of_order_are_refused_inline(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    form = _tender_form(version="1", opening_at="2026-12-20T09:00")  # before the submission
    html = refused(client, uow, f"/opportunities/{bid.oid}/bid/tender", csrf, form)
    assert by_testid(html, "error-opening_at") == ["This date comes before an earlier key date."]
    assert 'value="2026-12-20T09:00"' in html


def test_a_negative_bid_bond_is_refused_in_chinese(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    html = refused(
        client,
        uow,
        f"/opportunities/{bid.oid}/bid/tender",
        csrf,
        _tender_form(version="1", bid_bond="-1"),
    )
    assert by_testid(html, "error-bid_bond") == ["值过小。"]


def test_a_stale_tender_is_not_overwritten(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    html = refused(
        client,
        uow,
        f"/opportunities/{bid.oid}/bid/tender",
        csrf,
        _tender_form(version="99"),
        status=412,
    )
    assert len(by_testid(html, "form-error")) == 1


# --- vendors and scores -----------------------------------------------------------------------


def test_adding_changing_and_removing_a_vendor(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    added = post_form(
        client,
        f"/opportunities/{bid.oid}/bid/vendors",
        csrf,
        {"competitor_id": str(bid.rivals["云铺科技"]), "status": "bidding", "notes": "本地厂商"},
    )
    assert added.status_code == 303
    assert added.headers["location"] == f"/opportunities/{bid.oid}/bid?notice=vendor-added#vendors"
    new = stored_all(uow, Vendor, competitor_id=bid.rivals["云铺科技"])[0]
    assert (new.opportunity_id, new.status.value, new.notes) == (bid.oid, "bidding", "本地厂商")
    changed = post_form(
        client,
        f"/opportunities/{bid.oid}/bid/vendors/{new.id}",
        csrf,
        {"status": "withdrew", "notes": "放弃投标", "version": str(new.version)},
    )
    assert changed.status_code == 303
    assert (stored(uow, Vendor, new.id)["status"].value, stored(uow, Vendor, new.id)["notes"]) == (
        "withdrew",
        "放弃投标",
    )
    removed = post_form(client, f"/opportunities/{bid.oid}/bid/vendors/{new.id}/delete", csrf, {})
    assert removed.status_code == 303
    assert stored_all(uow, Vendor, competitor_id=bid.rivals["云铺科技"]) == []


def test_a_vendor_with_quotes_cannot_be_removed(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    html = refused(client, uow, f"/opportunities/{bid.oid}/bid/vendors/{bid.a}/delete", csrf, {})
    assert by_testid(html, "form-error") == [
        "This vendor has quotes on record; mark it withdrawn instead."
    ]


def test_a_competitor_already_on_the_opportunity_is_refused(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    html = refused(
        client,
        uow,
        f"/opportunities/{bid.oid}/bid/vendors",
        csrf,
        {"competitor_id": str(bid.rivals["东方信联"]), "status": "bidding"},
    )
    assert by_testid(html, "error-competitor_id") == [
        "This competitor is already on the opportunity."
    ]


def _score_form(bid: Bid, **cells: str) -> list[tuple[str, str]]:
    values = {
        f"score-{bid.us}-{bid.items['方案']}": "27",
        f"score-{bid.us}-{bid.items['团队']}": "19",
        f"score-{bid.us}-{bid.items['商务']}": "",
        f"score-{bid.a}-{bid.items['方案']}": "24",
        f"score-{bid.a}-{bid.items['团队']}": "16",
        f"score-{bid.a}-{bid.items['商务']}": "27",
    } | cells
    return [("vendor_id", str(bid.us)), ("vendor_id", str(bid.a)), *values.items()]


def test_saving_the_scoring_grid(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    response = post_form(client, f"/opportunities/{bid.oid}/bid/scores", csrf, _score_form(bid))
    assert response.status_code == 303
    ours = {s.scoring_item_id: s.score for s in stored_all(uow, VendorScore, vendor_id=bid.us)}
    assert ours == {bid.items["方案"]: Decimal("27.00"), bid.items["团队"]: Decimal("19.00")}
    # 华数智通 was not in the posted grid: its scores stay
    assert len(stored_all(uow, VendorScore, vendor_id=bid.b)) == 3


def test_a_score_above_the_items_weight_is_refused_inline(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    cell = f"score-{bid.a}-{bid.items['团队']}"
    scores = [(s.id, s.score) for s in stored_all(uow, VendorScore)]
    html = refused(
        client, uow, f"/opportunities/{bid.oid}/bid/scores", csrf, _score_form(bid, **{cell: "21"})
    )
    assert by_testid(html, f"error-{cell}") == ["A score cannot exceed the item's weight."]
    assert f'name="{cell}" value="21"' in html
    assert [(s.id, s.score) for s in stored_all(uow, VendorScore)] == scores


# --- quote rounds -----------------------------------------------------------------------------


def _round_form(bid: Bid, **fields: str) -> dict[str, str]:
    return {
        "number": "2",
        "quoted_on": today().isoformat(),
        "note": "第二轮",
        f"quote-{bid.us}": "900000",
        f"quote-{bid.a}": "880000",
        f"source-{bid.a}": "客户透露",
        f"quote-{bid.b}": "",
        f"source-{bid.b}": "",
    } | fields


def test_recording_a_round_and_taking_it_back(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    response = post_form(client, f"/opportunities/{bid.oid}/bid/rounds", csrf, _round_form(bid))
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{bid.oid}/bid?notice=round#rounds"
    rounds = stored_all(uow, QuoteRound, opportunity_id=bid.oid)
    assert [(r.number, r.quoted_on, r.note) for r in rounds] == [
        (1, today() - timedelta(days=3), None),
        (2, today(), "第二轮"),
    ]
    html = client.get(f"/opportunities/{bid.oid}/bid").text
    assert by_testid(html, "quote-amount") == [
        "CN¥960,000.00",
        "CN¥900,000.00",
        "CN¥1,000,000.00",
        "CN¥900,000.00",
        "CN¥880,000.00",
    ]
    assert by_testid(html, "quote-change") == ["-CN¥60,000.00 (-6.3%)", "-CN¥20,000.00 (-2.2%)"]
    assert html.count('data-testid="take-back-round"') == 1
    taken = post_form(
        client, f"/opportunities/{bid.oid}/bid/rounds/{rounds[1].id}/delete", csrf, {}
    )
    assert taken.status_code == 303
    assert [r.number for r in stored_all(uow, QuoteRound, opportunity_id=bid.oid)] == [1]


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        (
            {"quoted_on": "{before}"},
            "error-quoted_on",
            "A round cannot be dated before the previous round.",
        ),
        (
            {"number": "3"},
            "form-error",
            "Quote rounds are numbered in order: this is the next one.",
        ),
        ({"quote-{us}": "-1"}, "error-quote-{us}", "The value is too small."),
        ({"quote-{a}": "0"}, "error-quote-{a}", "The value is too small."),
        ({"quote-{us}": "", "quote-{a}": ""}, "form-error", "Enter at least one quote."),
    ],
)
def test_a_bad_round_is_refused_inline(client, bid, uow, fields, where, message):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    names = {"us": bid.us, "a": bid.a, "before": (today() - timedelta(days=4)).isoformat()}
    data = _round_form(bid, **{k.format(**names): v.format(**names) for k, v in fields.items()})
    html = refused(client, uow, f"/opportunities/{bid.oid}/bid/rounds", csrf, data)
    assert by_testid(html, where.format(**names)) == [message]
    assert 'name="number" value="2"' in html  # the next number, whatever was posted


def test_only_the_latest_round_can_be_taken_back(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    post_form(client, f"/opportunities/{bid.oid}/bid/rounds", csrf, _round_form(bid))
    html = refused(
        client, uow, f"/opportunities/{bid.oid}/bid/rounds/{bid.round_id}/delete", csrf, {}
    )
    assert by_testid(html, "form-error") == ["Only the latest round can be taken back."]


# --- query counts -----------------------------------------------------------------------------

# Per request: the session with its user and workspace. The bid page: the opportunity's frame
# (opportunity, account, owner, tender, team, relations); the tender with its items; the vendors
# with the competitors' names; the rounds with their quotes; the bid sheet (opportunity, tender,
# items, vendors, names, estimated scores, rounds, quotes); the competitors one may add. The
# simulation: the opportunity, then the bid sheet as it is and with the price tried. The chain
# page: the frame; the members with their contacts; the chart (the members again and the
# account's relationship graph: account, contacts, profiles, dotted lines, influences, our
# relationships, competitors' ties and the competitors).
EXPECTED = {"bid": 25, "simulation": 18, "chain": 21}


def _sized(client, token: str, competitors: int, rounds: int) -> int:
    oid = opportunity(client, token, account(client, token, f"客户{competitors}")["id"])["id"]
    sheet = tender(client, token, oid)
    leaf = [s["id"] for i in sheet["scoring_items"] for s in i["sub_items"]]
    for n in range(competitors):
        vendor(client, token, oid, competitor(client, token, f"对手{competitors}-{n}")["id"])
    vendors = [
        v["id"]
        for v in client.get(f"/api/v1/opportunities/{oid}/vendors", headers=bearer(token)).json()
    ]
    for vid in vendors:
        put_scores(client, token, oid, vid, {leaf[0]: "20", leaf[1]: "10"})
    for r in range(rounds):
        post_round(
            client,
            token,
            oid,
            today() - timedelta(days=rounds - r),
            [
                {"vendor_id": vid, "amount": str(900000 + 1000 * n - 500 * r)}
                for n, vid in enumerate(vendors)
            ],
        )
    return oid


def _chain_sized(client, token: str, oid: int, members: int) -> None:
    account_id = client.get(f"/api/v1/opportunities/{oid}", headers=bearer(token)).json()[
        "account_id"
    ]
    for n in range(members):
        contact = new_contact(client, token, account_id, f"决策人{members}-{n}")["id"]
        add_member(client, token, oid, contact, stance="neutral")


def test_the_pages_cost_the_same_queries_for_few_and_many_vendors_rounds_and_members(
    client, acme, count_queries
):
    token = acme.tokens["owner"]
    small = _sized(client, token, competitors=1, rounds=1)
    large = _sized(client, token, competitors=5, rounds=4)
    _chain_sized(client, token, small, 1)
    _chain_sized(client, token, large, 4)
    sign_in(client, "owner@acme.example")
    counts: dict[str, list[int]] = {"bid": [], "simulation": [], "chain": []}
    for oid in (small, large):
        for name, url, headers in (
            ("bid", f"/opportunities/{oid}/bid", {}),
            ("simulation", f"/opportunities/{oid}/bid?try_price=800000", {"HX-Request": "true"}),
            ("chain", f"/opportunities/{oid}/decision-chain", {}),
        ):
            with count_queries() as counter:
                response = client.get(url, headers=headers)
            assert response.status_code == 200, response.text[:300]
            counts[name].append(counter.count)
    assert counts == {name: [n, n] for name, n in EXPECTED.items()}


# --- permissions and tenancy ------------------------------------------------------------------


def _writes(
    bid: Bid, oid: int, vendor_id: int, round_id: int, member_id: int
) -> dict[tuple[str, str], tuple[str, Any]]:
    """A plausible form for every write route of the pages, aimed at the given records."""
    return {
        ("POST", "/opportunities/{opportunity_id}/bid/tender"): (
            f"/opportunities/{oid}/bid/tender",
            _tender_form(version="1"),
        ),
        ("POST", "/opportunities/{opportunity_id}/bid/vendors"): (
            f"/opportunities/{oid}/bid/vendors",
            {"competitor_id": str(bid.rivals["云铺科技"]), "status": "bidding"},
        ),
        ("POST", "/opportunities/{opportunity_id}/bid/vendors/{vendor_id}"): (
            f"/opportunities/{oid}/bid/vendors/{vendor_id}",
            {"status": "withdrew", "notes": ""},
        ),
        ("POST", "/opportunities/{opportunity_id}/bid/vendors/{vendor_id}/delete"): (
            f"/opportunities/{oid}/bid/vendors/{vendor_id}/delete",
            {},
        ),
        ("POST", "/opportunities/{opportunity_id}/bid/scores"): (
            f"/opportunities/{oid}/bid/scores",
            [("vendor_id", str(vendor_id)), (f"score-{vendor_id}-{bid.items['方案']}", "1")],
        ),
        ("POST", "/opportunities/{opportunity_id}/bid/rounds"): (
            f"/opportunities/{oid}/bid/rounds",
            {"quoted_on": today().isoformat(), f"quote-{vendor_id}": "1000"},
        ),
        ("POST", "/opportunities/{opportunity_id}/bid/rounds/{round_id}/delete"): (
            f"/opportunities/{oid}/bid/rounds/{round_id}/delete",
            {},
        ),
        ("POST", "/opportunities/{opportunity_id}/decision-chain"): (
            f"/opportunities/{oid}/decision-chain",
            {
                "contact_id": str(bid.contacts["贺主任"]),
                "decision_role": "user",
                "stance": "unknown",
            },
        ),
        ("POST", "/opportunities/{opportunity_id}/decision-chain/{member_id}"): (
            f"/opportunities/{oid}/decision-chain/{member_id}",
            {"decision_role": "user", "stance": "unknown"},
        ),
        ("POST", "/opportunities/{opportunity_id}/decision-chain/{member_id}/delete"): (
            f"/opportunities/{oid}/decision-chain/{member_id}/delete",
            {},
        ),
    }


def _pages(oid: int, contact: int = 1) -> dict[tuple[str, str], str]:
    return {
        ("GET", "/opportunities/{opportunity_id}/bid"): f"/opportunities/{oid}/bid",
        (
            "GET",
            "/opportunities/{opportunity_id}/decision-chain",
        ): f"/opportunities/{oid}/decision-chain",
        (
            "GET",
            "/opportunities/{opportunity_id}/activities",
        ): f"/opportunities/{oid}/activities",
        (
            "GET",
            "/contacts/{contact_id}/opportunity-roles",
        ): f"/contacts/{contact}/opportunity-roles",
    }


def test_every_route_is_covered_here(app, bid):
    routes = {
        (m, p) for module in MODULES for p, methods in module_routes(app, module) for m in methods
    }
    covered = set(_pages(1)) | set(_writes(bid, 1, 1, 1, 1))
    assert routes == covered


def test_a_viewer_reads_the_pages_but_cannot_write(client, bid, uow):
    csrf = sign_in(client, "viewer@acme.example")
    english(client)
    for url in _pages(bid.oid, bid.contacts["贺主任"]).values():
        html = client.get(url).text
        assert '<form method="post" action="/opportunities/' not in html
    assert by_testid(client.get(f"/opportunities/{bid.oid}/bid").text, "rank-" + str(bid.us)) == [
        "2"
    ]
    before = row_counts(uow)
    writes = _writes(bid, bid.oid, bid.a, bid.round_id, bid.member)
    for (_method, _path), (url, data) in writes.items():
        response = post_form(client, url, csrf, data)
        assert response.status_code == 403, (url, response.status_code)
        assert "You do not have permission to do this." in response.text  # not a CSRF refusal
    assert row_counts(uow) == before


def test_another_workspaces_opportunity_is_not_found_on_every_route(client, bid, uow):
    csrf = sign_in(client, "owner@acme.example")
    t = bid.theirs
    before = row_counts(uow)
    for url in _pages(t["oid"], t["contact"]).values():
        assert client.get(url).status_code == 404, url
    assert (
        client.get(
            f"/opportunities/{t['oid']}/bid?try_price=1", headers={"HX-Request": "true"}
        ).status_code
        == 404
    )
    theirs = _writes(bid, t["oid"], t["vendor"], t["round"], t["member"])
    # and our opportunity with their vendor, round or chain member
    children = {
        key: request
        for key, request in _writes(bid, bid.oid, t["vendor"], t["round"], t["member"]).items()
        if re.search(r"\{(vendor|round|member)_id\}", key[1])
    }
    assert len(children) == 5
    for url, data in [*theirs.values(), *children.values()]:
        response = post_form(client, url, csrf, data)
        assert response.status_code == 404, (url, response.status_code)
    assert row_counts(uow) == before


def test_a_closed_opportunity_shows_its_bid_as_history(client, acme, bid):
    close = client.post(
        f"/api/v1/opportunities/{bid.oid}/close",
        json={
            "outcome": "lost",
            "review": {"reasons": ["price"], "winner_competitor_id": bid.rivals["华数智通"]},
        },
        headers=current(client, f"/api/v1/opportunities/{bid.oid}", bearer(acme.tokens["owner"])),
    )
    assert close.status_code == 200, close.text
    sign_in(client, "owner@acme.example")
    english(client)
    html = client.get(f"/opportunities/{bid.oid}/bid").text
    assert by_testid(html, "bid-closed") == [
        "This opportunity is closed; its bid is kept as history."
    ]
    assert 'data-testid="tender-form"' not in html
    assert 'data-testid="round-form"' not in html
    assert by_testid(html, f"rank-{bid.us}") == ["2"]
