"""Signing in, and the language a person chooses."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pcrm.identity.permissions import Role
from tests.e2e.conftest import BrowserProblems, LiveServer, NewPage, UnitOfWork
from tests.e2e.pages import choose_language, sign_in, sign_out
from tests.factories import PASSWORD, make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"


@pytest.fixture
def owner(uow: UnitOfWork) -> str:
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳", locale=None)
    return OWNER


def test_an_owner_signs_in_and_sees_the_shell_in_chinese(
    page: Page, live_server: LiveServer, owner: str
) -> None:
    # Given the sign-in page
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    # When the owner signs in with the right password
    page.get_by_label("邮箱").fill(owner)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()

    # Then the workbench of the workspace greets them in Chinese
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("workspace-name")).to_have_text("Acme 工程")
    expect(page.get_by_test_id("greeting")).to_have_text("您好，王芳")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page).to_have_title("工作台 · PCRM")


def test_a_wrong_password_shows_an_inline_error_and_stays_on_the_login_page(
    page: Page, live_server: LiveServer, owner: str, browser_problems: BrowserProblems
) -> None:
    # Given the sign-in page (which answers the failed attempt with 400, logged by Chromium)
    browser_problems.expect(r"status of 400 \(Bad Request\) \(http://[^)]+/login\)$")
    page.goto("/login")

    # When someone types a wrong password
    page.get_by_label("邮箱").fill(owner)
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录", exact=True).click()

    # Then they see why, stay on /login, and keep the e-mail they typed
    expect(page.get_by_test_id("login-error")).to_have_text("邮箱或密码不正确。")
    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_label("邮箱")).to_have_value(owner)
    expect(page.get_by_test_id("greeting")).to_have_count(0)


def test_the_chosen_language_applies_at_once_and_is_remembered(
    new_page: NewPage, owner: str
) -> None:
    # Given a signed-in owner looking at the Chinese workbench
    page = new_page("first visit")
    sign_in(page, owner)
    expect(page.get_by_test_id("greeting")).to_have_text("您好，王芳")

    # When they choose English in the language menu
    choose_language(page, "en")

    # Then the page is in English
    expect(page.get_by_test_id("greeting")).to_have_text("Hello, 王芳")
    expect(page.locator(".sidebar .nav a").first).to_have_text("Workbench")
    expect(page.get_by_test_id("language-menu")).to_have_text("English")

    # And after signing out and in again on another computer, it still is
    sign_out(page)
    again = new_page("second visit")
    again.goto("/login")
    expect(again.locator("html")).to_have_attribute("lang", "zh-CN")
    sign_in(again, owner)
    expect(again.get_by_test_id("greeting")).to_have_text("Hello, 王芳")
    expect(again.locator("html")).to_have_attribute("lang", "en")

    # When they switch back to Chinese
    choose_language(again, "zh_CN")

    # Then the page is in Chinese again
    expect(again.get_by_test_id("greeting")).to_have_text("您好，王芳")
    expect(again.locator(".sidebar .nav a").first).to_have_text("工作台")
    expect(again).to_have_url(re.compile(r"/$"))
