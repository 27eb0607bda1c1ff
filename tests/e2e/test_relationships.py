"""Relationships in the browser: the relationship map, the org chart's drag and drop, and the
"who can introduce me?" path search."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from pcrm.accounts.accounts import service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.models import Contact
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.competitors.schemas import CompetitorTieCreate, CompetitorWrite
from pcrm.relationships.graph import service as relationships
from pcrm.relationships.graph.schemas import AcquaintanceCreate, InfluenceCreate
from tests.e2e.conftest import BrowserProblems, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"
OURS = "li.ming@acme.example"


@dataclass
class Org:
    """张总 ← 刘主任 ← 小陈 at one account; 刘主任 influences 张总, our 李明 knows 小陈 and a
    competitor is close to 张总. 孤岛 at another account is linked to nobody."""

    uow: UnitOfWork
    account_id: int = 0
    people: dict[str, int] = field(default_factory=dict)

    def reports_to(self, name: str) -> int | None:
        with self.uow() as db:
            contact = db.scalar(
                select(Contact).where(Contact.id == self.people[name]).execution_options(**GLOBAL)
            )
            assert contact is not None
            return contact.reports_to_id


@pytest.fixture
def org(uow: UnitOfWork) -> Org:
    result = Org(uow)
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        li_ming = make_user(db, workspace, OURS, role=Role.SALES, name="李明")
        boss = operator_principal(db, "acme", OWNER)
        account = service.create_account(db, boss, AccountCreate(name="国网江苏省电力有限公司"))
        other = service.create_account(db, boss, AccountCreate(name="南方电网"))
        result.account_id = account.id

        def contact(name: str, account_id: int, manager: str | None = None) -> int:
            created = contact_service.create_contact(
                db,
                boss,
                ContactCreate(
                    name=name,
                    account_id=account_id,
                    reports_to_id=result.people[manager] if manager else None,
                ),
            )
            result.people[name] = created.id
            return created.id

        contact("张总", account.id)
        contact("刘主任", account.id, "张总")
        contact("小陈", account.id, "刘主任")
        contact("孤岛", other.id)
        people = result.people
        relationships.create_influence(
            db,
            boss,
            InfluenceCreate(
                from_contact_id=people["刘主任"], to_contact_id=people["张总"], strength=4
            ),
        )
        relationships.create_acquaintance(
            db,
            boss,
            AcquaintanceCreate(user_id=li_ming.user_id, contact_id=people["小陈"], closeness=4),
        )
        rival = competitors.create_competitor(db, boss, CompetitorWrite(name="竞品科技"))
        competitors.create_tie(
            db,
            boss,
            CompetitorTieCreate(competitor_id=rival.id, contact_id=people["张总"], closeness=3),
        )
    return result


SERIES = "(sel) => echarts.getInstanceByDom(document.querySelector(sel)).getOption().series[0]"


def _chart(page: Page) -> dict[str, int]:
    return page.evaluate(
        f"""() => {{
            const series = ({SERIES})('[data-testid=relationship-map]');
            const kinds = {{}};
            for (const link of series.links) {{
                kinds[link.edge.kind] = (kinds[link.edge.kind] || 0) + 1;
            }}
            return {{nodes: series.data.length, links: series.links.length, ...kinds}};
        }}"""
    )


def test_the_map_draws_everyone_and_filters_influence(page: Page, org: Org) -> None:
    sign_in(page, OWNER)
    page.goto(f"/accounts/{org.account_id}/relationships")
    chart = page.get_by_test_id("relationship-map")
    expect(chart).to_have_attribute("data-ready", "1")
    expect(page.get_by_test_id("form-influence")).to_be_visible()

    drawn = _chart(page)
    # three contacts, our 李明 and the competitor
    assert drawn == {
        "nodes": 5,
        "links": 5,
        "reports_to": 2,
        "influence": 1,
        "acquaintance": 1,
        "competitor_tie": 1,
    }

    page.get_by_test_id("filter-influence").uncheck()
    page.wait_for_function(f"() => ({SERIES})('[data-testid=relationship-map]').links.length === 4")
    filtered = _chart(page)
    assert "influence" not in filtered, filtered
    assert filtered["nodes"] == 5  # everyone is still linked to someone

    page.get_by_test_id("filter-influence").check()
    page.wait_for_function(f"() => ({SERIES})('[data-testid=relationship-map]').links.length === 5")


def test_dragging_a_person_onto_a_new_manager_moves_them(
    page: Page, org: Org, browser_problems: BrowserProblems
) -> None:
    people = org.people
    sign_in(page, OWNER)
    page.goto(f"/accounts/{org.account_id}/org-chart")
    status = page.get_by_test_id("org-status")

    page.get_by_test_id(f"org-node-{people['小陈']}").drag_to(
        page.get_by_test_id(f"org-node-{people['张总']}")
    )
    expect(status).to_have_class(re.compile(r"\bsuccess\b"))
    assert org.reports_to("小陈") == people["张总"]
    response = page.request.get(f"/api/v1/contacts/{people['小陈']}")
    assert response.ok, response.text()
    assert response.json()["reports_to_id"] == people["张总"]
    # the tree is drawn again: 小陈 now sits right under 张总
    expect(
        page.locator(f"li[data-node='{people['张总']}'] > ul > li[data-node='{people['小陈']}']")
    ).to_have_count(1)

    # 张总 onto 刘主任, who reports to 张总: a cycle, refused
    browser_problems.expect(r"Failed to load resource.*422")
    page.get_by_test_id(f"org-node-{people['张总']}").drag_to(
        page.get_by_test_id(f"org-node-{people['刘主任']}")
    )
    expect(status).to_have_class(re.compile(r"\berror\b"))
    expect(status).to_contain_text(re.compile(r"cycle|循环"))
    assert org.reports_to("张总") is None
    assert org.reports_to("刘主任") == people["张总"]
    assert org.reports_to("小陈") == people["张总"]


def test_paths_find_a_way_in_through_our_people(page: Page, org: Org) -> None:
    people = org.people
    sign_in(page, OWNER)
    page.goto(f"/contacts/{people['张总']}/paths")
    paths = page.get_by_test_id("paths")
    expect(paths).to_be_visible()
    first = paths.locator("li.rel-path").first
    expect(first).to_contain_text("李明")
    expect(first).to_contain_text("张总")

    page.get_by_test_id("mode-fewest").click()
    expect(page.get_by_test_id("mode-fewest")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("paths")).to_have_attribute("data-mode", "fewest")
    expect(page.get_by_test_id("paths").locator("li.rel-path").first).to_contain_text("李明")

    page.goto(f"/contacts/{people['孤岛']}/paths")
    expect(page.get_by_test_id("no-paths")).to_be_visible()
    expect(page.get_by_test_id("paths")).to_have_count(0)
