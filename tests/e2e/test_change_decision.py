"""The customer's decision on a change request in the browser: the PM compares the two options
side by side, records that the approver chose option A with the signed page as evidence, and
sees the decision, the state and the budget moved; the plan moved its milestone. Then the
changes tab and the change's page at 1440 and 390 px in both languages, kept as screenshots,
with nothing wider than the page."""

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
from pcrm.identity.public import operator_principal
from pcrm.projects.changes import service as changes
from pcrm.projects.changes.decision import service as steps
from pcrm.projects.changes.schemas import ChangeWrite, OptionWrite, SendForDecision
from pcrm.projects.plan import service as plan
from pcrm.projects.plan.schemas import DependencyCreate, TaskCreate
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderWrite
from tests.e2e.conftest import NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

PM = "liu.fang@acme.example"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass(frozen=True, slots=True)
class Scope:
    project_id: int
    change_id: int


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Project 智慧车站 of 深圳地铁 (budget 1,000,000) managed by 刘芳, 王处长 its approver;
    开发 (4–15 Jan 2027) → ◆ 上线 (18 Jan); 王处长's change request 增加刷脸进站 awaiting his
    decision between A (5 working days on 开发, +80,000: 开发 ends on Fri 22 Jan, the milestone
    follows on the 23rd, the plan counting calendar days) and B (+150,000, quality effect)."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, PM, role=Role.OWNER, name="刘芳")
        pm = operator_principal(db, "acme", PM)
        account = accounts.create_account(db, pm, AccountCreate(name="深圳市地铁集团有限公司"))
        boss = contact_service.create_contact(
            db, pm, ContactCreate(name="王处长", title="信息中心主任", account_id=account.id)
        )
        project = projects.create_project(
            db,
            pm,
            ProjectCreate(
                name="智慧车站一期",
                account_id=account.id,
                manager_id=pm.user_id,
                budget_amount=Decimal("1000000"),
            ),
        )
        stakeholders.add_stakeholder(
            db,
            pm,
            project.id,
            StakeholderWrite(
                contact_id=boss.id, project_role="management", stakes=["decides"],
                power=5, interest=4, is_approver=True,
            ),
        )  # fmt: skip
        build = plan.add_task(db, pm, project.id, TaskCreate(
            name="开发", start_on=date(2027, 1, 4), end_on=date(2027, 1, 15)))  # fmt: skip
        live = plan.add_task(db, pm, project.id, TaskCreate(
            name="上线", start_on=date(2027, 1, 18), is_milestone=True))  # fmt: skip
        plan.add_dependency(
            db, pm, project.id, DependencyCreate(predecessor_id=build.id, successor_id=live.id)
        )
        change = changes.create_change(db, pm, project.id, ChangeWrite(
            title="增加刷脸进站", origin="customer", raised_by_contact_id=boss.id,
            reason="客流高峰期需要无感通行", category="requirement", task_ids=[build.id],
        ))  # fmt: skip
        changes.add_option(db, pm, project.id, change.id, OptionWrite(
            title="顺延一周", cost_delta=Decimal("80000"), schedule_delta_days=5,
            new_risks="人脸库对接可能再延期",
        ))  # fmt: skip
        changes.add_option(db, pm, project.id, change.id, OptionWrite(
            title="加派人手按期完成", cost_delta=Decimal("150000"),
            quality_effect="测试时间压缩", quality_level="medium",
        ))  # fmt: skip
        steps.analyse(db, pm, project.id, change.id, None)
        steps.send_for_decision(db, pm, project.id, change.id, SendForDecision(), None)
        return Scope(project.id, change.id)


def test_a_pm_records_the_customers_choice_of_an_option(
    page: Page, scope: Scope, tmp_path: Path
) -> None:
    sign_in(page, PM)
    base = f"/projects/{scope.project_id}"
    page.goto(f"{base}?tab=changes")
    expect(page.get_by_test_id("change-state-awaiting_decision")).to_contain_text("1")
    page.get_by_test_id("change-title").first.click()

    # the two options side by side: A moves the milestone, B does not
    table = page.get_by_test_id("options-comparison")
    expect(table.get_by_test_id("milestones-A")).to_contain_text("上线")
    expect(table.get_by_test_id("milestones-A")).to_contain_text("2027年1月18日 → 2027年1月23日")
    expect(table.get_by_test_id("milestones-B")).to_have_text("—")

    # the approver chose A: recorded with the signed page
    evidence = tmp_path / "变更确认单.pdf"
    evidence.write_bytes(PDF)
    form = page.get_by_test_id("decision-form")
    form.get_by_test_id("choose-A").check()
    form.get_by_test_id("decision-stakeholder").select_option(label="王处长")
    form.locator('textarea[name="comment"]').fill("同意方案A")
    form.locator('input[name="evidence"]').set_input_files(str(evidence))
    form.get_by_test_id("record-decision").click()

    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("change-state")).to_have_attribute("data-state", "approved")
    expect(page.get_by_test_id("decision-outcome")).to_have_text("已批准 · 方案 A")
    expect(page.get_by_test_id("decision-evidence")).to_have_text("变更确认单.pdf")
    expect(page.get_by_test_id("decision-form")).to_have_count(0)

    # the budget moved by the cost Δ and the plan by the schedule Δ
    page.goto(base)
    expect(page.locator(".project-meta")).to_contain_text("1,080,000.00")
    page.goto(f"{base}?tab=baselines")
    expect(page.get_by_test_id("baselines")).to_contain_text("计划基线")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_change_pages_fit_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, PM)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    base = f"/projects/{scope.project_id}"
    for name, path in (
        ("tab", f"{base}?tab=changes"),
        ("page", f"{base}/changes/{scope.change_id}"),
    ):
        page.goto(path)
        page.screenshot(
            path=str(artifacts_dir / f"projects-change-{name}-{width}-{lang}.png"), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the change {name} at {width}px in {lang} is {overflow}px too wide"
