"""Form edges in the page's language, whatever the browser's (the browser here speaks German):
date fields with the app's own calendar, the styled file picker, date filters that keep their
labels on the filters' row, and an opportunity's header with one main button and a "More" menu."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from playwright.sync_api import Page, expect

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service as opportunities
from pcrm.opportunities.pipeline.schemas import OpportunityCreate
from tests.e2e.conftest import DESKTOP, NewPage, UnitOfWork
from tests.e2e.pages import sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
WORDS = {
    "zh_CN": {
        "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
        "placeholder": "年-月-日",
        "choose": "选择日期",
        "from": "开始日期",
        "file": "选择文件",
        "no_file": "未选择文件",
        "more": ["输单", "放弃", "归档"],
    },
    "en": {
        "weekdays": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        "placeholder": "YYYY-MM-DD",
        "choose": "Choose a date",
        "from": "From",
        "file": "Choose a file",
        "no_file": "No file chosen",
        "more": ["Closed lost", "Abandon", "Archive"],
    },
}


def _month_title(day: date, locale: str) -> str:
    if locale == "zh_CN":
        return f"{day.year}年{day.month}月"
    return f"{EN_MONTHS[day.month - 1]} {day.year}"


def _open_page(new_page: NewPage, uow: UnitOfWork, locale: str) -> tuple[Page, int]:
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳", locale=locale)
        boss = operator_principal(db, "acme", OWNER)
        account = account_service.create_account(db, boss, AccountCreate(name="深圳地铁集团"))
        opportunity = opportunities.create_opportunity(
            db, boss, OpportunityCreate(account_id=account.id, name="智慧地铁二期")
        )
        opportunity_id = opportunity.id
    page = new_page("owner", viewport=DESKTOP)
    sign_in(page, OWNER)
    return page, opportunity_id


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_date_filter_has_its_label_on_the_row_and_a_calendar_in_the_pages_language(
    new_page: NewPage, uow: UnitOfWork, locale: str
) -> None:
    words = WORDS[locale]
    page, _ = _open_page(new_page, uow, locale)
    page.goto("/activities")
    field = page.locator('input[name="occurred_from"]')

    # The field reads ISO dates with a placeholder in the page's language, not the browser's
    expect(field).to_have_attribute("type", "text")
    expect(field).to_have_attribute("placeholder", words["placeholder"])
    label = page.locator("label.filter-date").filter(has=field)
    expect(label).to_contain_text(words["from"])
    # on the filters' row: the label's text, the field and the search box share one line
    search_box = page.locator('.filters input[name="q"]').bounding_box()
    field_box = field.bounding_box()
    assert search_box is not None
    assert field_box is not None
    assert abs(field_box["y"] - search_box["y"]) < 8, (field_box, search_box)

    # When they open the calendar, it names this month and the weekdays in the page's language
    label.get_by_role("button", name=words["choose"]).click()
    popup = page.get_by_test_id("date-popup")
    today = datetime.now(UTC).astimezone().date()  # the browser's day, in the machine's zone
    expect(popup.locator(".date-title")).to_have_text(_month_title(today, locale))
    assert popup.locator(".date-weekday").all_inner_texts() == words["weekdays"]

    # and picking the 15th fills in the ISO date and filters the list
    popup.locator(f'[data-day="{today:%Y-%m}-15"]').click()
    expect(popup).to_have_count(0)
    expect(field).to_have_value(f"{today:%Y-%m}-15")
    expect(page).to_have_url(re.compile(rf"occurred_from={today:%Y-%m}-15"))


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_file_picker_speaks_the_pages_language_and_names_the_chosen_file(
    new_page: NewPage, uow: UnitOfWork, locale: str
) -> None:
    words = WORDS[locale]
    page, opportunity_id = _open_page(new_page, uow, locale)
    page.goto(f"/opportunities/{opportunity_id}/documents")
    picker = page.get_by_test_id("file-input-file")
    expect(picker).to_contain_text(words["file"])
    expect(picker.locator("[data-file-name]")).to_have_text(words["no_file"])

    page.locator("#f-file").set_input_files(
        files=[{"name": "技术方案.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    expect(picker.locator("[data-file-name]")).to_have_text("技术方案.pdf")


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_an_opportunity_shows_one_main_button_and_keeps_the_rest_in_more(
    new_page: NewPage, uow: UnitOfWork, locale: str
) -> None:
    words = WORDS[locale]
    page, opportunity_id = _open_page(new_page, uow, locale)
    page.goto(f"/opportunities/{opportunity_id}")
    actions = page.locator(".opportunity-head .actions-row")
    visible = [b for b in actions.locator(".btn").all() if b.is_visible()]
    assert [b.get_attribute("data-testid") for b in visible] == ["close-won", "record-actions"]
    # overview, tender, decision chain, documents, risks, lessons of the account's projects, history
    expect(page.get_by_test_id("opportunity-tabs").locator("a")).to_have_count(7)

    page.get_by_test_id("record-actions").click()
    menu = actions.locator(".dropdown-menu")
    expect(menu).to_be_visible()
    assert [t.strip() for t in menu.locator("a, button").all_inner_texts()] == words["more"]
