"""The bid workspace and the decision chain in the browser: a bid manager fills the scoring
sheet, adds two competitors and their estimated scores, records a round, tries a lower price
and sees our rank change, records that price as the next round; and puts a customer person on
the decision chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.pipeline import service as opportunities
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.tender.models import Quote, QuoteRound, ScoringItem
from pcrm.relationships.competitors import service as relationships
from pcrm.relationships.competitors.schemas import CompetitorWrite
from tests.e2e.conftest import UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"


@dataclass
class Deal:
    """An opportunity of 国网江苏省电力有限公司 without a tender yet; two competitors of the
    workspace and two people of the customer."""

    uow: UnitOfWork
    opportunity_id: int = 0
    rivals: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)

    def rows(self, model: type[Any]) -> list[Any]:
        with self.uow() as db:
            query = select(model).execution_options(**GLOBAL).order_by(model.id)
            return list(db.scalars(query))


@pytest.fixture
def deal(uow: UnitOfWork) -> Deal:
    result = Deal(uow)
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        boss = operator_principal(db, "acme", OWNER)
        account = accounts.create_account(db, boss, AccountCreate(name="国网江苏省电力有限公司"))
        for name, title in (("张建国", "副总经理"), ("刘主任", "信息中心主任")):
            contact = contact_service.create_contact(
                db, boss, ContactCreate(name=name, title=title, account_id=account.id)
            )
            result.people[name] = contact.id
        for name in ("东方信联", "华数智通"):
            result.rivals[name] = relationships.create_competitor(
                db, boss, CompetitorWrite(name=name)
            ).id
        result.opportunity_id = opportunities.create_opportunity(
            db, boss, OpportunityCreate(account_id=account.id, name="营销系统升级")
        ).id
    return result


def _item(form: Locator, n: int) -> Locator:
    return form.get_by_test_id("sheet-item").nth(n)


def _fill_the_sheet(page: Page) -> None:
    """技术 50 (方案 30 + 团队 20), 商务 30, 价格 20, filled in the sheet editor."""
    form = page.get_by_test_id("tender-form")
    total = form.get_by_test_id("weight-total")
    warning = form.get_by_test_id("weight-warning")
    technical = _item(form, 0)
    technical.locator('input[name="item_name"]').fill("技术")
    technical.locator('input[name="item_weight"]').fill("50")
    expect(total).to_contain_text("50")
    expect(warning).to_be_visible()
    technical.locator('[data-sheet="add-sub"]').click()
    technical.locator('[data-sheet="add-sub"]').click()
    subs = technical.locator("tr.sub-row")
    subs.nth(0).locator('input[name="sub_name"]').fill("方案")
    subs.nth(0).locator('input[name="sub_weight"]').fill("30")
    subs.nth(1).locator('input[name="sub_name"]').fill("团队")
    subs.nth(1).locator('input[name="sub_weight"]').fill("15")
    expect(technical.locator("[data-sub-sum]")).to_have_class("bid-sub-sum bad")
    subs.nth(1).locator('input[name="sub_weight"]').fill("20")
    expect(technical.locator("[data-sub-sum]")).to_have_class("bid-sub-sum")
    price = _item(form, 1)
    price.locator('input[name="item_name"]').fill("价格")
    price.locator('input[name="item_weight"]').fill("20")
    expect(price.locator('input[name="price_key"]')).to_be_checked()
    form.get_by_test_id("add-item").click()
    commercial = _item(form, 2)
    commercial.locator('input[name="item_name"]').fill("商务")
    commercial.locator('input[name="item_weight"]').fill("30")
    expect(total).to_contain_text("100")
    expect(warning).to_be_hidden()
    form.get_by_test_id("date-submission_deadline").fill("2026-12-20T09:30")
    form.get_by_test_id("date-opening_at").fill("2026-12-20T10:00")


def _rank(page: Page, column: int) -> Locator:
    return page.get_by_test_id("bid-sheet").locator("tfoot tr.bid-grid-rank td").nth(column + 1)


def test_a_bid_manager_fills_the_sheet_tries_a_price_and_records_rounds(
    page: Page, deal: Deal
) -> None:
    sign_in(page, OWNER)
    page.goto(f"/opportunities/{deal.opportunity_id}/bid")
    _fill_the_sheet(page)
    page.get_by_test_id("save-tender").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    items = deal.rows(ScoringItem)
    assert [(i.name, int(i.weight), i.is_price) for i in items] == [
        ("技术", 50, False),
        ("方案", 30, False),
        ("团队", 20, False),
        ("价格", 20, True),
        ("商务", 30, False),
    ]

    for name in ("东方信联", "华数智通"):
        page.get_by_test_id("vendor-competitor").select_option(label=name)
        page.get_by_test_id("add-vendor").click()
        expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("vendor-row")).to_have_count(3)
    expect(page.get_by_test_id("sheet-vendor")).to_have_text(["Acme 工程", "东方信联", "华数智通"])

    # 方案, 团队 and 商务 of us, 东方信联 and 华数智通: 69, 67 and 71 points
    cells = page.get_by_test_id("bid-sheet").locator("input.bid-score")
    for n, score in enumerate(["26", "24", "28", "18", "16", "17", "25", "27", "26"]):
        cells.nth(n).fill(score)
    page.get_by_test_id("save-scores").click()
    expect(page.get_by_test_id("notice")).to_be_visible()

    quotes = page.get_by_test_id("round-form").locator('input[name^="quote-"]')
    for n, amount in enumerate(["960000", "900000", "1000000"]):
        quotes.nth(n).fill(amount)
    page.get_by_test_id("record-round").click()
    expect(page.get_by_test_id("round-row")).to_have_count(1)
    # 69 + 18.75, 67 + 20, 71 + 18: we are second
    expect(_rank(page, 0)).to_have_text("2")
    expect(_rank(page, 2)).to_have_text("1")

    # If we quote 850,000 we become the benchmark and rank first; nothing is written.
    page.get_by_test_id("try-price").fill("850000")
    ours = page.get_by_test_id("trial-row").first
    expect(ours.get_by_test_id("trial-rank")).to_have_text("1")
    expect(page.get_by_test_id("rank-change")).to_be_visible()
    expect(page.get_by_test_id("trial-rank")).to_have_text(["1", "3", "2"])
    assert len(deal.rows(QuoteRound)) == 1

    # ... and record it as the next round: our quote is the price just tried.
    expect(page.get_by_test_id("our-quote")).to_have_value("850000")
    page.get_by_test_id("record-round").click()
    expect(page.get_by_test_id("round-row")).to_have_count(2)
    expect(page.get_by_test_id("quote-change")).to_have_count(1)  # ours: -110,000
    expect(_rank(page, 0)).to_have_text("1")
    assert sorted(int(q.amount) for q in deal.rows(Quote)) == [
        850000,
        900000,
        960000,
        1000000,
    ]


def test_a_person_goes_on_the_decision_chain_and_into_its_chart(page: Page, deal: Deal) -> None:
    sign_in(page, OWNER)
    page.goto(f"/opportunities/{deal.opportunity_id}/decision-chain")
    expect(page.get_by_test_id("no-members")).to_be_visible()
    form = page.get_by_test_id("add-member-form")
    form.get_by_test_id("picker-contact_id").fill("张建国")
    form.locator(".picker-results button").filter(has_text="张建国").click()
    form.get_by_test_id("add-role").select_option("decision_maker")
    expect(form.get_by_test_id("add-competitor")).to_be_hidden()
    form.get_by_test_id("add-stance").select_option("favours_competitor")
    form.get_by_test_id("add-competitor").select_option(label="华数智通")
    form.get_by_test_id("add-member").click()

    member = page.get_by_test_id("chain-member")
    expect(member).to_have_count(1)
    expect(member).to_have_attribute("data-contact", "张建国")
    chart = page.get_by_test_id("chain-chart")
    expect(chart).to_have_attribute("data-ready", "1")
    nodes = page.evaluate(
        """() => echarts.getInstanceByDom(document.querySelector('[data-testid=chain-chart]'))
            .getOption().series[0].data.filter((d) => d.node)  // not the frame's two corners
            .map((d) => [d.node.name, d.node.stance, d.node.member])"""
    )
    assert nodes == [["张建国", "favours_competitor", True]]
    [stored] = deal.rows(DecisionChainMember)
    assert (stored.decision_role.value, stored.favoured_competitor_id) == (
        "decision_maker",
        deal.rivals["华数智通"],
    )

    # Won over: edited in place, the favoured competitor goes with the old stance.
    member.get_by_test_id("edit-member").click()
    member.get_by_test_id("member-stance-select").select_option("favours_us")
    expect(member.get_by_test_id("member-competitor")).to_be_hidden()
    member.get_by_test_id("save-member").click()
    expect(page.get_by_test_id("chain-member")).to_have_attribute("data-stance", "favours_us")
    [stored] = deal.rows(DecisionChainMember)
    assert (stored.stance.value, stored.favoured_competitor_id) == ("favours_us", None)
