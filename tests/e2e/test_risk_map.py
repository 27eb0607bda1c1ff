"""The risk map in the browser: a PM adds a risk on the project's risks tab, sees it counted in
its cell of the probability × impact map, clicks the cell and sees its risks listed; the
cross-project map does the same with the project named. Then the tab and the map page at 1440
and 390 px in both languages, kept as screenshots, with nothing wider than the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate, StatusMove
from pcrm.projects.risks import service as risks
from pcrm.projects.risks.schemas import RiskWrite
from tests.e2e.conftest import NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

PM = "liu.fang@acme.example"


@dataclass(frozen=True, slots=True)
class Scope:
    project_id: int
    code: str


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Active project 智慧车站一期 managed by 刘芳 with one low risk already recorded."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, PM, role=Role.OWNER, name="刘芳")
        pm = operator_principal(db, "acme", PM)
        account = accounts.create_account(db, pm, AccountCreate(name="深圳市地铁集团有限公司"))
        project = projects.create_project(
            db, pm, ProjectCreate(name="智慧车站一期", account_id=account.id, manager_id=pm.user_id)
        )
        projects.move_status(db, pm, project.id, StatusMove(status="active"))
        risks.add_risk(
            db,
            pm,
            project.id,
            RiskWrite(
                description="办公场地临时调整", category="resources", probability=1, impact=2
            ),
        )
        return Scope(project.id, project.code)


def test_a_pm_adds_a_risk_and_finds_it_by_clicking_its_cell(page: Page, scope: Scope) -> None:
    sign_in(page, PM)
    page.goto(f"/projects/{scope.project_id}?tab=risks")
    expect(page.get_by_test_id("risk-cell-4-5")).to_have_attribute("data-count", "0")

    form = page.get_by_test_id("risk-new-form")
    form.locator('textarea[name="description"]').fill("信创数据库适配存在性能瓶颈")
    form.locator('select[name="category"]').select_option("technical")
    form.locator('select[name="probability"]').select_option("4")
    form.locator('select[name="impact"]').select_option("5")
    form.locator('select[name="response"]').select_option("avoid")
    form.locator('textarea[name="actions"]').fill("早期压测验证")
    form.get_by_test_id("risk-new-submit").click()
    expect(page.get_by_test_id("notice")).to_be_visible()

    cell = page.get_by_test_id("risk-cell-4-5")
    expect(cell).to_have_attribute("data-count", "1")
    cell.click()
    listed = page.get_by_test_id("cell-risks")
    expect(listed).to_contain_text("信创数据库适配存在性能瓶颈")
    expect(listed).not_to_contain_text("办公场地临时调整")

    # across projects: the same cell lists it with its project
    page.goto("/projects")
    page.get_by_test_id("risk-map-link").click()
    page.get_by_test_id("risk-cell-4-5").click()
    expect(page.get_by_test_id("cell-risks")).to_contain_text(scope.code)
    expect(page.get_by_test_id("cell-risks")).to_contain_text("信创数据库适配存在性能瓶颈")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_risk_pages_fit_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, PM)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    for name, url in (
        ("tab", f"/projects/{scope.project_id}?tab=risks&p=1&i=2"),
        ("map", "/projects/risks?p=1&i=2"),
    ):
        page.goto(url)
        expect(page.get_by_test_id("cell-risks")).to_contain_text("办公场地临时调整")
        page.screenshot(
            path=str(artifacts_dir / f"risks-{name}-{width}-{lang}.png"), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"risks {name} at {width}px in {lang} is {overflow}px too wide"
