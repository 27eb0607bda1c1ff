"""Screenshots of the shell in both languages, on a desktop and on a phone, for people to look
at (saved under test-artifacts/), plus the phone's slide-in navigation."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Locator, Page, expect

from pcrm.identity.permissions import Role
from tests.e2e.conftest import DESKTOP, PHONE, LiveServer, NewPage, UnitOfWork
from tests.e2e.pages import HTML_LANG, choose_language, sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"
MIN_BYTES = 10_000
GREETINGS = {"zh_CN": "您好，王芳", "en": "Hello, Fang Wang"}


def _shot(page: Page, path: Path) -> Path:
    page.screenshot(path=str(path), animations="disabled")
    assert path.is_file(), path
    assert path.stat().st_size > MIN_BYTES, f"{path.name} is only {path.stat().st_size} bytes"
    return path


def _box(locator: Locator) -> FloatRect:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not rendered"
    return box


def test_the_shell_on_a_desktop_and_on_a_phone_in_both_languages(
    new_page: NewPage,
    live_server: LiveServer,
    uow: UnitOfWork,
    artifacts_dir: Path,
) -> None:
    # Given an owner with a few colleagues and some history to show
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳", locale=None)
        for index, name in enumerate(("赵磊", "李思远", "陈静")):
            make_user(db, workspace, f"user{index}@acme.example", name=name)
    page = new_page("owner", viewport=DESKTOP)
    sign_in(page, OWNER)
    page.goto("/settings/profile")
    page.get_by_label("英文名").fill("Fang Wang")
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.get_by_test_id("notice")).to_be_visible()
    page.goto("/")

    shots: list[Path] = []
    for code in ("zh_CN", "en"):
        lang = HTML_LANG[code]
        # When they look at the workbench in this language on a desktop
        page.set_viewport_size(DESKTOP)
        if page.locator("html").get_attribute("lang") != lang:
            choose_language(page, code)
        expect(page.get_by_test_id("greeting")).to_have_text(GREETINGS[code])

        # Then the sidebar is there, beside the content
        assert _box(page.locator(".sidebar"))["x"] == 0
        expect(page.locator(".menu-button")).to_be_hidden()
        shots.append(_shot(page, artifacts_dir / f"shell-{lang}-desktop-{live_server.backend}.png"))

        # When they look at it on a phone
        page.set_viewport_size(PHONE)
        page.reload()
        expect(page.get_by_test_id("greeting")).to_have_text(GREETINGS[code])

        # Then the sidebar is out of sight until they open the menu
        box = _box(page.locator(".sidebar"))
        assert box["x"] + box["width"] <= 0, box
        no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(no_sideways_scroll), "the page scrolls sideways on a phone"
        shots.append(_shot(page, artifacts_dir / f"shell-{lang}-phone-{live_server.backend}.png"))

        page.locator(".menu-button").click()
        # (a function, not a bare expression: the page's CSP forbids eval)
        page.wait_for_function(
            "() => document.querySelector('.sidebar').getBoundingClientRect().x >= 0"
        )
        assert _box(page.locator(".sidebar"))["x"] >= 0
        expect(page.locator(".sidebar .nav a").first).to_be_in_viewport()
        shots.append(
            _shot(page, artifacts_dir / f"shell-{lang}-phone-menu-{live_server.backend}.png")
        )

    assert [p.name for p in shots] == [
        f"shell-{lang}-{form}-{live_server.backend}.png"
        for lang in ("zh-CN", "en")
        for form in ("desktop", "phone", "phone-menu")
    ]


def _tops(page: Page, selector: str) -> list[int]:
    return [round(_box(card)["y"]) for card in page.locator(selector).all()]


def test_the_workbench_cards_line_up_on_a_desktop_and_stack_evenly_on_a_phone(
    new_page: NewPage,
    uow: UnitOfWork,
) -> None:
    # Given a signed-in owner on a desktop
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳", locale=None)
    page = new_page("owner", viewport=DESKTOP)
    sign_in(page, OWNER)

    # Then the cards of each row of the workbench start at the same height
    stats, panels = _tops(page, ".stats > .card"), _tops(page, ".panels > .card")
    assert len(stats) == 3
    assert len(panels) == 3
    assert len(set(stats)) == 1, f"the figures do not line up: tops at {stats}"
    assert len(set(panels)) == 1, f"the panels do not line up: tops at {panels}"

    # When they look at it on a phone, the cards stack with the same 16px gap
    page.set_viewport_size(PHONE)
    boxes = [_box(card) for card in page.locator(".stats > .card").all()]
    gaps = [round(below["y"] - (above["y"] + above["height"])) for above, below in pairwise(boxes)]
    assert gaps == [16, 16]
