"""The service desk in the browser: a delivery engineer records a fault for a customer, sees its
SLA clocks on the desk, answers it, resolves it and closes it with the customer's rating. Then
the desk, a request and the service settings at 1440 and 390 px in both languages, kept as
screenshots, with nothing wider than the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contacts
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.service.public import Category, Channel, Priority, RequestWrite, create_request
from tests.e2e.conftest import NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER, ENGINEER = "wang@acme.example", "liu.fang@acme.example"


@dataclass(frozen=True, slots=True)
class Desk:
    account_id: int
    request_id: int


@pytest.fixture
def desk(uow: UnitOfWork) -> Desk:
    """Customer 深圳市地铁集团 with its contact 周强, and one open question already on the desk."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王建国")
        make_user(db, workspace, ENGINEER, role=Role.DELIVERY, name="刘芳")
        owner = operator_principal(db, "acme", OWNER)
        account = accounts.create_account(db, owner, AccountCreate(name="深圳市地铁集团有限公司"))
        contacts.create_contact(db, owner, ContactCreate(name="周强", account_id=account.id))
        made = create_request(
            db,
            operator_principal(db, "acme", ENGINEER),
            RequestWrite(
                account_id=account.id,
                channel=Channel.EMAIL,
                category=Category.QUESTION,
                priority=Priority.P4,
                title="如何导出上月客流报表",
            ),
        )
        return Desk(account.id, made.id)


def test_an_engineer_records_answers_resolves_and_closes_a_fault(page: Page, desk: Desk) -> None:
    sign_in(page, ENGINEER)
    page.goto(f"/service/requests/new?account_id={desk.account_id}")
    form = page.get_by_test_id("request-form")
    form.locator('input[name="title"]').fill("闸机无法识别乘车码")
    form.locator('select[name="category"]').select_option("fault")
    form.locator('select[name="priority"]').select_option("p2")
    form.locator('select[name="reporter_id"]').select_option(label="周强")
    form.get_by_test_id("request-submit").click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page.get_by_test_id("response-clock")).to_be_visible()

    page.get_by_test_id("response-form").locator('textarea[name="note"]').fill("已远程排查")
    page.get_by_test_id("respond").click()
    expect(page.get_by_test_id("status")).to_have_text("处理中")
    expect(page.get_by_test_id("response-clock")).to_have_text("达标")

    page.get_by_test_id("open-awaiting_customer").click()
    resolve = page.get_by_test_id("move-awaiting_customer")
    resolve.locator("textarea").fill("更换读卡模块")
    page.get_by_test_id("action-awaiting_customer").click()
    page.get_by_test_id("open-closed").click()
    close = page.get_by_test_id("move-closed")
    close.locator('select[name="rating"]').select_option("5")
    page.get_by_test_id("action-closed").click()
    expect(page.get_by_test_id("status")).to_have_text("已关闭")
    expect(page.get_by_test_id("rating")).to_have_text("5/5")

    page.goto("/service?status=closed")
    expect(page.get_by_test_id("requests-table")).to_contain_text("闸机无法识别乘车码")
    expect(page.get_by_test_id("requests-table")).not_to_contain_text("如何导出上月客流报表")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("width", [1440, 390])
def test_the_service_pages_fit_the_screen(
    new_page: NewPage, desk: Desk, artifacts_dir: Path, lang: str, width: int
) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    sign_in(page, OWNER)
    page.context.add_cookies([{"name": "pcrm_lang", "value": lang, "url": page.url}])
    for name, url in (
        ("desk", "/service"),
        ("request", f"/service/requests/{desk.request_id}"),
        ("settings", "/service/settings?year=2026"),
        ("new-plan", f"/service/plans/new?account_id={desk.account_id}"),
    ):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        page.screenshot(
            path=str(artifacts_dir / f"service-{name}-{width}-{lang}.png"), full_page=True
        )
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"service {name} at {width}px in {lang} is {overflow}px too wide"
