"""The plan tab's task table in the browser: pages of 50 rows, a row's edit form fetched when
asked, and the task picker chosen with the keyboard (type, ↓, Enter) in place of a drop-down of
every task."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from pcrm.accounts.accounts import service as accounts
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.projects.plan import service as plan
from pcrm.projects.plan.models import PlanTask
from pcrm.projects.plan.schemas import TaskCreate
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectCreate
from pcrm.projects.vocab import Phase
from tests.e2e.conftest import LiveServer, UnitOfWork
from tests.e2e.pages import choose_language, sign_in
from tests.factories import make_user, make_workspace

pytestmark = pytest.mark.e2e

OWNER = "wang.fang@acme.example"


@dataclass
class Table:
    uow: UnitOfWork
    project_id: int
    ids: list[int]

    def task(self, task_id: int) -> PlanTask:
        with self.uow() as db:
            found = db.scalar(
                select(PlanTask).where(PlanTask.id == task_id).execution_options(**GLOBAL)
            )
            assert found is not None
            db.expunge(found)
            return found


@pytest.fixture
def table(uow: UnitOfWork) -> Table:
    """70 tasks: 阶段1…7 each with nine subtasks (任务001…), one a day from 4 Jan 2027."""
    with uow() as db:
        workspace = make_workspace(db, "acme", "Acme 工程")
        make_user(db, workspace, OWNER, role=Role.OWNER, name="王芳")
        boss = operator_principal(db, "acme", OWNER)
        account = accounts.create_account(db, boss, AccountCreate(name="苏州轨道交通集团"))
        project = projects.create_project(
            db, boss, ProjectCreate(name="票务系统升级", account_id=account.id)
        )
        ids: list[int] = []
        parent = None
        for n in range(70):
            top = n % 10 == 0
            task = plan.add_task(
                db,
                boss,
                project.id,
                TaskCreate(
                    name=f"阶段{n // 10 + 1}" if top else f"任务{n:03d}",
                    parent_id=None if top else parent,
                    start_on=date(2027, 1, 4) + timedelta(days=n),
                    end_on=date(2027, 1, 6) + timedelta(days=n),
                ),
            )
            parent = task.id if top else parent
            ids.append(task.id)
        return Table(uow, project.id, ids)


def test_a_task_is_paged_to_edited_and_moved_under_a_parent_picked_by_keyboard(
    page: Page, live_server: LiveServer, table: Table
) -> None:
    sign_in(page, OWNER)
    choose_language(page, "zh_CN")
    page.goto(f"{live_server.url}/projects/{table.project_id}?tab=plan")
    rows = page.locator('#plan-tasks tbody tr[data-testid^="task-"]')
    expect(rows).to_have_count(50)
    expect(page.locator("[data-testid^='edit-task-']")).to_have_count(0)  # no form yet

    page.get_by_test_id("tasks-next").click()
    expect(page).to_have_url(f"{live_server.url}/projects/{table.project_id}?tab=plan&page=2")
    expect(rows).to_have_count(20)
    moved = table.ids[65]  # 任务065, under 阶段7
    page.get_by_test_id(f"edit-{moved}").click()
    form = page.get_by_test_id(f"edit-task-{moved}")
    expect(form).to_be_visible()

    picker = form.locator('[role="combobox"]')
    picker.fill("阶段2")
    expect(form.locator('[role="option"]')).to_have_count(1)
    picker.press("ArrowDown")
    picker.press("Enter")  # chooses; does not send the form
    expect(picker).to_have_value("2 阶段2")
    form.locator('select[name="phase"]').select_option("execution")
    form.get_by_test_id("save-task").click()

    expect(page.get_by_test_id("notice")).to_be_visible()
    expect(page).to_have_url(
        f"{live_server.url}/projects/{table.project_id}?tab=plan&page=2&notice=saved"
    )
    task = table.task(moved)
    assert (task.parent_id, task.phase) == (table.ids[10], Phase.EXECUTION)
    # now the tenth child of 阶段2, so WBS 2.10 on the first page
    page.goto(f"{live_server.url}/projects/{table.project_id}?tab=plan&q=2.10")
    expect(rows).to_have_count(1)
    expect(page.get_by_test_id(f"task-{moved}")).to_contain_text("任务065")
