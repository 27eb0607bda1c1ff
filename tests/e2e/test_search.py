"""The global search in the browser: Ctrl-K (or Cmd-K, or "/") opens it from any page, the
dropdown groups what it finds by kind with the best match first, and the arrow keys and
Enter open a hit without the mouse."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service as opportunity_service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from pcrm.relationships.competitors import service as competitor_service
from pcrm.relationships.competitors.schemas import CompetitorWrite
from tests.e2e.conftest import PHONE, LiveServer, NewPage, UnitOfWork
from tests.e2e.pages import choose_language, sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"


@pytest.fixture
def records(uow: UnitOfWork) -> dict[str, int]:
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
    with uow() as db:
        boss = operator_principal(db, "acme", OWNER)
        metro = account_service.create_account(db, boss, AccountCreate(name="深圳市地铁集团"))
        for name in ("盐津铺子", "阳江电力", "远景能源"):
            account_service.create_account(db, boss, AccountCreate(name=name))
        yang = contact_service.create_contact(
            db, boss, ContactCreate(name="杨杰", account_id=metro.id, title="信息中心主任")
        )
        subway = opportunity_service.create_opportunity(
            db, boss, OpportunityCreate(account_id=metro.id, name="智慧地铁二期")
        )
        huashu = competitor_service.create_competitor(db, boss, CompetitorWrite(name="华数传媒"))
        return {"metro": metro.id, "yang": yang.id, "subway": subway.id, "huashu": huashu.id}


def test_ctrl_k_opens_the_search_and_the_keyboard_opens_a_hit(
    page: Page, live_server: LiveServer, records: dict[str, int]
) -> None:
    sign_in(page, OWNER)
    page.goto(f"/accounts/{records['metro']}")
    page.wait_for_load_state("networkidle")  # the tab's fragment is in: nothing takes focus
    box = page.get_by_test_id("global-search")
    dropdown = page.get_by_test_id("search-dropdown")
    expect(box).not_to_be_focused()

    # Ctrl-K from an account page focuses the search box
    page.keyboard.press("Control+k")
    expect(box).to_be_focused()

    # yj: the contact 杨杰 (initials exactly yj) comes first, before accounts holding y…j
    page.keyboard.type("yj")
    groups = dropdown.locator(".search-group")
    expect(groups.first).to_have_text("联系人")
    expect(groups).to_have_text(["联系人", "客户"])
    hits = dropdown.locator("a.search-hit")
    expect(hits.first).to_contain_text("杨杰")

    # the arrow keys move through the hits, Enter opens the chosen one
    page.keyboard.press("ArrowDown")
    expect(hits.first).to_have_class("search-hit active")
    expect(box).to_have_attribute("aria-activedescendant", "search-hit-0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(hits.first).to_have_class("search-hit active")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/contacts/{records['yang']}")

    # "/" opens it from the contact's page; an opportunity and a competitor are found too
    page.locator("body").press("/")
    expect(box).to_be_focused()
    page.keyboard.type("智慧地铁")
    expect(dropdown.locator(".search-group")).to_have_text(["商机"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/opportunities/{records['subway']}")

    page.keyboard.press("Meta+k")
    expect(box).to_be_focused()
    page.keyboard.type("华数")
    expect(dropdown.locator(".search-group")).to_have_text(["竞争对手"])
    # Escape closes it (and the browser empties a search field)
    page.keyboard.press("Escape")
    expect(dropdown).to_be_hidden()
    expect(box).not_to_be_focused()
    # Enter with no hit chosen opens the search page
    box.focus()
    page.keyboard.type("华数")
    expect(dropdown.locator(".search-group")).to_have_text(["竞争对手"])
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search?q=%E5%8D%8E%E6%95%B0")
    expect(page.get_by_test_id("search-group-competitor")).to_contain_text("华数传媒")


def test_slash_inside_a_field_types_a_slash(
    page: Page, live_server: LiveServer, records: dict[str, int]
) -> None:
    sign_in(page, OWNER)
    page.goto("/accounts")
    field = page.locator("input[type=search][name=q]").last
    field.fill("")
    field.press("/")
    expect(field).to_have_value("/")
    expect(page.get_by_test_id("global-search")).not_to_be_focused()


def test_the_search_page_in_english_and_on_a_phone(
    new_page: NewPage, live_server: LiveServer, records: dict[str, int]
) -> None:
    page = new_page("phone", PHONE)
    sign_in(page, OWNER)
    choose_language(page, "en")
    page.goto("/search?q=dt")
    expect(page.get_by_test_id("search-group-opportunity")).to_contain_text("智慧地铁二期")
    expect(page.get_by_test_id("search-group-account")).to_contain_text("Accounts")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
