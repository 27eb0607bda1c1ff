"""A walk through every main page of the seeded demo, as its users see them: on a desktop
(1440 px) and a phone (390 px), in Chinese (王建国) and English (Emily Chen). Every page answers,
nothing runs off the right edge of the screen outside a scrolling box, no internal value
(`None`, `undefined`, a template's braces) is shown, and the browser reports no error. The
screenshots are saved under test-artifacts/walk/ for people to look at.

The project page's tabs are read from the projects area, so a new tab is walked too. The layout
does not depend on the database, so the walk runs on SQLite only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from pcrm.demo import DEMO_PASSWORD, DEMO_USERS
from pcrm.projects.projects.pages import TABS as PROJECT_TABS
from tests.demo.conftest import Demo, demo  # noqa: F401 - the seeded demo, as a fixture
from tests.e2e.conftest import BROWSER_LOCALE, BrowserProblems, LiveServer, serve
from tests.e2e.pages import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("demo")]

WIDE: ViewportSize = {"width": 1440, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
READERS = {"zh_CN": DEMO_USERS[0].email, "en": DEMO_USERS[1].email}  # 王建国, Emily Chen
# a value shown as Python's or JavaScript's "nothing", or a template left unrendered
INTERNAL = re.compile(r"^(None|null|undefined|NaN)$|\[object Object\]|\{\{|\}\}|\{%")

# Elements whose right edge is past the viewport and that no scrolling or clipping box (or a
# fixed layer such as the phone's slide-in menu) holds: what a reader sees cut off.
OFF_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const held = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (p !== el && /(auto|scroll|hidden|clip)/.test(style.overflowX)) return true;
      if (style.position === "fixed" || style.visibility === "hidden") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 1 || held(el)) continue;
    const text = (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 40);
    out.push(`${el.tagName.toLowerCase()}.${el.className}: ${text}`);
    if (out.length >= 5) break;
  }
  return out;
}"""
VISIBLE_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, template, [hidden]")) continue;
    if (parent.offsetParent === null && getComputedStyle(parent).position !== "fixed") continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  return out;
}"""


def _ids(seeded: Demo) -> dict[str, Any]:
    """The records the walk opens: the demo's first of each kind, and a project in delivery."""
    from fastapi.testclient import TestClient

    headers = {"Authorization": f"Bearer {seeded.token}"}
    with TestClient(seeded.app) as client:

        def first(path: str, **params: Any) -> int:
            response = client.get(path, headers=headers, params={"page_size": 1, **params})
            response.raise_for_status()
            listed = response.json()
            return int((listed["items"] if isinstance(listed, dict) else listed)[0]["id"])

        project = first("/api/v1/projects", status="active")
        requirements = client.get(f"/api/v1/projects/{project}/requirements", headers=headers)
        requirements.raise_for_status()
        listed = requirements.json()
        items = listed["items"] if isinstance(listed, dict) else listed
        return {
            "account": first("/api/v1/accounts"),
            "contact": first("/api/v1/contacts"),
            "activity": first("/api/v1/activities"),
            "opportunity": first("/api/v1/opportunities", stage="bidding"),
            "competitor": first("/api/v1/competitors"),
            "project": project,
            "requirement": items[0]["id"] if items else None,
        }


def _pages(ids: dict[str, Any]) -> list[str]:
    a, c, o, p = ids["account"], ids["contact"], ids["opportunity"], ids["project"]
    pages = [
        "/",
        "/search?q=华为",
        "/accounts",
        f"/accounts/{a}",
        f"/accounts/{a}/org-chart",
        f"/accounts/{a}/relationships",
        f"/accounts/{a}/closeness",
        f"/accounts/{a}/project-history",
        f"/accounts/{a}/tender-rhythm",
        "/contacts",
        f"/contacts/{c}",
        f"/contacts/{c}/relationships",
        f"/contacts/{c}/paths",
        "/activities",
        f"/activities/{ids['activity']}",
        "/opportunities",
        "/opportunities/board",
        "/opportunities/new",
        f"/opportunities/{o}",
        f"/opportunities/{o}/bid",
        f"/opportunities/{o}/decision-chain",
        f"/opportunities/{o}/documents",
        f"/opportunities/{o}/history",
        "/relationships",
        "/competitors",
        f"/competitors/{ids['competitor']}",
        "/projects",
        "/projects/board",
        "/projects/workload",
        "/projects/new",
        *(f"/projects/{p}?tab={tab}" for tab in PROJECT_TABS),
        "/settings/profile",
        "/settings/tokens",
        "/admin/users",
        "/admin/workspace",
        "/admin/audit",
        "/admin/security",
    ]
    if ids["requirement"] is not None:
        pages.append(f"/projects/{p}/requirements/{ids['requirement']}")
    return pages


@pytest.fixture
def demo_server(demo: Demo) -> Iterator[LiveServer]:  # noqa: F811 - the imported fixture
    with serve(demo.app) as server:
        yield server


def _reader(browser: Browser, server: LiveServer, problems: BrowserProblems, lang: str) -> Page:
    context = browser.new_context(base_url=server.url, viewport=WIDE, locale=BROWSER_LOCALE)
    problems.watch(context, lang)
    page = context.new_page()
    sign_in(page, READERS[lang], DEMO_PASSWORD)
    return page


def _name(path: str) -> str:
    return re.sub(r"[^\w-]+", "_", path.strip("/") or "home")[:80]


@pytest.mark.parametrize("demo", ["sqlite"], indirect=True)
def test_every_main_page_reads_well_on_a_desktop_and_a_phone_in_both_languages(
    demo: Demo,  # noqa: F811 - the imported fixture
    demo_server: LiveServer,
    browser: Browser,
    browser_problems: BrowserProblems,
    artifacts_dir: Path,
) -> None:
    pages = _pages(_ids(demo))
    shots = artifacts_dir / "walk"
    shots.mkdir(exist_ok=True)
    found: list[str] = []
    for lang in ("zh_CN", "en"):
        page = _reader(browser, demo_server, browser_problems, lang)
        for viewport, size in ((WIDE, "1440"), (PHONE, "390")):
            page.set_viewport_size(viewport)
            for path in pages:
                response = page.goto(path)
                where = f"{lang} {size} {path}"
                if response is None or response.status != 200:
                    found.append(f"{where}: answered {response and response.status}")
                    continue
                for element in page.evaluate(OFF_SCREEN):
                    found.append(f"{where}: off the screen: {element}")
                internal = {t for t in page.evaluate(VISIBLE_TEXT) if INTERNAL.search(t)}
                if internal:
                    found.append(f"{where}: shows {sorted(internal)}")
                page.screenshot(
                    path=str(shots / f"{lang}-{size}-{_name(path)}.png"), full_page=True
                )
        page.context.close()
    assert found == [], "\n".join(found)
