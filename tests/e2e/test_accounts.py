"""The customer line in the browser: accounts, contacts and activities, the header search, list
filters, inline edits, duplicates and merges, bulk actions, English, and screenshots."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import update

from pcrm.accounts.accounts import service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.activities import service as activity_service
from pcrm.accounts.activities.schemas import ActivityCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from tests.e2e.conftest import DESKTOP, PHONE, BrowserProblems, LiveServer, NewPage, UnitOfWork
from tests.e2e.pages import HTML_LANG, accept_dialogs, choose_language, fact, sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"
SALES = "zhao.lei@acme.example"
MIN_BYTES = 10_000
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the workspace's time zone
# For checks on a page that has already settled (known bugs need not wait the default 5 s)
SETTLED_MS = 1_000


@dataclass
class Crm:
    """A workspace with an owner and a salesperson; accounts are added through the services."""

    uow: UnitOfWork
    workspace_id: int
    accounts: dict[str, int] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)

    def account(self, name: str, **values: object) -> int:
        with self.uow() as db:
            boss = operator_principal(db, "acme", OWNER)
            account = service.create_account(db, boss, AccountCreate(name=name, **values))  # type: ignore[arg-type]
            self.accounts[name] = account.id
        return account.id

    def contact(self, name: str, account: str, **values: object) -> int:
        with self.uow() as db:
            boss = operator_principal(db, "acme", OWNER)
            contact = contact_service.create_contact(
                db,
                boss,
                ContactCreate(name=name, account_id=self.accounts[account], **values),  # type: ignore[arg-type]
            )
            self.contacts[name] = contact.id
        return contact.id

    def activity(self, account: str, subject: str, **values: object) -> None:
        with self.uow() as db:
            boss = operator_principal(db, "acme", OWNER)
            activity_service.create_activity(
                db,
                boss,
                ActivityCreate(
                    account_id=self.accounts[account],
                    subject=subject,
                    **values,  # type: ignore[arg-type]
                ),
            )


@pytest.fixture
def crm(uow: UnitOfWork) -> Crm:
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        make_user(db, workspace, SALES, role=Role.SALES, name="赵磊")
        workspace_id = workspace.id
    return Crm(uow, workspace_id)


def _mark_document(page: Page) -> None:
    """Leave a mark on this document: it disappears if the browser loads a new page."""
    page.evaluate("() => { window.__pcrmSameDocument = true; }")


def _same_document(page: Page) -> bool:
    return bool(page.evaluate("() => window.__pcrmSameDocument === true"))


def _names(page: Page) -> list[str]:
    return page.get_by_test_id("accounts-table").locator("td.name-cell strong").all_inner_texts()


# --- 1. creating an account, a contact and an activity ---------------------------------------


def _fill_in_the_new_account(page: Page) -> None:
    form = page.locator("#account-form")
    form.get_by_label("客户名称", exact=True).fill("国网江苏省电力有限公司")
    form.get_by_label("简称", exact=True).fill("江苏电力")
    form.get_by_label("行业", exact=True).select_option(label="能源电力")
    form.get_by_label("地区", exact=True).select_option(label="江苏")
    form.get_by_label("阶段", exact=True).select_option(label="II · 招投标")
    form.get_by_label("标签", exact=True).fill("战略客户，重点行业")


def _fill_in_the_new_contact(page: Page) -> None:
    form = page.locator("#contact-form")
    expect(form.get_by_test_id("picker-account_id")).to_have_value("国网江苏省电力有限公司")
    form.get_by_label("姓名", exact=True).fill("李明")
    form.get_by_label("职务", exact=True).fill("信息中心主任")
    form.get_by_label("手机", exact=True).fill("138 1234 5678")


def _fill_in_the_new_activity(page: Page, due: date) -> None:
    form = page.get_by_test_id("activity-form")
    expect(form.get_by_test_id("picker-account_id")).to_have_value("国网江苏省电力有限公司")
    expect(form.get_by_label("联系人", exact=True).locator("option:checked")).to_have_text(
        "李明 · 信息中心主任"
    )
    form.get_by_label("主题", exact=True).fill("拜访信息中心")
    form.get_by_label("下一步", exact=True).fill("提交技术方案")
    form.get_by_label("下一步截止日期", exact=True).fill(due.isoformat())


def test_an_owner_creates_an_account_then_a_contact_and_logs_an_activity(
    page: Page, live_server: LiveServer, crm: Crm
) -> None:
    # Given a signed-in owner on the accounts list
    sign_in(page, OWNER)
    page.goto("/accounts")

    # When they create an account through the form
    page.get_by_role("link", name="新建客户").click()
    expect(page).to_have_url(re.compile(r"/accounts/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("新建客户")
    _fill_in_the_new_account(page)
    page.get_by_test_id("save-account").click()

    # Then they land on the new account, told it was created, with its tags
    expect(page).to_have_url(re.compile(r"/accounts/\d+\?notice=created$"))
    account_url = page.url.split("?")[0]
    expect(page.get_by_test_id("notice")).to_have_text("已创建。")
    expect(page.get_by_test_id("account-name")).to_have_text("国网江苏省电力有限公司")
    expect(page.locator(".page-head p").first).to_have_text(
        re.compile(r"^江苏电力 · II · 招投标\s+· 能源电力 · 江苏$")
    )
    expect(page.locator("#overview-card .tag-list .badge")).to_have_text(["战略客户", "重点行业"])
    expect(fact(page, "简称")).to_have_text("江苏电力")
    expect(fact(page, "所有者")).to_have_text("王芳")

    # When they add a contact from there
    page.locator(".page-head").get_by_role("link", name="新建联系人").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("新建联系人")
    _fill_in_the_new_contact(page)
    page.get_by_test_id("save-contact").click()

    # Then the contact page shows the mobile number formatted
    expect(page).to_have_url(re.compile(r"/contacts/\d+\?notice=created$"))
    expect(page.get_by_test_id("notice")).to_have_text("已创建。")
    expect(page.get_by_test_id("contact-name")).to_have_text("李明")
    expect(fact(page, "职务")).to_have_text("信息中心主任")
    expect(fact(page, "手机")).to_have_text("138 1234 5678")

    # When they log a visit with the contact, with a next step due in a week
    due = datetime.now(SHANGHAI).date() + timedelta(days=7)
    page.locator(".page-head").get_by_role("link", name="记录跟进").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("记录跟进")
    _fill_in_the_new_activity(page, due)
    page.get_by_test_id("save-activity").click()

    # Then the account's activities tab shows it
    expect(page).to_have_url(f"{account_url}?tab=activities&notice=created")
    tab = page.locator(".tabs").get_by_role("link", name="跟进记录")
    expect(tab).to_have_attribute("aria-current", "page")
    item = page.get_by_test_id("timeline").locator(".timeline-item")
    expect(item).to_have_count(1)
    expect(item.locator("strong")).to_have_text("拜访信息中心")
    expect(item.locator(".meta .badge")).to_have_text("拜访")
    expect(item).to_contain_text("王芳 · 李明")
    expect(item).to_contain_text(f"下一步: 提交技术方案 {due.year}年{due.month}月{due.day}日")

    # And the workbench reminds them of the next step, at 09:00 that day
    page.get_by_role("link", name="工作台").click()
    reminder = page.get_by_test_id("reminder")
    expect(reminder).to_have_count(1)
    expect(reminder.get_by_role("link")).to_have_text("提交技术方案")
    expect(reminder.locator(".when")).to_have_text(f"{due.year}年{due.month}月{due.day}日 09:00")


# --- 2. the header search ----------------------------------------------------------------------


def test_the_header_search_finds_accounts_as_one_types(
    page: Page, live_server: LiveServer, crm: Crm
) -> None:
    # Given two accounts
    crm.account("华为技术有限公司", short_name="华为", industry="telecom")
    mobile = crm.account("中国移动通信集团", short_name="中国移动", industry="telecom")
    sign_in(page, OWNER)
    box = page.get_by_test_id("global-search")
    dropdown = page.get_by_test_id("search-dropdown")
    expect(dropdown).to_be_hidden()

    # When they type 华为 in the header search box
    box.fill("华为")

    # Then a dropdown lists Huawei, and not China Mobile
    hits = dropdown.locator("a.search-hit")
    expect(dropdown).to_be_visible()
    expect(hits.first).to_have_text("华为技术有限公司华为")
    expect(dropdown).not_to_contain_text("中国移动")

    # When they type a single character instead
    box.fill("移")

    # Then China Mobile is found, and Huawei is gone
    expect(hits.first).to_have_text("中国移动通信集团中国移动")
    expect(dropdown).not_to_contain_text("华为")

    # When they empty the box, the dropdown goes away
    box.fill("")
    expect(dropdown).to_be_hidden()

    # When they type again and click the hit, its page opens
    box.fill("移")
    hits.first.click()
    expect(page).to_have_url(f"{live_server.url}/accounts/{mobile}")
    expect(page.get_by_test_id("account-name")).to_have_text("中国移动通信集团")


# --- 3. list filters, sorting, columns and saved views -----------------------------------------


def test_the_list_filters_and_sorts_in_place_and_remembers_columns_and_views(
    page: Page, live_server: LiveServer, crm: Crm
) -> None:
    # Given three accounts, two of them telecom operators
    crm.account("华为技术有限公司", industry="telecom", province="guangdong")
    crm.account("中国移动通信集团", industry="telecom", province="beijing")
    crm.account("国网江苏省电力有限公司", industry="energy", province="jiangsu")
    sign_in(page, OWNER)
    page.goto("/accounts")
    expect(page.get_by_test_id("accounts-table").locator("tbody tr")).to_have_count(3)
    _mark_document(page)

    # When they choose an industry in the filters
    filters = page.get_by_test_id("account-filters")
    filters.get_by_label("行业").select_option(label="通信运营")

    # Then the table shows only telecom operators, without loading a new page, and the URL
    # says so (it can be bookmarked)
    expect(page).to_have_url(re.compile(r"/accounts\?(.+&)?industry=telecom(&|$)"))
    expect(page.get_by_test_id("accounts-table").locator("tbody tr")).to_have_count(2)
    assert _names(page) == ["华为技术有限公司", "中国移动通信集团"]
    assert _same_document(page)

    # When they click the name header, the order flips and its arrow turns
    header = page.get_by_test_id("accounts-table").locator("th a.sort-link").first
    expect(header).to_have_text("客户名称 ↑")
    header.click()
    expect(header).to_have_text("客户名称 ↓")
    expect(page).to_have_url(re.compile(r"/accounts\?industry=telecom&sort=-name$"))
    assert _names(page) == ["中国移动通信集团", "华为技术有限公司"]
    header.click()
    expect(header).to_have_text("客户名称 ↑")
    assert _names(page) == ["华为技术有限公司", "中国移动通信集团"]
    assert _same_document(page)

    # When, on the reloaded page, they hide the region column
    page.reload()
    table_head = page.get_by_test_id("accounts-table").locator("thead")
    expect(table_head).to_contain_text("地区")
    page.get_by_test_id("columns-menu").click()
    columns = page.locator("form[action='/lists/accounts/columns']")
    expect(columns).to_be_visible()
    columns.get_by_label("地区", exact=True).uncheck()
    columns.get_by_role("button", name="应用").click()

    # Then the column is gone, and the filters kept
    expect(page.get_by_test_id("notice")).to_have_text("显示列已保存。")
    expect(page).to_have_url(re.compile(r"/accounts\?industry=telecom&sort=name&notice=columns$"))
    expect(table_head.locator("th")).to_have_text(
        ["", "客户名称 ↑", "行业", "阶段", "所有者", "更新时间"]
    )

    # When they save the current filters as a view
    page.get_by_test_id("views-menu").click()
    views = page.locator("form[action='/lists/accounts/views']")
    views.get_by_label("视图名称").fill("电信客户")
    views.get_by_role("button", name="保存当前筛选").click()
    expect(page.get_by_test_id("notice")).to_have_text("视图已保存。")

    # Then after a reload the view is in the saved views menu, and opens those filters
    page.goto("/accounts")
    page.get_by_test_id("views-menu").click()
    view = page.get_by_role("link", name="电信客户", exact=True)
    expect(view).to_be_visible()
    view.click()
    expect(page).to_have_url(re.compile(r"/accounts\?industry=telecom"))
    assert sorted(_names(page)) == sorted(["华为技术有限公司", "中国移动通信集团"])


def test_a_view_saved_after_filtering_in_place_keeps_the_filters(
    page: Page, live_server: LiveServer, crm: Crm
) -> None:
    # Given the accounts list, filtered in place to the telecom operators
    crm.account("华为技术有限公司", industry="telecom")
    crm.account("国网江苏省电力有限公司", industry="energy")
    sign_in(page, OWNER)
    page.goto("/accounts")
    page.get_by_test_id("account-filters").get_by_label("行业").select_option(label="通信运营")
    expect(page).to_have_url(re.compile(r"/accounts\?(.+&)?industry=telecom(&|$)"))
    expect(page.get_by_test_id("accounts-table").locator("tbody tr")).to_have_count(1)

    # When they save the current filters as a view, without reloading first
    page.get_by_test_id("views-menu").click()
    views = page.locator("form[action='/lists/accounts/views']")
    views.get_by_label("视图名称").fill("电信客户")
    views.get_by_role("button", name="保存当前筛选").click()

    # Then the list stays filtered and the view keeps the filter
    expect(page.get_by_test_id("notice")).to_have_text("视图已保存。")
    expect(page).to_have_url(
        re.compile(r"/accounts\?industry=telecom&notice=view_saved$"), timeout=SETTLED_MS
    )
    page.get_by_test_id("views-menu").click()
    expect(page.get_by_role("link", name="电信客户", exact=True)).to_have_attribute(
        "href", "/accounts?industry=telecom"
    )


def test_a_sort_chosen_in_place_survives_the_next_filter(
    page: Page, live_server: LiveServer, crm: Crm
) -> None:
    # Given the accounts list sorted by name, descending, in place
    crm.account("华为技术有限公司", industry="telecom")
    crm.account("中国移动通信集团", industry="telecom")
    crm.account("国网江苏省电力有限公司", industry="energy")
    sign_in(page, OWNER)
    page.goto("/accounts")
    header = page.get_by_test_id("accounts-table").locator("th a.sort-link").first
    header.click()
    expect(header).to_have_text("客户名称 ↓")
    assert _names(page) == ["中国移动通信集团", "华为技术有限公司", "国网江苏省电力有限公司"]

    # When they then choose an industry
    page.get_by_test_id("account-filters").get_by_label("行业").select_option(label="通信运营")
    expect(page.get_by_test_id("accounts-table").locator("tbody tr")).to_have_count(2)

    # Then the list is still sorted the way they chose
    expect(page).to_have_url(re.compile(r"[?&]sort=-name(&|$)"), timeout=SETTLED_MS)
    expect(header).to_have_text("客户名称 ↓")
    assert _names(page) == ["中国移动通信集团", "华为技术有限公司"]


def test_the_updated_column_shows_the_date_in_the_users_time_zone(
    page: Page, live_server: LiveServer, crm: Crm, uow: UnitOfWork
) -> None:
    # Given an account last changed at 04:00 on 2 March in Shanghai (20:00 UTC on 1 March)
    account = crm.account("华为技术有限公司")
    with uow() as db:
        db.execute(
            update(Account)
            .where(Account.workspace_id == crm.workspace_id, Account.id == account)
            .values(updated_at=datetime(2026, 3, 1, 20, 0, tzinfo=UTC))
        )
    sign_in(page, OWNER)

    # When the owner, in Shanghai, looks at the list
    page.goto("/accounts")

    # Then it was updated on 2 March
    row = page.get_by_test_id("accounts-table").locator("tbody tr")
    expect(row.locator("td").last).to_have_text("2026年3月2日", timeout=SETTLED_MS)


# --- 4. inline edit, and a stale edit ----------------------------------------------------------


def test_an_inline_edit_saves_and_a_stale_one_is_refused(
    new_page: NewPage, live_server: LiveServer, crm: Crm, browser_problems: BrowserProblems
) -> None:
    # (the stale save is answered 412, which Chromium logs)
    browser_problems.expect(r"status of 412 \(Precondition Failed\) \(http://[^)]+/edit\)$")
    account = crm.account("华为技术有限公司", short_name="华为", industry="telecom")
    url = f"/accounts/{account}"

    # Given an owner on the account page
    page = new_page("owner")
    sign_in(page, OWNER)
    page.goto(url)
    _mark_document(page)

    # When they click Edit, the overview card turns into the form, in place
    page.get_by_test_id("edit-account").click()
    card = page.locator("#overview-card")
    expect(card.locator("form#account-form")).to_be_visible()
    expect(card.get_by_label("简称", exact=True)).to_have_value("华为")
    assert _same_document(page)
    assert page.url == f"{live_server.url}{url}"

    # When they change the short name and save
    card.get_by_label("简称", exact=True).fill("华为技术")
    card.get_by_test_id("save-account").click()

    # Then the page shows the new short name and the notice
    expect(page).to_have_url(f"{live_server.url}{url}?notice=saved")
    expect(page.get_by_test_id("notice")).to_have_text("修改已保存。")
    expect(fact(page, "简称")).to_have_text("华为技术")
    expect(page.locator(".page-head p").first).to_contain_text("华为技术 ·")

    # Given the owner and a salesperson both editing it on their own computers
    sales = new_page("sales")
    sign_in(sales, SALES)
    for someone in (page, sales):
        someone.goto(url)
        someone.get_by_test_id("edit-account").click()
        expect(someone.locator("#overview-card form#account-form")).to_be_visible()

    # When the owner saves first
    page.locator("#overview-card").get_by_label("简称", exact=True).fill("华为一")
    page.get_by_test_id("save-account").click()
    expect(page.get_by_test_id("notice")).to_have_text("修改已保存。")

    # And the salesperson saves their older copy
    _mark_document(sales)
    sales_card = sales.locator("#overview-card")
    sales_card.get_by_label("简称", exact=True).fill("华为二")
    sales_card.get_by_test_id("save-account").click()

    # Then the salesperson is told inline, and keeps their form and their typing
    expect(sales_card.get_by_test_id("form-error")).to_have_text(
        "此记录已被他人修改，请刷新后重试。"
    )
    expect(sales_card.get_by_label("简称", exact=True)).to_have_value("华为二")
    assert _same_document(sales)
    assert sales.url == f"{live_server.url}{url}"

    # And the owner's change stands
    sales.goto(url)
    expect(fact(sales, "简称")).to_have_text("华为一")


# --- 5. duplicates and merging -----------------------------------------------------------------


def test_a_duplicate_is_flagged_created_on_confirmation_and_merged(
    page: Page, live_server: LiveServer, crm: Crm, browser_problems: BrowserProblems
) -> None:
    # (the form answers the look-alike with 409, which Chromium logs)
    browser_problems.expect(r"status of 409 \(Conflict\) \(http://[^)]+/accounts\)$")
    older = crm.account("华为技术有限公司", short_name="华为", industry="telecom")
    crm.contact("张伟", "华为技术有限公司", title="CIO")
    sign_in(page, OWNER)

    # When the owner types the same name in the new-account form
    page.goto("/accounts/new")
    name = page.locator("#account-form").get_by_label("客户名称", exact=True)
    name.fill("华为技术有限公司")
    name.press("Tab")

    # Then a hint says so at once
    expect(page.get_by_test_id("duplicate-hint")).to_contain_text("华为技术有限公司")

    # When they save anyway
    page.get_by_test_id("save-account").click()

    # Then the warning links to the existing account, and nothing is created yet
    warning = page.get_by_test_id("duplicate-warning")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("link", name="华为技术有限公司")).to_have_attribute(
        "href", f"/accounts/{older}"
    )
    expect(page.locator("#account-form").get_by_label("客户名称", exact=True)).to_have_value(
        "华为技术有限公司"
    )

    # When they confirm it is a different organisation and save
    warning.get_by_label(re.compile("仍然创建")).check()
    page.get_by_test_id("save-account").click()

    # Then it is created
    expect(page).to_have_url(re.compile(r"/accounts/\d+\?notice=created$"))
    newer = int(page.url.split("/accounts/")[1].split("?")[0])
    assert newer != older
    expect(page.get_by_test_id("notice")).to_have_text("已创建。")

    # When they merge the older one into it, choosing the suggestion and confirming
    questions = accept_dialogs(page)
    page.get_by_test_id("record-actions").click()  # the header's More menu
    page.get_by_role("link", name="合并重复").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("将重复记录合并到 华为技术有限公司")
    page.get_by_role("link", name="华为技术有限公司", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/accounts/{newer}/merge\?duplicate_id={older}$"))
    page.get_by_test_id("confirm-merge").click()

    # Then they were asked first, and the merged account has the contact
    expect(page.get_by_test_id("notice")).to_have_text("已合并，所有关联记录现在都归属于此。")
    assert questions == ["现在合并？此操作无法撤销。"]
    expect(page).to_have_url(f"{live_server.url}/accounts/{newer}?notice=merged")
    expect(page.get_by_test_id("org-chart")).to_contain_text("张伟")
    expect(fact(page, "简称")).to_have_text("华为")

    # And the older account says it is archived, merged into the new one
    page.goto(f"/accounts/{older}")
    expect(page.get_by_test_id("archived-badge")).to_have_text("已归档")
    merged = page.locator("#overview-card .alert.info")
    expect(merged).to_have_text("已合并到 华为技术有限公司")
    expect(merged.get_by_role("link")).to_have_attribute("href", f"/accounts/{newer}")


# --- 6. bulk actions ---------------------------------------------------------------------------


def test_two_accounts_are_archived_at_once_from_the_list(
    page: Page, live_server: LiveServer, crm: Crm
) -> None:
    # Given three accounts on the list
    for name in ("华为技术有限公司", "中国移动通信集团", "国网江苏省电力有限公司"):
        crm.account(name)
    sign_in(page, OWNER)
    page.goto("/accounts")
    table = page.get_by_test_id("accounts-table")
    expect(table.locator("tbody tr")).to_have_count(3)

    # The bulk bar waits until something is chosen, and goes when nothing is; the date
    # filters say what they are
    bar = page.get_by_test_id("bulk-bar")
    expect(bar).to_be_hidden()
    table.get_by_label("华为技术有限公司", exact=True).check()
    expect(bar).to_be_visible()
    table.get_by_label("华为技术有限公司", exact=True).uncheck()
    expect(bar).to_be_hidden()
    expect(page.locator(".filters label.filter-date")).to_have_text(["创建日期起", "创建日期止"])

    # When they tick two rows, choose Archive in the bulk bar, apply and confirm
    questions = accept_dialogs(page)
    table.get_by_label("华为技术有限公司", exact=True).check()
    table.get_by_label("中国移动通信集团", exact=True).check()
    bar.get_by_label("操作").select_option(label="归档")
    bar.get_by_role("button", name="应用").click()

    # Then they were asked, and both are gone from the list
    expect(page.get_by_test_id("notice")).to_have_text("所选记录已更新。")
    assert questions == ["对所选客户执行此操作？"]
    assert _names(page) == ["国网江苏省电力有限公司"]


# --- 7. English ----------------------------------------------------------------------------------


def test_the_customer_pages_read_in_english(page: Page, live_server: LiveServer, crm: Crm) -> None:
    # Given an account with a contact
    account = crm.account(
        "华为技术有限公司", short_name="华为", industry="telecom", province="guangdong"
    )
    crm.contact("张伟", "华为技术有限公司", title="CIO", mobile="13812345678")
    sign_in(page, OWNER)

    # When they switch to English
    choose_language(page, "en")

    # Then the list is in English
    page.goto("/accounts")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    expect(page.get_by_test_id("new-account")).to_have_text("New account")
    expect(page.get_by_test_id("views-menu")).to_have_text("Saved views")
    expect(page.get_by_test_id("columns-menu")).to_have_text("Columns")
    expect(page.get_by_test_id("accounts-table").locator("thead th")).to_have_text(
        ["", "Account name ↑", "Industry", "Region", "Stage", "Owner", "Updated"]
    )
    row = page.get_by_test_id("accounts-table").locator("tbody tr")
    expect(row.locator("td").nth(2)).to_have_text("Telecom")
    expect(row.locator("td").nth(3)).to_have_text("Guangdong")
    expect(row.locator("td").nth(4)).to_have_text("I · Potential")

    # And so is the account page
    page.goto(f"/accounts/{account}")
    expect(page.locator(".tabs a")).to_have_text(
        ["Overview", "Contacts (1)", "Opportunities", "Activities", "Relationship map", "History"]
    )
    expect(page.locator("#overview-card h2")).to_have_text("Overview")
    expect(fact(page, "Industry")).to_have_text("Telecom")
    expect(page.locator(".page-head .actions-row a")).to_contain_text(
        ["New contact", "Log activity", "Merge duplicate"]
    )

    # And the activity form
    page.locator(".page-head").get_by_role("link", name="Log activity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log activity")
    form = page.get_by_test_id("activity-form")
    expect(form.locator("label")).to_contain_text(
        ["Type", "Time", "Owner", "Account", "Contact", "Subject", "Next step", "Next step due"]
    )
    expect(form.get_by_label("Type", exact=True).locator("option:checked")).to_have_text("Visit")
    expect(form.get_by_test_id("save-activity")).to_have_text("Save")


# --- 8. screenshots ----------------------------------------------------------------------------


def _shot(page: Page, path: Path, *, full_page: bool = True) -> Path:
    page.screenshot(path=str(path), animations="disabled", full_page=full_page)
    assert path.is_file(), path
    assert path.stat().st_size > MIN_BYTES, f"{path.name} is only {path.stat().st_size} bytes"
    return path


def test_screenshots_of_the_customer_pages_in_both_languages(
    new_page: NewPage, live_server: LiveServer, crm: Crm, artifacts_dir: Path
) -> None:
    # Given a few accounts with contacts, an org chart and activities
    crm.account(
        "国网江苏省电力有限公司",
        short_name="江苏电力",
        english_name="State Grid Jiangsu Electric Power",
        industry="energy",
        ownership="state_owned",
        province="jiangsu",
        city="南京",
        lifecycle_stage="bidding",
        tags=["战略客户", "重点行业"],
        website="https://www.js.sgcc.com.cn",
        notes="省公司信息化项目，预计明年一季度招标。",
    )
    crm.account("华为技术有限公司", short_name="华为", industry="telecom", province="guangdong")
    crm.account(
        "中国移动通信集团",
        short_name="中国移动",
        industry="telecom",
        province="beijing",
        lifecycle_stage="execution",
        tags=["老客户"],
    )
    boss = crm.contact("李明", "国网江苏省电力有限公司", title="信息中心主任", mobile="13812345678")
    crm.contact(
        "陈静",
        "国网江苏省电力有限公司",
        title="采购经理",
        department="物资部",
        reports_to_id=boss,
        email="chen.jing@example.cn",
        importance="key",
    )
    crm.activity(
        "国网江苏省电力有限公司",
        "拜访信息中心",
        type="visit",
        occurred_at="2026-03-02T10:00:00+08:00",
        contact_id=boss,
        participant_contact_ids=[boss],
        notes="介绍了平台方案，客户关心数据安全。",
        next_step="提交技术方案",
        next_step_due="2026-03-09",
        cost="1200.00",
    )
    crm.activity(
        "国网江苏省电力有限公司",
        "电话沟通招标时间",
        type="call",
        occurred_at="2026-03-05T15:30:00+08:00",
        contact_id=boss,
        outcome="三月底发布招标公告",
    )
    account = crm.accounts["国网江苏省电力有限公司"]
    backend = live_server.backend
    page = new_page("owner", viewport=DESKTOP)
    sign_in(page, OWNER)

    shots: list[Path] = []
    for code in ("zh_CN", "en"):
        lang = HTML_LANG[code]
        if page.locator("html").get_attribute("lang") != lang:
            choose_language(page, code)
        name = f"accounts-{lang}-{{}}-{backend}.png"

        page.set_viewport_size(DESKTOP)
        page.goto("/accounts")
        expect(page.get_by_test_id("accounts-table").locator("tbody tr")).to_have_count(3)
        shots.append(_shot(page, artifacts_dir / name.format("list-desktop")))

        page.set_viewport_size(PHONE)
        page.reload()
        no_sideways_scroll = "() => document.documentElement.scrollWidth <= window.innerWidth"
        shots.append(_shot(page, artifacts_dir / name.format("list-phone")))
        page.set_viewport_size(DESKTOP)
        sideways_on_phone = not page.evaluate(no_sideways_scroll)

        page.goto(f"/accounts/{account}")
        expect(page.get_by_test_id("org-chart")).to_contain_text("陈静")
        shots.append(_shot(page, artifacts_dir / name.format("account-overview")))

        page.goto(f"/accounts/{account}?tab=activities")
        expect(page.get_by_test_id("timeline").locator(".timeline-item")).to_have_count(2)
        shots.append(_shot(page, artifacts_dir / name.format("account-activities")))

        page.goto(f"/contacts/{boss}")
        expect(page.get_by_test_id("contact-name")).to_contain_text("李明")
        shots.append(_shot(page, artifacts_dir / name.format("contact")))

        # The account picker of the new-contact form, open on its results
        page.goto("/contacts/new")
        page.get_by_test_id("picker-account_id").fill("电")
        expect(page.locator(".picker-results button").first).to_be_visible()
        shots.append(_shot(page, artifacts_dir / name.format("picker"), full_page=False))

        # The header search dropdown
        page.goto("/accounts")
        page.get_by_test_id("global-search").fill("中国")
        expect(page.get_by_test_id("search-dropdown").locator("a.search-hit").first).to_be_visible()
        shots.append(_shot(page, artifacts_dir / name.format("search"), full_page=False))

        assert not sideways_on_phone, f"the {lang} accounts list scrolls sideways on a phone"

    assert len(shots) == 14
