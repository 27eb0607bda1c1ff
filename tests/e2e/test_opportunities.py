"""Opportunities in the browser: create one, drag it on the pipeline board from potential to
bidding (saying why there is no tender), see a refused move put the card back, and close it as
lost with its win/loss review by dropping it on the lost column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from pcrm.accounts.accounts import service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.core.i18n import translate
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service as opportunities
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.opportunities.review.models import WinLossReview
from pcrm.opportunities.vocab import LABELS, Stage
from pcrm.relationships.competitors import service as relationships
from pcrm.relationships.competitors.schemas import CompetitorWrite
from tests.e2e.conftest import BrowserProblems, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"


@dataclass
class Setup:
    uow: UnitOfWork
    account: str
    competitor_id: int

    def stored(self, name: str) -> tuple[Opportunity, WinLossReview | None]:
        with self.uow() as db:
            opportunity = db.scalar(
                select(Opportunity).where(Opportunity.name == name).execution_options(**GLOBAL)
            )
            assert opportunity is not None
            review = db.scalar(
                select(WinLossReview)
                .where(WinLossReview.opportunity_id == opportunity.id)
                .execution_options(**GLOBAL)
            )
            db.expunge_all()
            return opportunity, review


@pytest.fixture
def setup(uow: UnitOfWork) -> Setup:
    """Workspace acme with its owner 王芳, the account 国网江苏省电力有限公司 and the competitor
    东方信联."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        boss = operator_principal(db, "acme", OWNER)
        service.create_account(db, boss, AccountCreate(name="国网江苏省电力有限公司"))
        rival = relationships.create_competitor(db, boss, CompetitorWrite(name="东方信联"))
    return Setup(uow, "国网江苏省电力有限公司", rival.id)


def stage_label(stage: Stage) -> str:
    return translate("zh_CN", LABELS[Stage][stage.value])


def create_opportunity(page: Page, setup: Setup, name: str) -> int:
    page.goto("/opportunities")
    page.get_by_test_id("new-opportunity").click()
    page.get_by_test_id("picker-account_id").fill("国网江苏")
    page.get_by_role("button", name=re.compile(setup.account)).click()
    page.locator("#f-name").fill(name)
    page.locator("#f-budget_amount").fill("1800000")
    page.locator("#f-expected_close_on").fill("2027-05-31")
    page.get_by_test_id("save-opportunity").click()
    expect(page.get_by_test_id("opportunity-name")).to_have_text(name)
    expect(page.get_by_test_id("opportunity-stage")).to_have_attribute("data-stage", "potential")
    expect(page.get_by_test_id("opportunity-stage")).to_have_text(stage_label(Stage.POTENTIAL))
    return setup.stored(name)[0].id


def drag_into_bidding(page: Page, setup: Setup, card_id: str, name: str) -> None:
    """Without a tender the board asks why there is none before it moves the card."""
    page.get_by_test_id(card_id).drag_to(page.get_by_test_id("column-bidding"))
    dialog = page.get_by_test_id("board-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("error-no_tender_reason")).to_be_visible()
    assert setup.stored(name)[0].stage is Stage.POTENTIAL
    dialog.get_by_test_id("no-tender-reason").fill("框架协议内单一来源采购")
    dialog.get_by_test_id("move-submit").click()
    expect(dialog).to_be_hidden()
    card = page.get_by_test_id("cards-bidding").get_by_test_id(card_id)
    expect(card).to_have_attribute("data-stage", "bidding")
    expect(page.get_by_test_id("count-bidding")).to_have_text("1")
    expect(page.get_by_test_id("count-potential")).to_have_text("0")
    expect(page.get_by_test_id("board-status")).to_be_visible()


def drag_where_the_rules_refuse(page: Page, setup: Setup, card_id: str, name: str) -> None:
    """The server says why, and the card goes back to its column."""
    page.get_by_test_id(card_id).drag_to(page.get_by_test_id("column-delivered"))
    dialog = page.get_by_test_id("board-dialog")
    expect(dialog.get_by_test_id("move-error")).to_be_visible()
    dialog.get_by_role("button", name=translate("zh_CN", "Cancel")).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("cards-bidding").get_by_test_id(card_id)).to_be_visible()
    assert setup.stored(name)[0].stage is Stage.BIDDING


