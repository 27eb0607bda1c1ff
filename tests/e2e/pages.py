"""What a person does in the browser, in a few reusable steps (language-independent)."""

from __future__ import annotations

import re

from playwright.sync_api import Dialog, Locator, Page, expect

from tests.factories import PASSWORD

HTML_LANG = {"zh_CN": "zh-CN", "en": "en"}


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait for the workbench."""
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("form.form button[type=submit]").click()
    try:
        expect(page.get_by_test_id("greeting")).to_be_visible()
    except AssertionError as exc:
        if "/login" in page.url and page.get_by_test_id("login-error").count() == 0:
            raise AssertionError(
                f"{email} signed in without an error, but the workbench sent them back to "
                f"{page.url}: was the new session committed before the redirect was answered?"
            ) from exc
        raise


def sign_out(page: Page) -> None:
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(re.compile(r"/login\?notice=signed_out$"))


def choose_language(page: Page, code: str) -> None:
    """Pick a language from the shell's language menu."""
    page.get_by_test_id("language-menu").click()
    page.get_by_test_id(f"set-locale-{code}").click()
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[code])


def accept_dialogs(page: Page) -> list[str]:
    """Accept every confirm() the page asks from now on; returns the list of questions asked."""
    questions: list[str] = []

    def accept(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return questions


def fact(page: Page, label: str) -> Locator:
    """The value shown beside `label` in a record's overview facts (<dl class="facts">)."""
    return (
        page.locator("dl.facts dt")
        .filter(has_text=re.compile(rf"^{re.escape(label)}$"))
        .locator("xpath=following-sibling::dd[1]")
    )
