"""A won opportunity becomes a delivery project in one step in the browser: the PM opens the
won opportunity, converts it, lands on the new project (its account, the awarded amount as the
budget baseline, the link back to the opportunity), and the opportunity then links to the
project instead of offering a second conversion."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.opportunities.public import (
    CloseOpportunity,
    OpportunityCreate,
    ReviewWrite,
    close_opportunity,
    create_opportunity,
)
from tests.e2e.conftest import UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

PM = "liu.fang@acme.example"


@dataclass(frozen=True, slots=True)
class Won:
    opportunity_id: int


@pytest.fixture
def won(uow: UnitOfWork) -> Won:
    """智慧车站一期 of 深圳地铁, won at ¥950,000."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, PM, role=Role.OWNER, name="刘芳")
        pm = operator_principal(db, "acme", PM)
        account = accounts.create_account(db, pm, AccountCreate(name="深圳市地铁集团有限公司"))
        opportunity = create_opportunity(
            db, pm, OpportunityCreate(account_id=account.id, name="智慧车站一期")
        )
        close_opportunity(
            db,
            pm,
            opportunity.id,
            CloseOpportunity(
                outcome="won",
                awarded_amount=Decimal("950000"),
                review=ReviewWrite(reasons=["technical"], what_worked="方案演示"),
            ),
        )
        return Won(opportunity.id)


def test_a_won_opportunity_is_converted_to_a_project_in_one_step(page: Page, won: Won) -> None:
    sign_in(page, PM)
    page.goto(f"/opportunities/{won.opportunity_id}")

    page.get_by_test_id("convert-to-project").click()

    expect(page).to_have_url(re.compile(r"/projects/\d+"))
    expect(page.get_by_test_id("project-name")).to_have_text("智慧车站一期")
    expect(page.get_by_test_id("project-status")).to_have_attribute("data-status", "draft")
    expect(page.locator(".project-meta")).to_contain_text("深圳市地铁集团有限公司")
    expect(page.locator(".project-meta")).to_contain_text("950,000")
    page.get_by_test_id("from-opportunity").click()
    expect(page).to_have_url(re.compile(rf"/opportunities/{won.opportunity_id}$"))
    expect(page.get_by_test_id("open-project")).to_be_visible()
    expect(page.get_by_test_id("convert-to-project")).to_have_count(0)
