"""The plan's Gantt in the browser: dragging a bar saves the task's new dates through the
API; a drag that would start a task before its predecessor finishes is refused with the
server's message and the bar goes back. Screenshots of the plan tab for people to look at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from sqlalchemy import select

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.projects.plan import service as plan
from pcrm.projects.plan.models import PlanTask
from pcrm.projects.plan.schemas import DependencyCreate, TaskCreate
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate
from pcrm.projects.vocab import Phase
from tests.e2e.conftest import PHONE, BrowserProblems, LiveServer, NewPage, UnitOfWork
from tests.e2e.pages import choose_language, sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"
SHOTS = Path("test-artifacts")


@dataclass
class Plan:
    uow: UnitOfWork
    project_id: int
    design: int
    build: int

    def dates(self, task_id: int) -> tuple[date, date]:
        with self.uow() as db:
            task = db.scalar(
                select(PlanTask).where(PlanTask.id == task_id).execution_options(**GLOBAL)
            )
            assert task is not None
            return task.start_on, task.end_on


@pytest.fixture
def drawn(uow: UnitOfWork) -> Plan:
    """方案设计 (4–8 Jan 2027) → 系统开发 (18–29 Jan), a milestone after, in one project."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        boss = operator_principal(db, "acme", OWNER)
        account = accounts.create_account(db, boss, AccountCreate(name="苏州轨道交通集团"))
        project = projects.create_project(
            db, boss, ProjectCreate(name="票务系统升级", account_id=account.id)
        )
        design = plan.add_task(
            db,
            boss,
            project.id,
            TaskCreate(
                name="方案设计",
                phase=Phase.PLANNING,
                start_on=date(2027, 1, 4),
                end_on=date(2027, 1, 8),
            ),
        )
        build = plan.add_task(
            db,
            boss,
            project.id,
            TaskCreate(
                name="系统开发",
                phase=Phase.EXECUTION,
                start_on=date(2027, 1, 18),
                end_on=date(2027, 1, 29),
                progress=20,
            ),
        )
        live = plan.add_task(
            db,
            boss,
            project.id,
            TaskCreate(name="上线", start_on=date(2027, 2, 1), is_milestone=True),
        )
        for before, after in ((design.id, build.id), (build.id, live.id)):
            plan.add_dependency(
                db, boss, project.id, DependencyCreate(predecessor_id=before, successor_id=after)
            )
        return Plan(uow, project.id, design.id, build.id)


def _open(page: Page, live_server: LiveServer, drawn: Plan) -> None:
    page.goto(f"{live_server.url}/projects/{drawn.project_id}?tab=plan")
    expect(page.locator(f'.bar-wrapper[data-id="{drawn.build}"] .bar')).to_be_visible()
    page.locator('[data-view="Day"]').click()
    expect(page.locator(f'.bar-wrapper[data-id="{drawn.build}"] .bar')).to_be_visible()


def _drag(page: Page, task_id: int, dx: float) -> None:
    bar = page.locator(f'.bar-wrapper[data-id="{task_id}"] .bar')
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(x + dx * step / 10, y)
    page.mouse.up()


def _day_width(page: Page, task_id: int, days: int) -> float:
    """A day's width in the chart as drawn now: the bar's width, once two reads 200 ms apart
    agree (right after a change of view the old view's bar may still be on the page, and a drag
    measured on it fell a day short)."""
    bar = page.locator(f'.bar-wrapper[data-id="{task_id}"] .bar')
    widths: list[float] = []
    for _ in range(25):
        box = bar.bounding_box()
        assert box is not None
        widths.append(box["width"])
        if len(widths) > 1 and widths[-1] == widths[-2]:
            break
        page.wait_for_timeout(200)
    return widths[-1] / days


def test_dragging_a_bar_saves_its_dates_and_an_invalid_drag_is_refused(
    page: Page, live_server: LiveServer, drawn: Plan, browser_problems: BrowserProblems
) -> None:
    browser_problems.expect("status of 422")  # the refused drag's answer
    sign_in(page, OWNER)
    choose_language(page, "en")
    _open(page, live_server, drawn)
    day = _day_width(page, drawn.build, 12)
    status = page.get_by_test_id("gantt-status")

    # a valid drag: two days later, within the links (2.4 day widths, which the chart snaps to
    # 2 days whether it rounds or floors)
    _drag(page, drawn.build, 2.4 * day)
    expect(status).to_contain_text("The task's dates were saved.")
    start, end = drawn.dates(drawn.build)
    assert (start, end) == (date(2027, 1, 20), date(2027, 1, 31))

    # an invalid one: before the design is finished (once the saved drag's redraw is done)
    page.wait_for_load_state("networkidle")
    bar = page.locator(f'.bar-wrapper[data-id="{drawn.build}"] .bar')
    before = bar.get_attribute("x")
    _drag(page, drawn.build, -14 * day)
    expect(status).to_contain_text("The change was refused:")
    expect(status).to_contain_text("before a predecessor finishes")
    assert drawn.dates(drawn.build) == (date(2027, 1, 20), date(2027, 1, 31))
    # the bar is drawn again where the server has it
    expect(bar).to_have_attribute("x", before or "")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_plan_tab_on_a_desktop_and_a_phone(
    new_page: NewPage, live_server: LiveServer, drawn: Plan, lang: str
) -> None:
    SHOTS.mkdir(exist_ok=True)
    wide: ViewportSize = {"width": 1440, "height": 900}
    for label, viewport in (("1440", wide), ("390", PHONE)):
        page = new_page(label, viewport)
        sign_in(page, OWNER)
        choose_language(page, lang)
        page.goto(f"{live_server.url}/projects/{drawn.project_id}?tab=plan")
        expect(page.locator(f'.bar-wrapper[data-id="{drawn.build}"] .bar')).to_be_visible()
        path = SHOTS / f"plan-tab-{lang}-{label}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        assert path.stat().st_size > 10_000
        # the chart scrolls inside its box: the page itself never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
