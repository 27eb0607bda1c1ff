"""A progress report in the browser: the PM drafts last month's report on the project's 报告
tab, writes the summary, issues it, opens the issued report and downloads its PDF. Then the
report's page at 1440 and 390 px in both languages, kept as screenshots, with nothing wider
than the page."""

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
from pcrm.projects.reports import service as reports
from pcrm.projects.reports.schemas import ReportWrite
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
    report_id: int  # an issued report, for the screenshots


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Active project 智慧车站一期 managed by 刘芳 with a high risk and an issued report."""
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
                description="信创数据库适配存在性能瓶颈", category="technical",
                probability=4, impact=5,
            ),
        )  # fmt: skip
        issued = reports.add_report(
            db, pm, project.id,
            ReportWrite(kind="on_demand", period_start="2026-10-01", period_end="2026-10-31",
                        summary="十月完成需求调研。"),
        )  # fmt: skip
        reports.issue_report(db, pm, project.id, issued.id, issued.version)
        return Scope(project.id, issued.id)


def test_a_pm_drafts_issues_and_downloads_the_monthly_report(page: Page, scope: Scope) -> None:
    sign_in(page, PM)
    page.goto(f"/projects/{scope.project_id}")
    page.get_by_test_id("tab-reports").click()
    page.get_by_test_id("report-submit").click()
    expect(page.get_by_test_id("notice")).to_be_visible()

    page.get_by_test_id("report-list").get_by_role("link", name="草稿").click()
    page.locator("#draft-summary").fill("本月完成需求确认，信创数据库压测下月进行。")
    page.get_by_test_id("report-save").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("report-summary")).to_contain_text("信创数据库压测下月进行")
    page.get_by_test_id("report-issue").click()

    expect(page.get_by_test_id("notice")).to_contain_text("报告已发布")
    expect(page.get_by_test_id("report-draft")).to_have_count(0)
    expect(page.get_by_test_id("report-document")).to_contain_text("第 2 版")
    expect(page.get_by_test_id("report-section-risks")).to_contain_text("信创数据库适配")
    # the first PDF of a process loads WeasyPrint and lays the fonts out: allow a slow machine
    with page.expect_download(timeout=60_000) as downloaded:
        page.get_by_test_id("report-pdf-zh-CN").click(timeout=60_000)
    download = downloaded.value
    assert download.suggested_filename.endswith("-report-v2.pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_report_pages_fit_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, PM)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    for name, url in (
        ("tab", f"/projects/{scope.project_id}?tab=reports"),
        ("page", f"/projects/{scope.project_id}/reports/{scope.report_id}"),
    ):
        page.goto(url)
        expect(
            page.get_by_test_id("reports" if name == "tab" else "report-document")
        ).to_be_visible()
        page.screenshot(
            path=str(artifacts_dir / f"report-{name}-{width}-{lang}.png"), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"report {name} at {width}px in {lang} is {overflow}px too wide"
