"""Layout in the browser, on a desktop and on a phone (390 px): nothing overprints, nothing
runs off the screen, every record page has one tab bar in reach, and the decision-chain chart
keeps every person on its canvas and off its legend."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.users.models import User
from tests.accounts.builders import create, new_contact
from tests.e2e.conftest import DESKTOP, PHONE, NewPage, UnitOfWork
from tests.e2e.pages import choose_language, sign_in
from tests.factories import make_token, make_user, make_workspace
from tests.opportunities.bids import add_member, bid_world

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"
LONG = (
    "深耕政务信息化二十年，省市两级政务云、一网通办和一网统管案例多；与各地数据局、"
    "政务办高层关系深；上市公司，资金雄厚，报价策略灵活，常以低价切入后在二期收回。"
)
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
INSIDE_ITS_CARD = (
    "e => e.getBoundingClientRect().right <= e.closest('.card').getBoundingClientRect().right"
)


@dataclass
class World:
    """华为技术有限公司 with a weighted tender (bid_world), five people on the decision chain
    under 陈局长, our owner 王芳 who knows two of them, and competitors with long texts."""

    account: int = 0
    opportunity: int = 0
    contacts: dict[str, int] = field(default_factory=dict)
    rival: int = 0


@pytest.fixture
def world(app: FastAPI, uow: UnitOfWork) -> World:
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        owner = make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        user = db.scalar(select(User).where(User.id == owner.user_id).execution_options(**GLOBAL))
        assert user is not None
        user.english_name = "Fang Wang"
        token = make_token(db, workspace, OWNER)
    result = World()
    with TestClient(app) as client:
        built = bid_world(client, token)
        result.opportunity = built["oid"]
        result.contacts = dict(built["contacts"])
        headers = {"Authorization": f"Bearer {token}"}
        opportunity = client.get(f"/api/v1/opportunities/{result.opportunity}", headers=headers)
        result.account = opportunity.json()["account_id"]
        director = result.contacts["陈局长"]
        for name, title, boss in (
            ("张国庆", "规划财务处处长", director),
            ("唐立新", "副局长", director),
            ("赵卫东", "信息中心主任", None),
            ("梁健", "智慧交通处处长", None),
        ):
            person = new_contact(
                client,
                token,
                result.account,
                name,
                title=title,
                reports_to_id=boss or result.contacts["唐立新"],
            )
            result.contacts[name] = person["id"]
            add_member(client, token, result.opportunity, person["id"], decision_role="influencer")
        for name in ("陈局长", "梁健"):
            create(
                client,
                token,
                "/api/v1/acquaintances",
                user_id=owner.user_id,
                contact_id=result.contacts[name],
                closeness=4,
            )
        result.rival = create(
            client,
            token,
            "/api/v1/competitors",
            name="东方信联科技股份有限公司",
            website="https://www.dfxinlian-long-name.example",
            strengths=LONG,
            weaknesses=LONG[::-1],
        )["id"]
    return result


def _signed_in(new_page: NewPage, viewport, code: str = "zh_CN") -> Page:
    page = new_page("owner", viewport=viewport)
    sign_in(page, OWNER)
    if code != "zh_CN":
        choose_language(page, code)
    return page


# --- 1. the competitors list -------------------------------------------------------------------


@pytest.mark.parametrize(("viewport", "code"), [(DESKTOP, "zh_CN"), (PHONE, "en")])
def test_the_competitors_list_wraps_long_text_instead_of_overprinting(
    new_page: NewPage, world: World, viewport, code: str
) -> None:
    page = _signed_in(new_page, viewport, code)

    page.goto("/competitors")

    table = page.get_by_test_id("competitors-table")
    row = table.locator("tbody tr").filter(has_text="东方信联科技股份有限公司")
    strengths, weaknesses = row.locator("td").nth(1), row.locator("td").nth(2)
    # The text stays inside its own cell: no cell's content is wider than the cell
    for cell in (strengths, weaknesses):
        assert cell.evaluate("c => c.scrollWidth <= c.clientWidth"), cell.inner_text()
    left, right = strengths.bounding_box(), weaknesses.bounding_box()
    assert left is not None
    assert right is not None
    assert left["x"] + left["width"] <= right["x"] + 0.5
    # Three lines at most, the whole text in the title and on a tap (focus)
    clamp = strengths.get_by_test_id("clamped")
    expect(clamp).to_have_attribute("title", LONG)
    folded = clamp.evaluate("e => e.clientHeight")
    clamp.focus()
    assert clamp.evaluate("e => e.clientHeight") > folded
    # The table fits its card on a desktop; on a phone it scrolls inside it, not the page
    if viewport == DESKTOP:
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


# --- 2. the decision-chain chart --------------------------------------------------------------

NODES_ON_CANVAS = """el => {
  const chart = echarts.getInstanceByDom(el);
  const series = chart.getModel().getSeriesByIndex(0);
  const data = series.getData();
  const out = [];
  for (let i = 0; i < data.count(); i++) {
    const item = data.getRawDataItem(i);
    if (!item.node) { continue; }
    const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(i));
    out.push({ id: item.id, name: item.name, x, y });
  }
  return { nodes: out, width: el.clientWidth, height: el.clientHeight };
}"""


@pytest.mark.parametrize(
    ("viewport", "code"), [(DESKTOP, "zh_CN"), (PHONE, "zh_CN"), (PHONE, "en")]
)
def test_the_decision_chain_chart_keeps_everyone_on_the_canvas_and_off_the_legend(
    new_page: NewPage, world: World, viewport, code: str
) -> None:
    page = _signed_in(new_page, viewport, code)

    page.goto(f"/opportunities/{world.opportunity}/decision-chain")

    chart = page.get_by_test_id("chain-chart")
    expect(chart).to_have_attribute("data-ready", "1")
    drawn = chart.evaluate(NODES_ON_CANVAS)
    names = {n["name"] for n in drawn["nodes"]}
    assert {"陈局长", "张国庆", "唐立新", "赵卫东", "梁健"} <= names
    # Our person is named in the page's language
    assert ("王芳" if code == "zh_CN" else "Fang Wang") in names
    for node in drawn["nodes"]:
        assert 10 <= node["x"] <= drawn["width"] - 10, node
        assert 10 <= node["y"] <= drawn["height"] - 10, node
    canvas, legend = chart.bounding_box(), page.locator(".bid-legend").bounding_box()
    assert canvas is not None
    assert legend is not None
    assert legend["y"] >= canvas["y"] + canvas["height"]
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


# --- 6. phone layout --------------------------------------------------------------------------


def _tabs_in_reach(page: Page) -> None:
    tabs = page.locator("nav.tabs")
    expect(tabs).to_have_count(1)
    expect(tabs).to_be_visible()
    box = tabs.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    current = tabs.locator('[aria-current="page"]')
    expect(current).to_be_in_viewport()


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_the_main_pages_fit_a_phone(new_page: NewPage, world: World, code: str) -> None:
    page = _signed_in(new_page, PHONE, code)
    pages = {
        f"/accounts/{world.account}": True,
        f"/accounts/{world.account}?tab=contacts": True,
        f"/accounts/{world.account}/relationships": True,
        f"/accounts/{world.account}/tender-rhythm": True,
        f"/accounts/{world.account}/project-history": True,
        f"/contacts/{world.contacts['陈局长']}": True,
        f"/opportunities/{world.opportunity}": True,
        f"/opportunities/{world.opportunity}/bid": True,
        f"/opportunities/{world.opportunity}/decision-chain": True,
        "/competitors": False,
        "/accounts": False,
        "/contacts": False,
        "/opportunities": False,
    }
    for path, has_tabs in pages.items():
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways on a phone"
        if has_tabs:
            _tabs_in_reach(page)

    # The account's overview is one column: the team card under the overview, not beside it
    page.goto(f"/accounts/{world.account}")
    overview = page.locator("#overview-card").bounding_box()
    team = page.locator(".card", has_text=re.compile("Account team|客户团队")).bounding_box()
    assert overview is not None
    assert team is not None
    assert team["x"] == pytest.approx(overview["x"], abs=1)
    assert team["y"] > overview["y"]

    # The scoring sheet's item names are read across, not one character a line
    page.goto(f"/opportunities/{world.opportunity}/bid")
    name = page.get_by_test_id("sheet-row").first.locator("th")
    box = name.bounding_box()
    assert box is not None
    assert box["width"] >= 60, box

    # The relationship map fits the screen once it settles
    page.goto(f"/accounts/{world.account}/relationships")
    graph = page.get_by_test_id("relationship-map")
    expect(graph).to_have_attribute("data-ready", "1")
    page.wait_for_timeout(2500)
    drawn = graph.evaluate(NODES_ON_CANVAS)
    assert len(drawn["nodes"]) >= 6
    for node in drawn["nodes"]:
        assert 0 <= node["x"] <= drawn["width"], node
        assert 0 <= node["y"] <= drawn["height"], node


# --- 7. one tab bar per record ----------------------------------------------------------------


def test_an_account_has_one_tab_bar_and_a_more_menu_and_keeps_the_place(
    new_page: NewPage, world: World
) -> None:
    page = _signed_in(new_page, DESKTOP, "en")
    account = f"/accounts/{world.account}"

    page.goto(account)
    bar = page.get_by_test_id("account-tabs")
    expect(bar.locator("a")).to_have_text(
        ["Overview", "Contacts (6)", "Opportunities", "Activities", "Relationship map", "History"]
    )
    # Three header controls instead of eight
    expect(page.locator(".page-head .actions-row > *")).to_have_count(3)

    # When they open a section from the "More" menu
    page.get_by_test_id("tabs-more").click()
    page.get_by_test_id("more-rhythm").click()

    # Then it is the same tab bar, with that section current
    expect(page).to_have_url(re.compile(rf"{account}/tender-rhythm$"))
    expect(page.locator("nav.tabs")).to_have_count(1)
    expect(page.get_by_test_id("tab-rhythm")).to_have_attribute("aria-current", "page")
    for path, key in (
        ("/relationships", "map"),
        ("/org-chart", "org"),
        ("/closeness", "closeness"),
        ("/project-history", "projects"),
    ):
        page.goto(account + path)
        expect(page.locator("nav.tabs")).to_have_count(1)
        expect(page.get_by_test_id(f"tab-{key}")).to_have_attribute("aria-current", "page")

    # And an in-page tab is in the URL, so a reload keeps it
    page.goto(account)
    page.get_by_test_id("tab-activities").click()
    expect(page).to_have_url(re.compile(rf"{account}\?tab=activities$"))
    page.reload()
    expect(page.get_by_test_id("tab-activities")).to_have_attribute("aria-current", "page")


# --- 9. clipping ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_nothing_is_clipped_on_the_feed_my_relationships_and_a_competitor(
    new_page: NewPage, world: World, uow: UnitOfWork, code: str
) -> None:
    page = _signed_in(new_page, DESKTOP, code)

    # The workbench feed's badges (long record names) stay inside their card
    page.goto("/")
    badges = page.locator(".timeline li .badge")
    expect(badges.first).to_be_visible()
    for i in range(badges.count()):
        assert badges.nth(i).evaluate(INSIDE_ITS_CARD), badges.nth(i).inner_text()

    # "My relationships" shows every column, the last one included
    with uow() as db:
        owner = db.scalar(select(User).where(User.email == OWNER).execution_options(**GLOBAL))
        assert owner is not None
        owner_id = owner.id
    page.goto(f"/relationships/people/{owner_id}")
    table = page.locator(".table-wrap table").first
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")

    # A competitor's strengths are read in full on its page, not inside an edit box
    page.goto(f"/competitors/{world.rival}")
    expect(page.get_by_test_id("competitor-strengths")).to_have_text(LONG)
    expect(page.get_by_test_id("competitor-strengths")).to_be_visible()
    expect(page.locator("#f-strengths")).to_be_hidden()
    page.get_by_test_id("competitor-form").locator("summary").click()
    expect(page.locator("#f-strengths")).to_be_visible()
