"""The customer portal in the browser, on a phone: the customer's approver signs in at
/portal/login, finds the requirements baseline and a change request in "待我确认", approves
the baseline's version and chooses an option of the change; the project manager then sees the
sign-off and the decision with channel 客户门户 and the acts' receipts. The portal's pages at
390 and 1440 px in both languages, kept as screenshots, with nothing wider than the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.portal_users import service as portal_users
from pcrm.identity.portal_users.schemas import PortalInvite, PortalPasswordSet
from pcrm.identity.portal_users.vocab import PortalRole
from pcrm.identity.public import operator_principal
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.schemas import BaselineCreate
from pcrm.projects.changes import service as changes
from pcrm.projects.changes.decision import service as change_steps
from pcrm.projects.changes.schemas import ChangeWrite, OptionWrite, SendForDecision
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate
from pcrm.projects.requirements import service as requirements
from pcrm.projects.requirements.schemas import RequirementCreate
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderWrite
from pcrm.projects.team import service as team
from pcrm.projects.team.schemas import TeamMemberWrite
from tests.e2e.conftest import PHONE, NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import SETTINGS, make_user, make_workspace

pytestmark = pytest.mark.e2e

PM = "liu.fang@acme.example"
CUSTOMER = "wang.chu@metro.example"
PASSWORD = "metro-portal-2026"


@dataclass(frozen=True, slots=True)
class Scope:
    project_id: int


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Project 智慧车站一期 of 深圳地铁, managed by 刘芳, with 王处长 as approver and portal
    user, and its requirements baseline v1 awaiting his review."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, PM, role=Role.OWNER, name="刘芳")
        pm = operator_principal(db, "acme", PM)
        account = accounts.create_account(db, pm, AccountCreate(name="深圳市地铁集团有限公司"))
        boss = contact_service.create_contact(
            db,
            pm,
            ContactCreate(
                name="王处长", title="信息中心主任", account_id=account.id, email=CUSTOMER
            ),
        )
        project = projects.create_project(
            db, pm, ProjectCreate(name="智慧车站一期", account_id=account.id, manager_id=pm.user_id)
        )
        team.add_member(
            db, pm, project.id, TeamMemberWrite(user_id=pm.user_id, role="pm", allocation=60)
        )
        stakeholders.add_stakeholder(
            db,
            pm,
            project.id,
            StakeholderWrite(
                contact_id=boss.id,
                project_role="management",
                stakes=["decides"],
                power=5,
                interest=4,
                is_approver=True,
            ),
        )
        for title, criteria in (
            ("闸机刷码进站", "刷码通过率不低于99.9%，单次通行不超过0.3秒"),
            ("客流实时热力图", "刷新间隔不超过30秒"),
        ):
            requirements.create_requirement(
                db,
                pm,
                project.id,
                RequirementCreate(
                    title=title, kano="basic", priority="p1", acceptance_criteria=criteria
                ),
            )
        baselines.send_requirements_for_sign_off(db, pm, project.id, BaselineCreate())
        change = changes.create_change(
            db,
            pm,
            project.id,
            ChangeWrite(
                title="增加访客人脸识别",
                origin="customer",
                raised_by_contact_id=boss.id,
                raised_on=date(2026, 12, 1),
                reason="车站安保要求升级",
                category="requirement",
            ),
        )
        for title, cost in (("分期实施", "30000"), ("一次到位", "50000")):
            changes.add_option(
                db, pm, project.id, change.id, OptionWrite(title=title, cost_delta=Decimal(cost))
            )
        change_steps.analyse(db, pm, project.id, change.id, None)
        change_steps.send_for_decision(db, pm, project.id, change.id, SendForDecision(), None)
        invitation = portal_users.invite(
            db,
            pm,
            PortalInvite(
                contact_id=boss.id,
                account_id=account.id,
                email=CUSTOMER,
                name="王处长",
                role=PortalRole.APPROVER,
            ),
        )
        portal_users.accept_invitation(
            db, invitation.token, PortalPasswordSet(password=PASSWORD), SETTINGS
        )
        return Scope(project.id)


def portal_sign_in(page: Page) -> None:
    page.goto("/portal/login")
    page.locator("#email").fill(CUSTOMER)
    page.locator("#password").fill(PASSWORD)
    page.get_by_test_id("portal-sign-in").click()
    expect(page.get_by_test_id("portal-inbox")).to_be_visible()


def test_the_customer_signs_off_and_decides_a_change_on_a_phone(
    new_page: NewPage, scope: Scope
) -> None:
    phone = new_page("customer", viewport=PHONE)
    portal_sign_in(phone)
    pending = phone.get_by_test_id("portal-inbox").locator("a.portal-item")
    expect(pending).to_have_count(2)
    expect(pending.first).to_contain_text("需求基线")
    expect(pending.first).to_contain_text("v1")
    expect(pending.nth(1)).to_contain_text("增加访客人脸识别")
    pending.first.click()
    expect(phone.get_by_test_id("portal-project-name")).to_have_text("智慧车站一期")

    # approve the baseline's version
    decision = phone.locator("form[data-testid^='baseline-decision-']")
    decision.locator("textarea[name='comment']").fill("同意，按此编制计划")
    decision.locator("button[value='approved']").click()
    expect(phone.get_by_test_id("portal-notice")).to_be_visible()
    expect(phone.locator("form[data-testid^='baseline-decision-']")).to_have_count(0)

    # choose option B of the change
    change = phone.locator("form[data-testid^='change-decision-']")
    change.get_by_test_id("option-B").locator("input[type=radio]").check()
    change.locator("textarea[name='comment']").fill("一次到位")
    change.locator("button[value='approved']").click()
    expect(phone.get_by_test_id("portal-notice")).to_be_visible()
    expect(phone.get_by_test_id("portal-changes")).to_contain_text("方案 B")
    phone.goto("/portal")
    expect(phone.get_by_test_id("inbox-empty")).to_be_visible()

    # the project manager sees both acts, given in the portal
    desk = new_page("pm")
    sign_in(desk, PM)
    desk.goto(f"/projects/{scope.project_id}?tab=baselines")
    expect(desk.get_by_test_id("baseline-1").get_by_test_id("baseline-status")).to_have_attribute(
        "data-status", "approved"
    )
    expect(desk.get_by_test_id("baseline-1")).to_contain_text("客户门户")
    desk.goto(f"/projects/{scope.project_id}?tab=stakeholders")
    expect(desk.get_by_test_id("portal-acts").locator("tbody tr")).to_have_count(2)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_portal_fits_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    page.goto("/portal/login")
    origin = page.url.split("/portal")[0] + "/"
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": origin}])
    page.goto("/portal/login")
    page.screenshot(path=str(artifacts_dir / f"portal-login-{width}-{lang}.png"), full_page=True)
    portal_sign_in(page)
    for name, path in (("inbox", "/portal"), ("project", f"/portal/projects/{scope.project_id}")):
        page.goto(path)
        page.screenshot(
            path=str(artifacts_dir / f"portal-{name}-{width}-{lang}.png"), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} at {width}px in {lang} is {overflow}px too wide"
