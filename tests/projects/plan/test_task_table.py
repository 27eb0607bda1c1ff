"""The plan tab's task table at size: pages of 50 rows in WBS order with filters, edit forms
only on demand (HTMX swaps a row for its form), task pickers instead of drop-downs of every
task (the lookup), and a query count that does not grow with the plan."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.identity.public import operator_principal
from pcrm.projects.plan import service as plan
from pcrm.projects.plan.models import PlanTask
from pcrm.projects.plan.schemas import TaskCreate
from pcrm.projects.vocab import Phase
from tests.factories import sign_in
from tests.opportunities.bids import post_form
from tests.projects.builders import World, direct_project, row_counts

HTMX = {"HX-Request": "true"}
START = date(2027, 1, 4)


def _plan(uow, world: World, project_id: int, count: int, owned_from: int = 60) -> list[int]:
    """`count` tasks: every tenth one a summary task (阶段N) with the nine after it under it,
    in the planning phase for the first half and execution after, owned by the admin from
    `owned_from` on (the 61st unless told)."""
    ids: list[int] = []
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        parent = None
        for n in range(count):
            top = n % 10 == 0
            task = plan.add_task(
                db,
                boss,
                project_id,
                TaskCreate(
                    name=f"阶段{n // 10 + 1}" if top else f"任务{n:03d}",
                    parent_id=None if top else parent,
                    phase=Phase.PLANNING if n < count // 2 else Phase.EXECUTION,
                    owner_id=world.team.admin.user_id if n >= owned_from else None,
                    start_on=START + timedelta(days=n),
                    end_on=START + timedelta(days=n + 2),
                ),
            )
            parent = task.id if top else parent
            ids.append(task.id)
    return ids


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-testid="task-(\d+)">', html)


def _stored(uow, task_id: int) -> PlanTask:
    with uow() as db:
        task = db.scalar(select(PlanTask).where(PlanTask.id == task_id).execution_options(**GLOBAL))
        assert task is not None
        db.expunge(task)
        return task


def test_the_table_shows_fifty_rows_a_page_in_wbs_order_without_task_drop_downs(
    client, world: World, uow
):
    project = direct_project(client, world)["id"]
    ids = _plan(uow, world, project, 120)
    sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")

    first = client.get(f"/projects/{project}?tab=plan")
    last = client.get(f"/projects/{project}?tab=plan&page=3")

    assert first.status_code == last.status_code == 200
    assert _rows(first.text) == [str(i) for i in ids[:50]]
    assert _rows(last.text) == [str(i) for i in ids[100:]]
    assert "共 120 项任务，符合 120 项 · 第 1 / 3 页" in first.text
    assert '<td class="nowrap">1.2</td>' in first.text  # 任务001 under 阶段1
    # no edit form until asked, no <select> of tasks: only pickers
    assert 'data-testid="edit-task-' not in first.text
    assert '<select id="f-parent_id"' not in first.text
    assert '<select id="f-successor_id"' not in first.text
    assert 'data-testid="picker-parent_id"' in first.text
    assert 'data-testid="picker-predecessor_id"' in first.text
    assert f'data-testid="edit-{ids[0]}"' in first.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "任务10"}, list(range(101, 110))),  # part of a Chinese name
        ({"q": "3."}, list(range(21, 30))),  # the subtasks of WBS 3
        ({"q": "12"}, [12, *range(110, 120)]),  # 任务012, then WBS 12 and 12.x
        ({"phase": "execution", "owner": "admin", "q": "阶段"}, [60, 70, 80, 90, 100, 110]),
        ({"late": "1"}, []),
    ],
)
def test_the_filters_narrow_the_table(client, world: World, uow, query, expected):
    project = direct_project(client, world)["id"]
    ids = _plan(uow, world, project, 120)
    sign_in(client, "owner@acme.example")
    if query.get("owner") == "admin":
        query = query | {"owner": str(world.team.admin.user_id)}

    page = client.get(f"/projects/{project}?{urlencode({'tab': 'plan', **query})}")

    assert page.status_code == 200
    assert _rows(page.text) == [str(ids[n]) for n in expected]


def test_the_edit_form_comes_on_demand_and_saves_parent_phase_and_owner(client, world: World, uow):
    project = direct_project(client, world)["id"]
    ids = _plan(uow, world, project, 12)
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "en")
    moved = ids[11]  # 任务011, under 阶段2

    row = client.get(f"/projects/{project}/plan/tasks/{moved}/edit?page=1", headers=HTMX)
    saved = post_form(
        client,
        f"/projects/{project}/plan/tasks/{moved}",
        csrf,
        {
            "version": "1",
            "back": "page=1",
            "name": "任务011",
            "parent_id": str(ids[0]),
            "phase": "execution",
            "owner_id": str(world.team.admin.user_id),
            "start_on": "2027-01-15",
            "end_on": "2027-01-17",
            "progress": "40",
        },
    )

    assert row.status_code == 200
    assert row.text.lstrip().startswith(f'<tr data-testid="task-edit-{moved}"')
    assert 'value="2 阶段2"' in row.text  # the parent by WBS number and name
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/projects/{project}?tab=plan&page=1&notice=saved"
    task = _stored(uow, moved)
    assert (task.parent_id, task.phase, task.owner_id, task.progress) == (
        ids[0],
        Phase.EXECUTION,
        world.team.admin.user_id,
        40,
    )


def test_a_blank_parent_phase_and_owner_clear_them_through_htmx(client, world: World, uow):
    project = direct_project(client, world)["id"]
    ids = _plan(uow, world, project, 70)
    csrf = sign_in(client, "owner@acme.example")

    saved = client.post(
        f"/projects/{project}/plan/tasks/{ids[65]}",
        content=urlencode(
            {
                "csrf_token": csrf,
                "version": "1",
                "back": "page=2&phase=execution",
                "name": "任务065",
                "parent_id": "",
                "phase": "",
                "owner_id": "",
                "start_on": "2027-03-10",
                "end_on": "2027-03-12",
                "progress": "0",
            }
        ),
        headers={**HTMX, "Content-Type": "application/x-www-form-urlencoded"},
    )

    assert saved.status_code == 204
    assert saved.headers["HX-Redirect"] == (
        f"/projects/{project}?tab=plan&phase=execution&page=2&notice=saved"
    )
    task = _stored(uow, ids[65])
    assert (task.parent_id, task.phase, task.owner_id) == (None, None, None)


def test_bad_input_and_an_old_version_come_back_in_the_row_with_nothing_written(
    client, world: World, uow
):
    project = direct_project(client, world)["id"]
    ids = _plan(uow, world, project, 12)
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    url = f"/projects/{project}/plan/tasks/{ids[1]}"
    fields = {"csrf_token": csrf, "name": "任务001", "start_on": "2027-01-05"}
    before = row_counts(uow)

    def post(**more: str):
        return client.post(
            url,
            content=urlencode(fields | more),
            headers={**HTMX, "Content-Type": "application/x-www-form-urlencoded"},
        )

    under_itself = post(version="1", parent_id=str(ids[1]), end_on="2027-01-07")
    backwards = post(version="1", end_on="2027-01-01")
    stale = post(version="7", end_on="2027-01-09")
    stranger = post(version="1", owner_id=str(world.team.stranger.user_id), end_on="2027-01-09")

    assert under_itself.status_code == backwards.status_code == stranger.status_code == 422
    assert "任务不能放在自身或其子任务之下。" in under_itself.text
    assert 'data-testid="error-end_on"' in backwards.text
    assert 'data-testid="error-owner_id"' in stranger.text
    assert stale.status_code == 412
    assert 'data-testid="form-error"' in stale.text
    assert f'<tr data-testid="task-edit-{ids[1]}"' in stale.text
    assert row_counts(uow) == before
    assert _stored(uow, ids[1]).end_on == date(2027, 1, 7)


def test_a_viewer_sees_no_edit_control_and_cannot_edit(client, world: World, uow):
    project = direct_project(client, world)["id"]
    ids = _plan(uow, world, project, 3)
    csrf = sign_in(client, "viewer@acme.example")
    before = row_counts(uow)

    page = client.get(f"/projects/{project}?tab=plan")
    form = client.get(f"/projects/{project}/plan/tasks/{ids[1]}/edit", headers=HTMX)
    posted = post_form(
        client,
        f"/projects/{project}/plan/tasks/{ids[1]}",
        csrf,
        {"version": "1", "name": "改名", "start_on": "2027-01-05", "end_on": "2027-01-07"},
    )

    assert page.status_code == 200
    assert f'data-testid="edit-{ids[1]}"' not in page.text
    assert 'data-testid="task-form"' not in page.text
    assert form.status_code == posted.status_code == 403
    assert row_counts(uow) == before
    assert _stored(uow, ids[1]).name == "任务001"


def test_the_lookup_finds_tasks_by_wbs_number_or_name_within_the_project(client, world: World, uow):
    project = direct_project(client, world)["id"]
    other = direct_project(client, world, name="网络改造")["id"]
    ids = _plan(uow, world, project, 40)
    _plan(uow, world, other, 3)
    sign_in(client, "owner@acme.example")
    lookup = f"/projects/{project}/plan/tasks/lookup"

    by_name = client.get(lookup, params={"q": "任务03", "picker": "parent_id"}, headers=HTMX)
    by_number = client.get(lookup, params={"q": "2.1"}, headers=HTMX)
    everything = client.get(lookup, params={"q": ""}, headers=HTMX)
    no_milestone = client.get(lookup, params={"q": "", "milestones": "1"}, headers=HTMX)

    found = re.findall(r'data-id="(\d+)"', by_name.text)
    assert found == [str(ids[n]) for n in (31, 32, 33, 34, 35, 36, 37, 38, 39)]
    assert 'id="o-parent_id-' in by_name.text
    assert re.findall(r'data-label="([^"]+)"', by_number.text) == ["2.1 任务011"]
    assert len(re.findall(r'role="option"', everything.text)) == 20  # limited
    assert 'data-testid="no-task"' in no_milestone.text


def test_the_lookup_is_scoped_to_the_workspace(client, world: World, uow):
    project = direct_project(client, world)["id"]
    _plan(uow, world, project, 3)
    sign_in(client, "owner@other.example")

    refused = client.get(f"/projects/{project}/plan/tasks/lookup?q=任务", headers=HTMX)

    assert refused.status_code == 404
    assert "任务001" not in refused.text


def test_the_plan_tab_sends_as_many_queries_for_5_tasks_as_for_120(
    client, world: World, uow, count_queries
):
    small = direct_project(client, world)["id"]
    large = direct_project(client, world, name="网络改造")["id"]
    _plan(uow, world, small, 5, owned_from=0)
    _plan(uow, world, large, 120)
    sign_in(client, "owner@acme.example")
    client.get(f"/projects/{small}?tab=plan")  # warm the session's caches alike

    with count_queries() as few:
        assert client.get(f"/projects/{small}?tab=plan").status_code == 200
    with count_queries() as many:
        assert client.get(f"/projects/{large}?tab=plan&page=2").status_code == 200

    assert few.count == many.count == 29
