"""The monthly job: on the 1st, last month's draft for each active project that has none, a
reminder to its manager, nothing twice and nothing on other days."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.projects.area import AREA
from pcrm.projects.reports import service
from pcrm.projects.reports.models import ProjectReport
from tests.factories import bearer, current
from tests.projects.builders import World, direct_project
from tests.projects.reports.steps import add_report
from tests.projects.risks.steps import open_reminders


def _start(client, world: World, pid: int) -> None:
    path = f"/api/v1/projects/{pid}"
    moved = client.post(
        f"{path}/status",
        json={"status": "active"},
        headers=current(client, path, bearer(world.token)),
    )
    assert moved.status_code == 200, moved.text


def _reports(uow) -> list[tuple[int, str, date, date, str]]:
    with uow() as db:
        query = select(ProjectReport).order_by(ProjectReport.id).execution_options(**GLOBAL)
        return [
            (r.project_id, r.kind.value, r.period_start, r.period_end, r.status.value)
            for r in db.scalars(query)
        ]


def test_the_job_is_declared_on_the_projects_area():
    [job] = [j for j in AREA.jobs if j.kind == "projects.monthly_reports"]
    assert (job.handler, job.every) == (service.monthly_reports_job, timedelta(hours=1))


def test_on_the_first_each_active_project_gets_last_months_draft_once(client, world: World, uow):
    manager = world.team.admin.user_id
    managed = direct_project(client, world, name="园区一期", manager_id=manager)["id"]
    unmanaged = direct_project(client, world, name="园区二期")["id"]
    drafted_by_hand = direct_project(client, world, name="园区三期")["id"]
    direct_project(client, world, name="尚在筹备")  # a draft project: no report
    for pid in (managed, unmanaged, drafted_by_hand):
        _start(client, world, pid)
    add_report(
        client, world, drafted_by_hand, kind="on_demand",
        period_start="2026-12-01", period_end="2026-12-31",
    )  # fmt: skip

    with uow() as db:
        first = service.draft_monthly_reports(db, date(2027, 1, 1))
    with uow() as db:
        again = service.draft_monthly_reports(db, date(2027, 1, 1))
        other_day = service.draft_monthly_reports(db, date(2027, 1, 2))

    assert (first, again, other_day) == (2, 0, 0)
    december = (date(2026, 12, 1), date(2026, 12, 31))
    assert sorted(_reports(uow)) == sorted(
        [
            (drafted_by_hand, "on_demand", *december, "draft"),
            (managed, "monthly", *december, "draft"),
            (unmanaged, "monthly", *december, "draft"),
        ]
    )
    [(report_id, user, _due, title, link)] = open_reminders(uow, "project_report")
    assert user == manager
    assert title.startswith("项目进度报告待完成并发布：PRJ-")
    assert title.endswith("园区一期，2026-12")
    assert link == f"/projects/{managed}/reports/{report_id}"

    issued = client.post(
        f"/api/v1/projects/{managed}/reports/{report_id}/issue",
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert issued.status_code == 200, issued.text
    assert open_reminders(uow, "project_report") == []