def drop_on_lost_with_a_review(page: Page, setup: Setup, card_id: str) -> None:
    page.get_by_test_id(card_id).drag_to(page.get_by_test_id("column-lost"))
    dialog = page.get_by_test_id("board-dialog")
    expect(dialog.get_by_test_id("outcome-lost")).to_be_checked()
    dialog.get_by_test_id("close-submit").click()  # no reasons, no winner: refused inline
    expect(dialog.get_by_test_id("error-review.reasons")).to_be_visible()
    dialog.locator("input[name='review.reasons'][value=price]").check()
    dialog.locator("input[name='review.reasons'][value=relationship]").check()
    dialog.get_by_test_id("review-winner-select").select_option(str(setup.competitor_id))
    dialog.locator("input[name='review.winning_price']").fill("1650000")
    dialog.locator("textarea[name='review.what_worked']").fill("技术方案得分最高")
    dialog.locator("textarea[name='review.what_to_change']").fill("更早接触分管副总")
    dialog.get_by_test_id("close-submit").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_test_id("count-lost")).to_have_text("1")
    expect(page.get_by_test_id("count-bidding")).to_have_text("0")


def test_an_opportunity_goes_from_potential_to_bidding_to_lost_on_the_board(
    page: Page, setup: Setup, browser_problems: BrowserProblems
) -> None:
    browser_problems.expect(r"Failed to load resource.*422")
    name = "配网自动化二期"
    sign_in(page, OWNER)
    opportunity_id = create_opportunity(page, setup, name)
    card_id = f"card-{opportunity_id}"

    page.goto("/opportunities/board")
    drag_into_bidding(page, setup, card_id, name)
    drag_where_the_rules_refuse(page, setup, card_id, name)
    drop_on_lost_with_a_review(page, setup, card_id)

    # the opportunity page shows it lost, with its review
    page.goto(f"/opportunities/{opportunity_id}")
    expect(page.get_by_test_id("opportunity-stage")).to_have_attribute("data-stage", "lost")
    expect(page.get_by_test_id("opportunity-stage")).to_have_text(stage_label(Stage.LOST))
    expect(page.get_by_test_id("review-winner")).to_have_text("东方信联")
    stored, review = setup.stored(name)
    assert (stored.stage, stored.probability, stored.no_tender_reason) == (
        Stage.LOST,
        0,
        "框架协议内单一来源采购",
    )
    assert stored.closed_on == datetime.now(ZoneInfo("Asia/Shanghai")).date()  # workspace's day
    assert review is not None
    assert (review.reasons, review.winner_competitor_id, review.what_to_change) == (
        ["price", "relationship"],
        setup.competitor_id,
        "更早接触分管副总",
    )


def test_the_account_page_shows_the_accounts_opportunities_in_its_own_tab(
    page: Page, setup: Setup
) -> None:
    with setup.uow() as db:
        boss = operator_principal(db, "acme", OWNER)
        account = db.scalar(
            select(Account).where(Account.name == setup.account).execution_options(**GLOBAL)
        )
        assert account is not None
        account_id = account.id
        opportunities.create_opportunity(
            db, boss, OpportunityCreate(account_id=account_id, name="配网自动化三期")
        )
    sign_in(page, OWNER)
    page.goto(f"/accounts/{account_id}")

    page.get_by_test_id("tab-opportunities").click()

    table = page.get_by_test_id("account-opportunities-table")
    expect(table.get_by_role("link", name="配网自动化三期")).to_be_visible()
    expect(page.get_by_test_id("tab-opportunities")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("tab-overview")).not_to_have_attribute("aria-current", "page")
    expect(page).to_have_url(re.compile(rf"/accounts/{account_id}\?tab=opportunities$"))
    page.reload()  # the address opens the same tab
    expect(table.get_by_role("link", name="配网自动化三期")).to_be_visible()
    page.get_by_test_id("tab-contacts").click()
    expect(page.get_by_test_id("tab-contacts")).to_have_attribute("aria-current", "page")
    expect(table).to_be_hidden()
