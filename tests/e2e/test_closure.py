"""Closing a project in the browser: the Closure tab lists the gate's checks, the one missing
act (the customer's evaluation of our organisation) is filled in its form, the check turns
green, the project is closed and its follow-up visits appear. Then the tab at 1440 and 390 px
in both languages, kept as screenshots, with nothing wider than the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contacts
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.projects.closure import schemas as closure
from pcrm.projects.closure import service as closure_service
from pcrm.projects.meetings import service as meetings
from pcrm.projects.meetings.schemas import MeetingWrite
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate, StatusMove
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderWrite
from tests.e2e.conftest import NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

PM = "liu.fang@acme.example"
RATINGS = ("communication", "responsiveness", "needs_understanding", "delivery_quality",
           "schedule", "cost_control", "change_handling", "professionalism")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Scope:
    project_id: int
    contact_id: int


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Active project 智慧车站一期 of 刘芳 with 周总 of the customer as a stakeholder, the
    lessons-learned meeting with him, the satisfaction analysis and a lesson: only the
    customer's evaluation of our organisation is missing."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, PM, role=Role.OWNER, name="刘芳")
        pm = operator_principal(db, "acme", PM)
        account = accounts.create_account(db, pm, AccountCreate(name="深圳市地铁集团有限公司"))
        boss = contacts.create_contact(db, pm, ContactCreate(name="周总", account_id=account.id))
        project = projects.create_project(
            db, pm, ProjectCreate(name="智慧车站一期", account_id=account.id, manager_id=pm.user_id)
        )
        projects.move_status(db, pm, project.id, StatusMove(status="active"))
        stakeholders.add_stakeholder(
            db,
            pm,
            project.id,
            StakeholderWrite(contact_id=boss.id, project_role="management", power=5, interest=4),
        )
        meetings.add_meeting(
            db,
            pm,
            project.id,
            MeetingWrite(
                kind="lessons_learned",
                title="经验教训总结会",
                held_on=date(2026, 12, 3),
                contact_ids=[boss.id],
            ),
        )
        scores = dict.fromkeys(
            ("communication", "responsiveness", "quality", "schedule", "cost", "team", "service"),
            4,
        )
        closure_service.save_satisfaction_analysis(
            db,
            pm,
            project.id,
            closure.SatisfactionAnalysisWrite.model_validate(
                {
                    "respondent_id": boss.id,
                    "scores": scores,
                    "satisfied_points": ["上线切换平稳"],
                    "dissatisfied_points": ["变更评估周期偏长"],
                }
            ),
        )
        closure_service.add_lesson(
            db,
            pm,
            project.id,
            closure.LessonWrite.model_validate({"category": "went_well", "text": "每周对齐范围"}),
        )
        return Scope(project.id, boss.id)


def test_a_pm_fills_the_missing_evaluation_and_closes_the_project(page: Page, scope: Scope) -> None:
    sign_in(page, PM)
    page.goto(f"/projects/{scope.project_id}?tab=closure")
    check = page.get_by_test_id("check-organisation_evaluation")
    expect(check).to_have_attribute("data-passed", "no")
    expect(page.get_by_test_id("check-satisfaction_analysis")).to_have_attribute(
        "data-passed", "yes"
    )

    expect(check).to_contain_text("请填写客户评估项目组织表")

    form = page.get_by_test_id("evaluation-form")
    form.locator('select[name="evaluator_id"]').select_option(str(scope.contact_id))
    for key in RATINGS:
        form.locator(f'select[name="rating_{key}"]').select_option("4")
    form.locator('textarea[name="criticism"]').fill("需求确认阶段文档版本较乱")
    form.get_by_test_id("evaluation-submit").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(check).to_have_attribute("data-passed", "yes")

    page.get_by_test_id("close-project").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("project-status")).to_have_attribute("data-status", "closed")
    expect(page.get_by_test_id("follow-ups").locator("li.goal")).to_have_count(3)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_closure_tab_fits_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, PM)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    page.goto(f"/projects/{scope.project_id}?tab=closure")
    expect(page.get_by_test_id("closure-gate")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / f"closure-{width}-{lang}.png"), full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the closure tab at {width}px in {lang} is {overflow}px too wide"
