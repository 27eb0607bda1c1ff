"""Browser tests: the app served by a real uvicorn in a background thread, driven by
Playwright on Debian's Chromium.

One server per database backend (the session's `app` fixture) and one browser for the whole
session; every test gets fresh browser contexts. Any console error, uncaught page error or
failed request (a CSP violation, a JS exception, a missing static file) fails the test at
teardown.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy.orm import Session

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP: ViewportSize = {"width": 1366, "height": 860}
PHONE: ViewportSize = {"width": 390, "height": 844}
# A browser language the app does not speak, so the workspace default (zh-CN) applies.
BROWSER_LOCALE = "de-DE"
ACTION_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class LiveServer:
    url: str
    backend: str


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[LiveServer]:
    """The session's app (one per backend) on a free local port."""
    with serve(app) as server:
        yield server


@contextlib.contextmanager
def serve(app: FastAPI) -> Iterator[LiveServer]:
    """`app` served by uvicorn in a thread on a free local port while the block runs."""
    from pcrm.cli import ensure_frontend

    ensure_frontend()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(5)
            pytest.fail(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app.state.engine.dialect.name)
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    browser = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class BrowserProblems:
    """What went wrong in the browser while a test ran."""

    items: list[str] = field(default_factory=list)
    expected: list[re.Pattern[str]] = field(default_factory=list)

    def expect(self, pattern: str) -> None:
        """Tolerate problems matching `pattern` (a regular expression) in this test."""
        self.expected.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [i for i in self.items if not any(p.search(i) for p in self.expected)]

    def watch(self, context: BrowserContext, label: str) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                where = message.location.get("url", "")
                self.items.append(f"[{label}] console error: {message.text} ({where})")

        def on_request_failed(request: Request) -> None:
            if request.failure == "net::ERR_ABORTED":
                return  # cancelled by the browser because the page navigated away
            self.items.append(
                f"[{label}] request failed: {request.method} {request.url}: {request.failure}"
            )

        def on_page(page: Page) -> None:
            page.on("console", on_console)
            page.on("pageerror", lambda exc: self.items.append(f"[{label}] page error: {exc}"))

        context.on("page", on_page)
        context.on("requestfailed", on_request_failed)


@pytest.fixture
def browser_problems() -> BrowserProblems:
    return BrowserProblems()


NewPage = Callable[..., Page]
UnitOfWork = Callable[[], AbstractContextManager[Session]]


@pytest.fixture
def new_page(
    browser: Browser,
    live_server: LiveServer,
    browser_problems: BrowserProblems,
    request: pytest.FixtureRequest,
    artifacts_dir: Path,
) -> Iterator[NewPage]:
    """`new_page(label, viewport=...)`: a page in a fresh browser context (its own cookies),
    like another person on another computer."""
    contexts: list[tuple[str, BrowserContext]] = []

    def factory(label: str = "main", viewport: ViewportSize = DESKTOP) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale=BROWSER_LOCALE,
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        browser_problems.watch(context, label)
        contexts.append((label, context))
        return context.new_page()

    yield factory

    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for label, context in contexts:
            for index, page in enumerate(context.pages):
                name = re.sub(r"[^\w.-]+", "_", f"failed-{request.node.name}-{label}-{index}.png")
                with contextlib.suppress(PlaywrightError):
                    page.screenshot(path=str(artifacts_dir / name))
    for _label, context in contexts:
        context.close()
    problems = browser_problems.unexpected()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def page(new_page: NewPage) -> Page:
    return new_page()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test item, so fixtures can tell whether it failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
