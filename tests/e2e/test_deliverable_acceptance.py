"""A deliverable's acceptance in the browser: the PM records the delivery, an inspection that
passes against its standard, and the approver's acceptance with the signed acceptance sheet;
the deliverable shows accepted and signed. Then the tab at 1440 and 390 px in both languages,
kept as screenshots, with nothing wider than the page."""

from __future__ import annotations

from dataclasses import dataclass
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
from pcrm.projects.deliverables.quality import service as quality
from pcrm.projects.deliverables.schemas import StandardWrite
from pcrm.projects.plan import service as plan
from pcrm.projects.plan.schemas import DeliverableWrite
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
    deliverable_id: int
    standard_id: int


@pytest.fixture
def scope(uow: UnitOfWork) -> Scope:
    """Project 智慧车站一期 of 深圳地铁 managed by 刘芳, 王处长 its approver; the deliverable
    部署与运维手册 with the standard 页面响应时间 at most 2 seconds."""
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
                contact_id=boss.id, project_role="management", stakes=["decides"],
                power=5, interest=4, is_approver=True,
            ),
        )  # fmt: skip
        made = plan.add_deliverable(db, pm, project.id, DeliverableWrite(name="部署与运维手册"))
        detail = quality.add_standard(db, pm, project.id, made.id, StandardWrite(
            kind="performance", metric="页面响应时间", target_value=Decimal(2), unit="秒",
            comparison="at_most",
        ))  # fmt: skip
        return Scope(project.id, made.id, detail.standards[0].id)


def test_a_pm_records_the_delivery_the_inspection_and_the_customers_acceptance(
    page: Page, scope: Scope, tmp_path: Path
) -> None:
    sign_in(page, PM)
    d = scope.deliverable_id
    page.goto(f"/projects/{scope.project_id}?tab=deliverables")
    expect(page.get_by_test_id(f"deliverable-status-{d}")).to_have_text("计划中")

    page.get_by_test_id(f"deliver-{d}").click()
    form = page.get_by_test_id(f"deliver-form-{d}")
    form.locator('textarea[name="delivery_note"]').fill("手册 v1.0 已上传至客户文档库")
    form.get_by_test_id(f"deliver-submit-{d}").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id(f"deliverable-status-{d}")).to_have_attribute(
        "data-status", "delivered"
    )

    page.get_by_test_id(f"inspect-{d}").click()
    form = page.get_by_test_id(f"inspect-form-{d}")
    form.locator(f'input[name="value-{scope.standard_id}"]').fill("1.5")
    form.get_by_test_id(f"inspect-submit-{d}").click()
    expect(page.get_by_test_id(f"deliverable-status-{d}")).to_have_attribute(
        "data-status", "in_inspection"
    )
    expect(page.get_by_test_id(f"inspections-{d}")).to_contain_text("通过")

    evidence = tmp_path / "验收单.pdf"
    evidence.write_bytes(PDF)
    page.get_by_test_id(f"decide-{d}").click()
    form = page.get_by_test_id(f"decide-form-{d}")
    form.get_by_test_id(f"outcome-accepted-{d}").check()
    form.locator('select[name="stakeholder_id"]').select_option(label="王处长")
    form.locator('input[name="upload"]').set_input_files(str(evidence))
    form.get_by_test_id(f"decide-submit-{d}").click()

    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id(f"deliverable-status-{d}")).to_have_attribute(
        "data-status", "accepted"
    )
    expect(page.get_by_test_id(f"deliverable-signed-{d}")).to_contain_text("王处长")
    expect(page.get_by_test_id(f"decide-form-{d}")).to_have_count(0)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_deliverables_tab_fits_the_screen(
    new_page: NewPage, scope: Scope, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, PM)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    page.goto(f"/projects/{scope.project_id}?tab=deliverables")
    page.get_by_test_id(f"inspect-{scope.deliverable_id}").count()
    page.screenshot(
        path=str(artifacts_dir / f"projects-deliverables-{width}-{lang}.png"), full_page=True
    )
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the deliverables tab at {width}px in {lang} is {overflow}px too wide"
