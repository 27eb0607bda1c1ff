"""The customer's sign-off in the browser: a PM edits a requirement in place, sends the
requirements for the customer's review, sees the sign-off pending on the overview, records the
approver's decision with the signed page as evidence, and sees the needs gate open. Then the
requirements and baselines tabs at 1440 and 390 px in both languages, kept as screenshots, with
nothing wider than the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate
from pcrm.projects.requirements import service as requirements
from pcrm.projects.requirements.schemas import RequirementCreate
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderWrite
from tests.e2e.conftest import BrowserProblems, NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

PM = "liu.fang@acme.example"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass(frozen=True, slots=True)
class Scope:
    project_id: int


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Project 智慧车站 of 深圳地铁 managed by 刘芳, with 王处 as approver and three draft
    requirements."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, PM, role=Role.OWNER, name="刘芳")
        pm = operator_principal(db, "acme", PM)
        account = accounts.create_account(db, pm, AccountCreate(name="深圳市地铁集团有限公司"))
        boss = contact_service.create_contact(
            db, pm, ContactCreate(name="王处长", title="信息中心主任", account_id=account.id)
        )
        project = projects.create_project(
            db, pm, ProjectCreate(name="智慧车站一期", account_id=account.id, manager_id=pm.user_id)
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
        for title, kano, criteria in (
            ("闸机刷码进站", "basic", "刷码通过率不低于99.9%，单次通行不超过0.3秒"),
            ("客流实时热力图", "exciting", "刷新间隔不超过30秒"),
            ("统一身份认证与单点登录", "basic", "支持现有AD域账号"),
        ):
            requirements.create_requirement(
                db,
                pm,
                project.id,
                RequirementCreate(
                    title=title, kano=kano, priority="p1", acceptance_criteria=criteria
                ),
            )
        return Scope(project.id)


def test_a_pm_sends_the_requirements_and_records_the_sign_off_that_opens_the_gate(
    page: Page, scope: Scope, tmp_path: Path, browser_problems: BrowserProblems
) -> None:
    # the refused in-place edit answers 422, which the browser logs
    browser_problems.expect(
        r"status of 422 \(Unprocessable Entity\) \(http://[^)]+/requirements/\d+\)$"
    )
    sign_in(page, PM)
    base = f"/projects/{scope.project_id}"

    # edit a requirement in place: its row becomes the form, a blank title stays in the row
    page.goto(f"{base}?tab=requirements")
    first = page.get_by_test_id("requirements").locator("tbody tr").first
    first.get_by_role("link", name="编辑").click()
    form = page.get_by_test_id("requirement-edit-form")
    form.locator('input[name="title"]').fill("")
    form.get_by_test_id("save-requirement").click()
    expect(
        page.get_by_test_id("requirement-edit-form").get_by_test_id("error-title")
    ).to_be_visible()
    page.get_by_test_id("requirement-edit-form").locator('input[name="title"]').fill(
        "闸机刷码与刷脸进站"
    )
    page.get_by_test_id("requirement-edit-form").get_by_test_id("save-requirement").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("requirements")).to_contain_text("闸机刷码与刷脸进站")

    # the gate is blocked, with the way to fix it
    page.goto(base)
    expect(page.get_by_test_id("fix-requirements_not_signed_off")).to_be_visible()
    page.get_by_test_id("fix-requirements_not_signed_off").click()
    expect(page).to_have_url(f"{page.url.split('/projects')[0]}{base}?tab=baselines")

    # send for sign-off: version 1 under review, pending on the overview
    page.get_by_test_id("send-requirements").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("baseline-1").get_by_test_id("baseline-status")).to_have_attribute(
        "data-status", "in_review"
    )
    page.goto(base)
    expect(page.get_by_test_id("act-sign_off")).to_be_visible()

    # record the approver's decision with the signed page as evidence
    page.goto(f"{base}?tab=baselines")
    evidence = tmp_path / "需求确认函.pdf"
    evidence.write_bytes(PDF)
    sign = page.get_by_test_id("sign-off-form")
    sign.locator('select[name="stakeholder_id"]').select_option(label="王处长")
    sign.locator('textarea[name="comment"]').fill("同意按此开展计划编制")
    sign.get_by_test_id("evidence").set_input_files(str(evidence))
    sign.get_by_test_id("record-sign-off").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("baseline-1").get_by_test_id("baseline-status")).to_have_attribute(
        "data-status", "approved"
    )
    expect(page.get_by_test_id("evidence-link")).to_have_text("需求确认函.pdf")

    # the needs gate is open, nothing is pending
    page.goto(base)
    expect(page.get_by_test_id("gate-open")).to_be_visible()
    expect(page.get_by_test_id("act-sign_off")).to_have_count(0)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_requirement_tabs_fit_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, PM)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    base = f"/projects/{scope.project_id}"
    page.goto(f"{base}?tab=baselines")
    page.get_by_test_id("send-requirements").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    for tab in ("overview", "requirements", "baselines"):
        page.goto(f"{base}?tab={tab}")
        page.screenshot(
            path=str(artifacts_dir / f"projects-{tab}-{width}-{lang}.png"), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{tab} at {width}px in {lang} is {overflow}px too wide"
    page.goto(f"{base}?tab=requirements")
    page.get_by_test_id("requirement-title").first.click()
    expect(page.get_by_test_id("requirement-history")).to_be_visible()
    page.screenshot(
        path=str(artifacts_dir / f"projects-requirement-{width}-{lang}.png"), full_page=True
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"a requirement's page at {width}px in {lang} is {overflow}px too wide"
