"""The opportunity pages: list with the weighted pipeline, the board, the opportunity page's
overview and history, the forms that create, edit, move and close. Rendering in both
languages, inline messages with nothing written, roles, tenancy and pinned query counts."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from markupsafe import escape
from sqlalchemy import select

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.core.i18n import format_money, translate
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.pipeline.schemas import (
    OpportunityCreate,
    RelationCreate,
    TeamMemberWrite,
)
from pcrm.opportunities.review.models import WinLossReview
from pcrm.opportunities.review.schemas import CloseOpportunity, ReviewWrite
from pcrm.relationships.competitors import service as relationships_service
from pcrm.relationships.competitors.schemas import CompetitorWrite
from tests.factories import module_routes, sign_in
from tests.opportunities.builders import row_counts, stored

EN = {"pcrm_lang": "en"}


@pytest.fixture
def pipeline(uow, acme):
    """In acme: account 华为 with a potential opportunity (budget 1,000,000, sales on the
    team), a bidding one without a tender, a lost one (to 竞品科技) that the potential one
    follows as its phase 2, and a competitor. In other: one opportunity of its own."""
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        account = account_service.create_account(db, boss, AccountCreate(name="华为技术有限公司"))
        rival = relationships_service.create_competitor(db, boss, CompetitorWrite(name="竞品科技"))
        potential = service.create_opportunity(
            db,
            boss,
            OpportunityCreate(
                account_id=account.id,
                name="智慧园区二期",
                budget_amount=Decimal("1000000"),
                expected_close_on=date(2027, 3, 31),
                triggers=["old_system"],
                team=[TeamMemberWrite(user_id=acme.sales.user_id, role="sales")],
            ),
        )
        bidding = service.create_opportunity(
            db,
            boss,
            OpportunityCreate(
                account_id=account.id,
                name="数据中心扩容",
                stage="bidding",
                budget_amount=Decimal("500000"),
                no_tender_reason="单一来源采购",
            ),
        )
        lost = service.create_opportunity(
            db,
            boss,
            OpportunityCreate(account_id=account.id, name="智慧园区一期", budget_amount=Decimal(8)),
        )
        service.close_opportunity(
            db,
            boss,
            lost.id,
            CloseOpportunity(
                outcome="lost",
                closed_on=date(2026, 1, 15),
                review=ReviewWrite(
                    reasons=["price"],
                    what_worked="方案评分第一",
                    winner_competitor_id=rival.id,
                    winning_price=Decimal("7.5"),
                ),
            ),
        )
        relation = service.add_relation(
            db, boss, potential.id, RelationCreate(earlier_id=lost.id, kind="phase_2_of")
        )
        stranger = operator_principal(db, "other", "owner@other.example")
        their_account = account_service.create_account(db, stranger, AccountCreate(name="别家"))
        theirs = service.create_opportunity(
            db, stranger, OpportunityCreate(account_id=their_account.id, name="别家的项目")
        )
    return {
        "account": account.id,
        "rival": rival.id,
        "potential": potential.id,
        "bidding": bidding.id,
        "lost": lost.id,
        "theirs": theirs.id,
        "their_account": their_account.id,
        "relation": relation.id,
    }


def _csrf(client, email="owner@acme.example"):
    return sign_in(client, email)


def _t(locale, message, **params):
    """A message as the page shows it: translated, HTML-escaped."""
    return str(escape(translate(locale, message, **params)))


def _money(value, locale):
    return format_money(Decimal(value), "CNY", locale)


def _opportunity(uow, opportunity_id):
    return stored(uow, Opportunity, opportunity_id)


def _review(uow, opportunity_id):
    with uow() as db:
        row = db.scalar(
            select(WinLossReview)
            .where(WinLossReview.opportunity_id == opportunity_id)
            .execution_options(**GLOBAL)
        )
        return None if row is None else {"reasons": row.reasons, "outcome": row.outcome.value}


HX = {"HX-Request": "true"}
LOCALES = [("zh_CN", {}), ("en", EN)]


# --- rendering in both languages ----------------------------------------------------------------


@pytest.mark.parametrize(("locale", "cookies"), LOCALES, ids=["zh-CN", "en"])
def test_the_list_shows_the_opportunities_and_the_weighted_pipeline(
    client, pipeline, locale, cookies
):
    _csrf(client)
    client.cookies.update(cookies)
    response = client.get("/opportunities")
    assert response.status_code == 200
    html = response.text
    assert f'lang="{"zh-CN" if locale == "zh_CN" else "en"}"' in html
    assert _t(locale, "Pipeline board") in html
    for name in ("智慧园区二期", "数据中心扩容", "智慧园区一期"):
        assert name in html
    assert "别家的项目" not in html
    # open: 1,000,000 × 10 % + 500,000 × 40 %
    assert 'data-testid="open-count">2<' in html
    assert f'data-testid="open-budget">{_money(1500000, locale)}<' in html
    assert f'data-testid="open-weighted">{_money(300000, locale)}<' in html
    assert _t(locale, "I · Prospect") in html
    assert 'data-testid="new-opportunity"' in html


@pytest.mark.parametrize(("locale", "cookies"), LOCALES, ids=["zh-CN", "en"])
def test_the_board_has_a_column_per_stage_with_its_totals_and_cards(
    client, pipeline, locale, cookies
):
    _csrf(client)
    client.cookies.update(cookies)
    html = client.get("/opportunities/board").text
    columns = re.findall(r'data-testid="column-(\w+)"', html)
    assert columns == ["potential", "bidding", "execution", "delivered", "lost", "abandoned"]
    counts = dict(re.findall(r'data-testid="count-(\w+)">(\d+)<', html))
    assert counts == {
        "potential": "1",
        "bidding": "1",
        "execution": "0",
        "delivered": "0",
        "lost": "1",
        "abandoned": "0",
    }
    assert _cards(html) == {
        pipeline["potential"]: "potential",
        pipeline["bidding"]: "bidding",
        pipeline["lost"]: "lost",
    }
    # lost and abandoned start collapsed; the open stages start open
    assert re.findall(r'data-testid="column-(\w+)"[^>]*>\s*<details( open)?>', html) == [
        ("potential", " open"),
        ("bidding", " open"),
        ("execution", " open"),
        ("delivered", " open"),
        ("lost", ""),
        ("abandoned", ""),
    ]
    assert _t(locale, "Pipeline board") in html
    assert _money(1000000, locale) in html


def _cards(html):
    return {
        int(card_id): stage
        for card_id, stage in re.findall(
            r'class="opp-card" data-id="(\d+)" data-stage="(\w+)"', html
        )
    }


@pytest.mark.parametrize(("locale", "cookies"), LOCALES, ids=["zh-CN", "en"])
def test_the_overview_shows_every_field_the_team_and_the_relations(
    client, pipeline, locale, cookies
):
    _csrf(client)
    client.cookies.update(cookies)
    html = client.get(f"/opportunities/{pipeline['potential']}").text
    assert 'data-testid="opportunity-name">智慧园区二期<' in html
    assert 'data-testid="opportunity-account">华为技术有限公司<' in html
    assert 'data-stage="potential"' in html
    assert f'data-testid="opportunity-amount">{_money(1000000, locale)}<' in html
    assert 'data-testid="opportunity-owner">王总<' in html
    currency = "人民币" if locale == "zh_CN" else "Chinese Yuan"  # never the bare code
    assert f'data-testid="opportunity-currency">{currency}<' in html
    for tab in ("overview", "bid", "chain", "documents", "history"):
        assert f'data-testid="tab-{tab}"' in html
    assert 'data-testid="tab-overview" aria-current="page"' in html
    assert _t(locale, "Old system can't cope") in html
    assert _t(locale, "New build") in html
    # the team: 李四 as sales; the relation: phase 2 of 智慧园区一期
    assert "<strong>李四</strong>" in html
    assert (
        f'<span class="badge blue">{_t(locale, "Phase 2 of")}</span> '
        f'<a href="/opportunities/{pipeline["lost"]}">智慧园区一期</a>' in html
    )
    assert 'data-testid="review"' not in html  # open: no review yet


@pytest.mark.parametrize(("locale", "cookies"), LOCALES, ids=["zh-CN", "en"])
def test_a_closed_opportunity_shows_its_review_and_the_later_one(client, pipeline, locale, cookies):
    _csrf(client)
    client.cookies.update(cookies)
    html = client.get(f"/opportunities/{pipeline['lost']}").text
    assert 'data-stage="lost"' in html
    assert 'data-testid="review-winner">竞品科技<' in html
    assert "方案评分第一" in html
    assert _money("7.5", locale) in html
    assert f'<span class="badge">{_t(locale, "Price")}</span>' in html
    later = _t(locale, "%(kind)s this one", kind=_t(locale, "Phase 2 of"))
    assert f'智慧园区二期</a> <span class="badge">{later}</span>' in html
    assert 'data-testid="close-won"' not in html  # closed: no close buttons


@pytest.mark.parametrize(("locale", "cookies"), LOCALES, ids=["zh-CN", "en"])
def test_every_form_and_fragment_renders(client, pipeline, locale, cookies):
    _csrf(client)
    client.cookies.update(cookies)
    p = pipeline
    pages = {
        "/opportunities/new": _t(locale, "New opportunity"),
        f"/opportunities/{p['potential']}/edit": _t(locale, "Edit opportunity"),
        f"/opportunities/{p['potential']}/move": _t(locale, "Move “%(name)s”", name="智慧园区二期"),
        f"/opportunities/{p['potential']}/close?outcome=lost": _t(
            locale, "Close “%(name)s”", name="智慧园区二期"
        ),
        f"/opportunities/{p['lost']}/review/edit": _t(locale, "What to change"),
        f"/opportunities/{p['potential']}/history": _t(locale, "History"),
    }
    for path, text in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<html" in response.text, path
        assert text in response.text, path
    fragments = {
        "/opportunities": 'data-testid="opportunities-table"',
        "/opportunities/board": 'id="board"',
        f"/opportunities/{p['potential']}/edit": 'data-testid="opportunity-form"',
        f"/opportunities/{p['potential']}/move": f'data-testid="move-form-{p["potential"]}"',
        f"/opportunities/{p['potential']}/close?outcome=won": (
            f'data-testid="close-form-{p["potential"]}"'
        ),
        f"/opportunities/{p['lost']}/review/edit": 'data-testid="review-form"',
        f"/opportunities/{p['potential']}/history": 'data-testid="history"',
    }
    for path, marker in fragments.items():
        response = client.get(path, headers=HX)
        assert response.status_code == 200, path
        assert "<html" not in response.text, path
        assert marker in response.text, path


def test_the_history_tab_lists_the_opportunitys_changes(client, pipeline):
    _csrf(client)
    client.cookies.update(EN)
    html = client.get(f"/opportunities/{pipeline['lost']}/history").text
    assert 'data-testid="tab-history" aria-current="page"' in html
    assert html.count("<li>") >= 2  # created, then closed
    assert "智慧园区一期" in html


# --- list filters, sorting and pages ----------------------------------------------------------


def _listed(client, query):
    html = client.get(f"/opportunities?{query}").text
    return re.findall(
        r'data-testid="row-\d+">\s*<td class="name-cell[^"]*">'
        r'<a href="/opportunities/\d+"><strong>([^<]+)<',
        html,
    )


def test_the_list_filters_by_stage_owner_account_type_dates_and_name(client, pipeline, acme):
    _csrf(client)
    assert _listed(client, "stage=potential&stage=lost") == ["智慧园区二期", "智慧园区一期"]
    assert _listed(client, "q=园区") == ["智慧园区二期", "智慧园区一期"]
    assert _listed(client, "close_from=2027-03-01&close_to=2027-03-31") == ["智慧园区二期"]
    assert _listed(client, f"owner_id={acme.owner.user_id}&project_type=new&sort=name") == [
        "数据中心扩容",
        "智慧园区一期",
        "智慧园区二期",
    ]
    assert _listed(client, f"owner_id={acme.sales.user_id}") == []
    assert _listed(client, f"account_id={pipeline['account']}&sort=-budget_amount") == [
        "智慧园区二期",
        "数据中心扩容",
        "智慧园区一期",
    ]


def test_the_weighted_pipeline_follows_the_filters(client, pipeline):
    _csrf(client)
    html = client.get("/opportunities?stage=bidding").text
    assert 'data-testid="open-count">1<' in html
    assert f'data-testid="open-weighted">{_money(200000, "zh_CN")}<' in html


def test_an_unknown_sort_is_reported_and_the_list_keeps_its_default(client, pipeline):
    _csrf(client)
    client.cookies.update(EN)
    response = client.get("/opportunities?sort=password")
    assert response.status_code == 422
    assert "Unknown sort field." in response.text
    assert len(re.findall(r'data-testid="row-\d+"', response.text)) == 3


def test_the_list_pages(client, pipeline):
    _csrf(client)
    client.cookies.update(EN)
    first = client.get("/opportunities?page_size=2&sort=name").text
    second = client.get("/opportunities?page_size=2&sort=name&page=2").text
    assert len(re.findall(r'data-testid="row-\d+"', first)) == 2
    assert len(re.findall(r'data-testid="row-\d+"', second)) == 1
    assert "3 in all · page 2 of 2" in second


# --- the account page's opportunities tab -------------------------------------------------------


@pytest.mark.parametrize(("locale", "cookies"), LOCALES, ids=["zh-CN", "en"])
def test_the_account_pages_opportunities_tab_lists_its_opportunities_open_first(
    client, pipeline, locale, cookies
):
    _csrf(client)
    client.cookies.update(cookies)
    account = pipeline["account"]
    page = client.get(f"/accounts/{account}?tab=opportunities")
    tab = client.get(f"/accounts/{account}/opportunities", headers=HX)

    assert page.status_code == 200
    assert f'hx-get="/accounts/{account}/opportunities" hx-trigger="load"' in page.text
    assert re.search(r'data-testid="tab-opportunities"\s+aria-current="page"', page.text)
    assert tab.status_code == 200
    rows = re.findall(r'data-testid="row-(\d+)"', tab.text)
    # the list's default order: stage (prospect, bidding, …, lost), then expected close
    assert rows == [str(pipeline[k]) for k in ("potential", "bidding", "lost")]
    assert "别家的项目" not in tab.text
    assert 'data-testid="open-count">2<' in tab.text
    assert f'data-testid="open-budget">{_money(1500000, locale)}<' in tab.text
    assert f'href="/opportunities/new?account_id={account}"' in tab.text
    assert f'href="/opportunities?account_id={account}"' in tab.text
    assert _t(locale, "Open in the opportunity list") in tab.text


def test_the_tab_of_an_account_without_opportunities_says_so(client, pipeline, uow):
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        quiet = account_service.create_account(db, boss, AccountCreate(name="新客户"))
    _csrf(client)
    client.cookies.update(EN)

    tab = client.get(f"/accounts/{quiet.id}/opportunities", headers=HX)

    assert tab.status_code == 200
    assert "No opportunities with this account yet." in tab.text
    assert 'data-testid="open-count">0<' in tab.text


def test_the_tab_pages_without_putting_its_own_address_in_the_address_bar(client, pipeline, uow):
    _add_opportunities(uow, pipeline["account"], 20)  # 23 in all, 20 a page
    _csrf(client)
    client.cookies.update(EN)
    url = f"/accounts/{pipeline['account']}/opportunities"

    first = client.get(url, headers=HX).text
    second = client.get(f"{url}?page=2", headers=HX).text

    assert len(re.findall(r'data-testid="row-\d+"', first)) == 20
    assert len(re.findall(r'data-testid="row-\d+"', second)) == 3
    assert "23 in all · page 2 of 2" in second
    assert f'hx-get="{url}?page=2" hx-target="#account-opportunities" hx-push-url="false"' in first


def test_the_tab_asked_for_as_a_page_sends_the_browser_to_the_account_page(client, pipeline):
    _csrf(client)
    account = pipeline["account"]

    response = client.get(f"/accounts/{account}/opportunities", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == f"/accounts/{account}?tab=opportunities"


def test_another_workspaces_account_has_no_opportunities_tab(client, pipeline):
    _csrf(client)
    url = f"/accounts/{pipeline['their_account']}/opportunities"

    as_fragment = client.get(url, headers=HX)
    as_page = client.get(url, follow_redirects=False)

    assert (as_fragment.status_code, as_page.status_code) == (404, 404)
    assert "别家的项目" not in as_fragment.text + as_page.text


def test_a_viewer_reads_the_tab_without_the_new_opportunity_button(client, pipeline):
    _csrf(client, "viewer@acme.example")

    tab = client.get(f"/accounts/{pipeline['account']}/opportunities", headers=HX)

    assert tab.status_code == 200
    assert len(re.findall(r'data-testid="row-\d+"', tab.text)) == 3
    assert 'data-testid="account-new-opportunity"' not in tab.text


# --- query counts -------------------------------------------------------------------------------


def _add_opportunities(uow, account_id, n):
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        for i in range(n):
            service.create_opportunity(
                db,
                boss,
                OpportunityCreate(
                    account_id=account_id,
                    name=f"项目{i:02d}",
                    stage="bidding" if i % 2 else "potential",
                    no_tender_reason="框架协议" if i % 2 else None,
                    budget_amount=Decimal(1000 + i),
                ),
            )


# The session with its user and workspace (one query), then for the list: the page's ids, its
# rows, its count,
# account names, owners, which have a tender, the stage totals and the users of the owner
# filter; for the board: the stage totals, one query per column (six), account names, owners,
# tenders and the users of the owner filter.
LIST_QUERIES = 9
BOARD_QUERIES = 12
# The account tab: the session, the account, then the list's ids, rows, count, account names,
# owners and tenders, and the stage totals.
ACCOUNT_TAB_QUERIES = 9


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/opportunities", LIST_QUERIES),
        ("/opportunities/board", BOARD_QUERIES),
        ("/accounts/{account}/opportunities", ACCOUNT_TAB_QUERIES),
    ],
)
def test_the_lists_and_the_board_cost_the_same_queries_for_3_or_30_opportunities(
    client, pipeline, uow, count_queries, path, expected
):
    path = path.format(account=pipeline["account"])
    headers = HX if path.startswith("/accounts/") else {}  # the tab is a fragment
    _csrf(client)
    client.get(path, headers=headers)
    with count_queries() as few:
        assert client.get(path, headers=headers).status_code == 200
    _add_opportunities(uow, pipeline["account"], 27)
    with count_queries() as many:
        html = client.get(path, headers=headers).text
    assert "项目26" in html
    assert (few.count, many.count) == (expected, expected)


OVERVIEW_QUERIES = 16  # with the same account's other opportunities: ids, then rows


def test_the_overview_costs_the_same_queries_with_more_team_and_relations(
    client, pipeline, uow, count_queries, acme
):
    url = f"/opportunities/{pipeline['potential']}"
    _csrf(client)
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        team = [
            TeamMemberWrite(user_id=acme.member(who).user_id, role=role)
            for who, role in (("sales", "sales"), ("admin", "bid_manager"), ("owner", "executive"))
        ]
        service.set_team(db, boss, pipeline["potential"], team)
        for n in range(4):
            earlier = service.create_opportunity(
                db, boss, OpportunityCreate(account_id=pipeline["account"], name=f"前期{n}")
            )
            service.add_relation(
                db,
                boss,
                pipeline["potential"],
                RelationCreate(earlier_id=earlier.id, kind="follow_on_of"),
            )
    with count_queries() as many:
        html = client.get(url).text
    assert "前期3" in html
    assert (few.count, many.count) == (OVERVIEW_QUERIES, OVERVIEW_QUERIES)


# --- creating and editing -----------------------------------------------------------------------


def test_a_new_opportunity_is_created_from_the_form(client, pipeline, uow, acme):
    token = _csrf(client)
    response = client.post(
        "/opportunities",
        data={
            "csrf_token": token,
            "account_id": str(pipeline["account"]),
            "name": "  云平台迁移 ",
            "owner_id": str(acme.sales.user_id),
            "stage": "potential",
            "project_type": "upgrade",
            "triggers": ["leadership", "yearly_budget"],
            "budget_amount": "2500000",
            "currency": "CNY",
            "expected_close_on": "2027-06-30",
            "probability": "",
            "source": "referral",
            "description": "",
        },
    )
    assert response.status_code == 303
    new_id = int(response.headers["location"].split("/")[-1].split("?")[0])
    assert response.headers["location"] == f"/opportunities/{new_id}?notice=created"
    row = _opportunity(uow, new_id)
    assert {k: row[k] for k in ("name", "owner_id", "stage", "probability", "triggers")} == {
        "name": "云平台迁移",
        "owner_id": acme.sales.user_id,
        "stage": "potential",
        "probability": 10,
        "triggers": ["leadership", "yearly_budget"],
    }
    assert row["budget_amount"] == Decimal("2500000.00")
    assert row["expected_close_on"] == date(2027, 6, 30)
    assert row["project_type"].value == "upgrade"


def test_bad_input_on_the_new_form_is_shown_inline_and_nothing_is_written(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    before = row_counts(uow)
    response = client.post(
        "/opportunities",
        data={
            "csrf_token": token,
            "account_id": "",
            "name": " ",
            "stage": "bidding",
            "budget_amount": "-5",
            "currency": "CNY",
        },
    )
    assert response.status_code == 422
    errors = dict(re.findall(r'data-testid="error-([\w.]+)">([^<]*)<', response.text))
    assert errors == {
        "account_id": "This field is required.",
        "name": "This field is required.",
        "budget_amount": "The value is too small.",
    }
    assert row_counts(uow) == before


def test_starting_in_bidding_without_a_tender_needs_the_reason(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    before = row_counts(uow)
    response = client.post(
        "/opportunities",
        data={
            "csrf_token": token,
            "account_id": str(pipeline["account"]),
            "name": "单一来源项目",
            "stage": "bidding",
        },
    )
    assert response.status_code == 422
    assert (
        'data-testid="error-no_tender_reason">To start in bidding, record the tender afterwards '
        "or say why there is none.<"
    ) in response.text
    assert 'value="单一来源项目"' in response.text  # the input keeps what was typed
    assert row_counts(uow) == before


def test_the_inline_edit_saves_and_reloads_the_page(client, pipeline, uow):
    token = _csrf(client)
    row = _opportunity(uow, pipeline["potential"])
    response = client.post(
        f"/opportunities/{pipeline['potential']}/edit",
        headers=HX,
        data={
            "csrf_token": token,
            "version": str(row["version"]),
            "name": "智慧园区二期（扩）",
            "owner_id": str(row["owner_id"]),
            "project_type": "phase_2",
            "probability": "25",
            "budget_amount": "1200000",
            "currency": "CNY",
            "triggers": ["old_system", "regulation"],
            "expected_close_on": "2027-04-30",
            "source": "",
            "trigger_note": "",
            "no_tender_reason": "",
            "description": "二期扩容",
        },
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/opportunities/{pipeline['potential']}?notice=saved"
    after = _opportunity(uow, pipeline["potential"])
    assert (after["name"], after["probability"], after["probability_overridden"]) == (
        "智慧园区二期（扩）",
        25,
        True,
    )
    assert after["triggers"] == ["old_system", "regulation"]
    assert after["budget_amount"] == Decimal("1200000.00")
    assert after["version"] == row["version"] + 1


def test_an_edit_of_an_older_version_is_refused_and_changes_nothing(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    row = _opportunity(uow, pipeline["potential"])
    before = row_counts(uow)
    response = client.post(
        f"/opportunities/{pipeline['potential']}/edit",
        headers=HX,
        data={
            "csrf_token": token,
            "version": str(row["version"] - 1 or 99),
            "name": "别人改过了",
            "project_type": "new",
            "currency": "CNY",
        },
    )
    assert response.status_code == 412
    assert "This record was changed by someone else. Reload and try again." in response.text
    assert "<html" not in response.text
    assert _opportunity(uow, pipeline["potential"]) == row
    assert row_counts(uow) == before


def test_bad_input_on_the_edit_form_is_shown_inline_and_nothing_is_written(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    row = _opportunity(uow, pipeline["bidding"])
    before = row_counts(uow)
    response = client.post(
        f"/opportunities/{pipeline['bidding']}/edit",
        headers=HX,
        data={
            "csrf_token": token,
            "version": str(row["version"]),
            "name": "数据中心扩容",
            "project_type": "new",
            "currency": "yuan",
            "probability": "120",
            "awarded_amount": "100",
        },
    )
    assert response.status_code == 422
    errors = dict(re.findall(r'data-testid="error-([\w.]+)">([^<]*)<', response.text))
    assert errors == {
        "currency": "The format is not valid.",
        "probability": "The value is too large.",
    }
    assert _opportunity(uow, pipeline["bidding"]) == row
    assert row_counts(uow) == before


def test_archiving_takes_it_off_the_list(client, pipeline, uow):
    token = _csrf(client)
    response = client.post(
        f"/opportunities/{pipeline['bidding']}/archive", data={"csrf_token": token}
    )
    assert response.status_code == 303
    assert _opportunity(uow, pipeline["bidding"])["archived_at"] is not None
    assert "数据中心扩容" not in client.get("/opportunities").text
    assert (
        'data-testid="archived-badge"' in client.get(f"/opportunities/{pipeline['bidding']}").text
    )


# --- moving and closing -------------------------------------------------------------------------


def test_moving_into_bidding_without_a_tender_asks_why_and_writes_nothing(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    row = _opportunity(uow, pipeline["potential"])
    before = row_counts(uow)
    response = client.post(
        f"/opportunities/{pipeline['potential']}/stage",
        headers=HX,
        data={"csrf_token": token, "stage": "bidding", "version": str(row["version"])},
    )
    assert response.status_code == 422
    assert "<html" not in response.text
    assert (
        'data-testid="error-no_tender_reason">Bidding needs the tender&#39;s details, or a note '
        "why there is no tender.<"
    ) in response.text
    assert 'name="no_tender_reason"' in response.text
    assert f'name="version" value="{row["version"]}"' in response.text
    assert _opportunity(uow, pipeline["potential"]) == row
    assert row_counts(uow) == before


def test_a_move_with_the_reason_tells_the_board_to_reload(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    row = _opportunity(uow, pipeline["potential"])
    response = client.post(
        f"/opportunities/{pipeline['potential']}/stage",
        headers=HX,
        data={
            "csrf_token": token,
            "stage": "bidding",
            "no_tender_reason": "框架协议内采购",
            "version": str(row["version"]),
        },
    )
    assert response.status_code == 204
    assert json.loads(response.headers["HX-Trigger"]) == {
        "boardChanged": {"message": "The stage has been changed."}
    }
    after = _opportunity(uow, pipeline["potential"])
    assert (after["stage"], after["probability"], after["no_tender_reason"]) == (
        "bidding",
        40,
        "框架协议内采购",
    )


def test_the_move_form_without_script_goes_back_where_it_came_from(client, pipeline, uow):
    token = _csrf(client)
    response = client.post(
        f"/opportunities/{pipeline['bidding']}/stage",
        data={"csrf_token": token, "stage": "potential", "back": "/opportunities/board?q=park"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/opportunities/board?q=park&notice=moved"
    assert _opportunity(uow, pipeline["bidding"])["stage"] == "potential"
    elsewhere = client.post(
        f"/opportunities/{pipeline['bidding']}/stage",
        data={"csrf_token": token, "stage": "bidding", "back": "https://evil.example/"},
    )
    assert elsewhere.headers["location"] == f"/opportunities/{pipeline['bidding']}?notice=moved"


def test_a_refused_move_is_explained_and_changes_nothing(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    row = _opportunity(uow, pipeline["lost"])
    response = client.post(
        f"/opportunities/{pipeline['lost']}/stage",
        headers=HX,
        data={"csrf_token": token, "stage": "potential", "version": str(row["version"])},
    )
    assert response.status_code == 422
    assert (
        'data-testid="move-error">The opportunity cannot move to this stage from its stage.<'
    ) in response.text
    assert _opportunity(uow, pipeline["lost"]) == row
    stale = client.post(
        f"/opportunities/{pipeline['potential']}/stage",
        headers=HX,
        data={"csrf_token": token, "stage": "bidding", "no_tender_reason": "x", "version": "99"},
    )
    assert stale.status_code == 412
    assert "This record was changed by someone else. Reload and try again." in stale.text
    assert _opportunity(uow, pipeline["potential"])["stage"] == "potential"


def test_dropping_on_lost_opens_the_close_form(client, pipeline, uow):
    token = _csrf(client)
    row = _opportunity(uow, pipeline["bidding"])
    response = client.post(
        f"/opportunities/{pipeline['bidding']}/stage",
        headers=HX,
        data={"csrf_token": token, "stage": "lost", "version": str(row["version"])},
    )
    assert response.status_code == 200
    assert f'data-testid="close-form-{pipeline["bidding"]}"' in response.text
    assert 'value="lost" checked' in response.text
    assert _opportunity(uow, pipeline["bidding"]) == row
    without_script = client.post(
        f"/opportunities/{pipeline['bidding']}/stage",
        data={"csrf_token": token, "stage": "execution", "back": "/opportunities/board"},
    )
    assert without_script.status_code == 303
    assert without_script.headers["location"] == (
        f"/opportunities/{pipeline['bidding']}/close?outcome=won&back=%2Fopportunities%2Fboard"
    )


def _close(client, token, opportunity_id, **fields):
    data = {"csrf_token": token, "outcome": "lost", "closed_on": "2026-11-01"} | fields
    return client.post(f"/opportunities/{opportunity_id}/close", headers=HX, data=data)


def test_closing_as_lost_records_the_review(client, pipeline, uow):
    token = _csrf(client)
    response = _close(
        client,
        token,
        pipeline["bidding"],
        **{
            "review.reasons": ["price", "relationship"],
            "review.winner_competitor_id": str(pipeline["rival"]),
            "review.winning_price": "480000",
            "review.what_to_change": "更早接触决策人",
        },
    )
    assert response.status_code == 204
    assert json.loads(response.headers["HX-Trigger"])["boardChanged"]["message"] == translate(
        "zh_CN", "The opportunity is closed and its review recorded."
    )
    row = _opportunity(uow, pipeline["bidding"])
    assert (row["stage"], row["probability"], row["closed_on"]) == ("lost", 0, date(2026, 11, 1))
    assert _review(uow, pipeline["bidding"]) == {
        "reasons": ["price", "relationship"],
        "outcome": "lost",
    }


def test_closing_without_what_the_review_needs_is_refused_inline(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    before = row_counts(uow)
    row = _opportunity(uow, pipeline["bidding"])
    response = _close(client, token, pipeline["bidding"], awarded_amount="100")
    assert response.status_code == 422
    errors = dict(re.findall(r'data-testid="error-([\w.]+)">([^<]*)<', response.text))
    assert errors == {"review.reasons": "Choose at least one."}
    lost_without_winner = _close(
        client, token, pipeline["bidding"], awarded_amount="100", **{"review.reasons": "price"}
    )
    assert lost_without_winner.status_code == 422
    errors = dict(re.findall(r'data-testid="error-([\w.]+)">([^<]*)<', lost_without_winner.text))
    assert errors == {
        "awarded_amount": "Only a won opportunity has an awarded amount.",
        "review.winner_competitor_id": "Say who won when we lost.",
    }
    assert 'value="price" checked' in lost_without_winner.text
    assert _opportunity(uow, pipeline["bidding"]) == row
    assert row_counts(uow) == before


def test_the_close_page_without_script_returns_to_the_opportunity(client, pipeline, uow):
    token = _csrf(client)
    response = client.post(
        f"/opportunities/{pipeline['potential']}/close",
        data={
            "csrf_token": token,
            "outcome": "won",
            "awarded_amount": "950000",
            "review.reasons": ["technical"],
            "review.what_worked": "演示打动了用户",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/opportunities/{pipeline['potential']}?notice=closed"
    row = _opportunity(uow, pipeline["potential"])
    assert (row["stage"], row["awarded_amount"]) == ("execution", Decimal("950000.00"))


# --- team, relations and the review ---------------------------------------------------------------


def test_the_team_is_edited_in_place(client, pipeline, uow, acme):
    token = _csrf(client)
    response = client.post(
        f"/opportunities/{pipeline['potential']}/team",
        headers=HX,
        data={
            "csrf_token": token,
            "team.0.user_id": str(acme.sales.user_id),
            "team.0.role": "bid_manager",
            "team.1.user_id": str(acme.admin.user_id),
            "team.1.role": "presales",
        },
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="card" id="team-card"')
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        team = service.opportunity_detail(db, boss, pipeline["potential"]).team
    assert [(m.user_id, m.role.value) for m in team] == [
        (acme.sales.user_id, "bid_manager"),
        (acme.admin.user_id, "presales"),
    ]
    removed = client.post(
        f"/opportunities/{pipeline['potential']}/team",
        headers=HX,
        data={
            "csrf_token": token,
            "team.0.user_id": str(acme.sales.user_id),
            "team.0.role": "bid_manager",
            "team.0.remove": "1",
            "team.1.user_id": str(acme.admin.user_id),
            "team.1.role": "presales",
            "team.2.user_id": "",
            "team.2.role": "sales",
        },
    )
    assert removed.status_code == 200
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        team = service.opportunity_detail(db, boss, pipeline["potential"]).team
    assert [m.user_id for m in team] == [acme.admin.user_id]


def test_a_stranger_on_the_team_is_refused_on_its_row(client, pipeline, uow, acme):
    token = _csrf(client)
    client.cookies.update(EN)
    before = row_counts(uow)
    response = client.post(
        f"/opportunities/{pipeline['potential']}/team",
        headers=HX,
        data={
            "csrf_token": token,
            "team.0.user_id": str(acme.sales.user_id),
            "team.0.role": "sales",
            "team.1.user_id": str(acme.stranger.user_id),
            "team.1.role": "sales",
        },
    )
    assert response.status_code == 422
    assert 'data-testid="error-team-new">Choose an active user of this workspace.<' in response.text
    assert row_counts(uow) == before


def test_relations_are_added_and_removed_and_a_loop_is_refused(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    before = row_counts(uow)
    loop = client.post(
        f"/opportunities/{pipeline['lost']}/relations",
        headers=HX,
        data={"csrf_token": token, "earlier_id": str(pipeline["potential"]), "kind": "phase_2_of"},
    )
    assert loop.status_code == 422
    assert (
        'data-testid="error-earlier_id">This relation would make a loop of opportunities.<'
    ) in loop.text
    assert row_counts(uow) == before
    added = client.post(
        f"/opportunities/{pipeline['bidding']}/relations",
        headers=HX,
        data={"csrf_token": token, "earlier_id": str(pipeline["lost"]), "kind": "follow_on_of"},
    )
    assert added.status_code == 200
    assert f'<a href="/opportunities/{pipeline["lost"]}">智慧园区一期</a>' in added.text
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        relations = service.relations(db, boss, pipeline["bidding"])
    assert [(r.earlier_id, r.kind.value) for r in relations] == [(pipeline["lost"], "follow_on_of")]
    removed = client.post(
        f"/opportunities/{pipeline['bidding']}/relations/{relations[0].id}/delete",
        data={"csrf_token": token},
    )
    assert removed.status_code == 303
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        assert service.relations(db, boss, pipeline["bidding"]) == []


def test_the_review_is_edited_and_bad_input_is_refused_inline(client, pipeline, uow):
    token = _csrf(client)
    client.cookies.update(EN)
    before = row_counts(uow)
    bad = client.post(
        f"/opportunities/{pipeline['lost']}/review",
        headers=HX,
        data={"csrf_token": token, "review.winning_price": "-1"},
    )
    assert bad.status_code == 422
    errors = dict(re.findall(r'data-testid="error-([\w.]+)">([^<]*)<', bad.text))
    assert errors == {
        "review.reasons": "Choose at least one.",
        "review.winning_price": "The value is too small.",
    }
    assert 'data-testid="review-form"' in bad.text
    assert row_counts(uow) == before
    good = client.post(
        f"/opportunities/{pipeline['lost']}/review",
        headers=HX,
        data={
            "csrf_token": token,
            "review.reasons": ["price", "timing"],
            "review.winner_competitor_id": str(pipeline["rival"]),
            "review.what_to_change": "提前报价",
        },
    )
    assert good.status_code == 200
    assert 'data-testid="review-form"' not in good.text
    assert "提前报价" in good.text
    assert _review(uow, pipeline["lost"]) == {"reasons": ["price", "timing"], "outcome": "lost"}


# --- roles and tenancy --------------------------------------------------------------------------


def _page_routes(app):
    """(method, path) of every route of the opportunity pages."""
    return {
        (method, path)
        for path, methods in module_routes(app, "pcrm.opportunities.pipeline.routes_html")
        for method in methods
    }


def _requests(opportunity_id, relation_id, token):
    """A plausible request for every route aimed at one opportunity."""
    form = {"csrf_token": token}
    o = f"/opportunities/{opportunity_id}"
    return {
        ("GET", "/opportunities/{opportunity_id}"): ("GET", o, None),
        ("GET", "/opportunities/{opportunity_id}/history"): ("GET", f"{o}/history", None),
        ("GET", "/opportunities/{opportunity_id}/edit"): ("GET", f"{o}/edit", None),
        ("POST", "/opportunities/{opportunity_id}/edit"): (
            "POST",
            f"{o}/edit",
            form | {"name": "改名", "project_type": "new", "currency": "CNY"},
        ),
        ("POST", "/opportunities/{opportunity_id}/archive"): ("POST", f"{o}/archive", form),
        ("POST", "/opportunities/{opportunity_id}/team"): ("POST", f"{o}/team", form),
        ("POST", "/opportunities/{opportunity_id}/relations"): (
            "POST",
            f"{o}/relations",
            form | {"earlier_id": "1", "kind": "phase_2_of"},
        ),
        ("POST", "/opportunities/{opportunity_id}/relations/{relation_id}/delete"): (
            "POST",
            f"{o}/relations/{relation_id}/delete",
            form,
        ),
        ("GET", "/opportunities/{opportunity_id}/review/edit"): ("GET", f"{o}/review/edit", None),
        ("POST", "/opportunities/{opportunity_id}/review"): (
            "POST",
            f"{o}/review",
            form | {"review.reasons": "price"},
        ),
        ("GET", "/opportunities/{opportunity_id}/move"): ("GET", f"{o}/move", None),
        ("POST", "/opportunities/{opportunity_id}/stage"): (
            "POST",
            f"{o}/stage",
            form | {"stage": "bidding", "no_tender_reason": "无"},
        ),
        ("GET", "/opportunities/{opportunity_id}/close"): ("GET", f"{o}/close", None),
        ("POST", "/opportunities/{opportunity_id}/close"): (
            "POST",
            f"{o}/close",
            form | {"outcome": "abandoned", "review.reasons": "budget"},
        ),
    }


def test_another_workspaces_opportunity_is_not_found_on_every_page_route(
    client, app, pipeline, uow
):
    token = _csrf(client)
    requests = _requests(pipeline["theirs"], pipeline["relation"], token)
    aimed = {r for r in _page_routes(app) if "{opportunity_id}" in r[1]}
    assert aimed == set(requests)  # a new route needs its request here
    before = row_counts(uow)
    theirs = _opportunity(uow, pipeline["theirs"])
    for route, (method, url, data) in requests.items():
        response = client.request(method, url, data=data)
        assert response.status_code == 404, route
        assert "别家的项目" not in response.text, route
    assert row_counts(uow) == before
    assert _opportunity(uow, pipeline["theirs"]) == theirs


def test_a_viewer_sees_no_buttons_and_cannot_write(client, app, pipeline, uow):
    token = _csrf(client, "viewer@acme.example")
    board = client.get("/opportunities/board").text
    assert 'draggable="true"' not in board
    assert 'data-testid="move-' not in board
    assert 'data-testid="new-opportunity"' not in board
    assert 'data-testid="new-opportunity"' not in client.get("/opportunities").text
    page = client.get(f"/opportunities/{pipeline['lost']}").text
    for marker in ("edit-opportunity", "archive", "team-form", "relation-form", "edit-review"):
        assert f'data-testid="{marker}"' not in page
    page = client.get(f"/opportunities/{pipeline['potential']}").text
    for marker in ("close-won", "move-form"):
        assert f'data-testid="{marker}"' not in page
    requests = _requests(pipeline["potential"], pipeline["relation"], token)
    requests[("GET", "/opportunities/new")] = ("GET", "/opportunities/new", None)
    requests[("POST", "/opportunities")] = (
        "POST",
        "/opportunities",
        {"csrf_token": token, "account_id": str(pipeline["account"]), "name": "越权"},
    )
    requests[("GET", "/opportunities/{opportunity_id}/review/edit")] = (
        "GET",
        f"/opportunities/{pipeline['lost']}/review/edit",
        None,
    )
    writes = {
        k: v
        for k, v in requests.items()
        if k[0] == "POST" or k[1].endswith(("edit", "new", "move", "close"))
    }
    assert {r for r in _page_routes(app) if r[0] == "POST"} <= set(writes)
    before = row_counts(uow)
    for route, (method, url, data) in writes.items():
        response = client.request(method, url, data=data)
        assert response.status_code == 403, route
    assert row_counts(uow) == before


def test_the_board_follows_the_filters_and_keeps_them_for_its_reload(client, pipeline, acme):
    _csrf(client)
    html = client.get("/opportunities/board?q=园区").text
    assert _cards(html) == {pipeline["potential"]: "potential", pipeline["lost"]: "lost"}
    assert 'hx-get="/opportunities/board?q=%E5%9B%AD%E5%8C%BA"' in html
    mine = client.get(f"/opportunities/board?owner_id={acme.sales.user_id}").text
    assert _cards(mine) == {}


def test_the_close_page_of_a_closed_opportunity_offers_no_form(client, pipeline):
    _csrf(client)
    client.cookies.update(EN)
    html = client.get(f"/opportunities/{pipeline['lost']}/close?outcome=won").text
    assert 'data-testid="already-closed">This opportunity is already closed.<' in html
    assert 'name="outcome"' not in html


@pytest.mark.parametrize(
    "form",
    [
        {"review.winning_price": "-1"},  # bad input: once a 500 ('vocab' is undefined)
        {"review.reasons": "timing", "review.what_to_change": "改"},
    ],
)
def test_a_viewer_posting_the_review_form_is_refused_and_nothing_changes(
    client, pipeline, uow, form
):
    token = _csrf(client, "viewer@acme.example")
    before = (row_counts(uow), _review(uow, pipeline["lost"]))

    refused = client.post(
        f"/opportunities/{pipeline['lost']}/review",
        headers=HX,
        data={"csrf_token": token, **form},
    )

    assert refused.status_code == 403
    assert (row_counts(uow), _review(uow, pipeline["lost"])) == before
