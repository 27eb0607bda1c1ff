"""Steps of the progress report tests: a project with a plan the customer approved and a
milestone that slipped since, a change approved with its cost Δ, and the report calls."""

from __future__ import annotations

from typing import Any

from tests.accounts.builders import create
from tests.factories import bearer
from tests.projects.builders import World, approved_plan, direct_project, signed_requirements
from tests.projects.risks.steps import EN

REPORTS = "/api/v1/projects/{pid}/reports"


def report_path(pid: int, rid: int | None = None) -> str:
    base = REPORTS.format(pid=pid)
    return base if rid is None else f"{base}/{rid}"


def add_report(client, world: World, pid: int, token: str | None = None, **body: Any):
    return client.post(report_path(pid), json=body, headers=bearer(token or world.token) | EN)


def issue(client, world: World, pid: int, rid: int, version: int = 1, token: str | None = None):
    return client.post(
        f"{report_path(pid, rid)}/issue",
        headers=bearer(token or world.token) | EN | {"If-Match": f'"v{version}"'},
    )


def planned_project(client, world: World) -> dict[str, Any]:
    """An active project of 华为 whose plan (a milestone 系统上线 on Friday 2027-01-29 and a
    task) the customer approved, the milestone moved since to Friday 2027-02-05: five working
    days late."""
    project = direct_project(client, world, budget_amount="500000", start_on="2027-01-04")
    pid = project["id"]
    signed_requirements(client, world, pid)
    milestone = create(
        client, world.token, f"/api/v1/projects/{pid}/tasks",
        name="系统上线", start_on="2027-01-29", end_on="2027-01-29", is_milestone=True,
    )  # fmt: skip
    approved_plan(client, world, pid)
    moved = client.patch(
        f"/api/v1/projects/{pid}/tasks/{milestone['id']}",
        json={"start_on": "2027-02-05", "end_on": "2027-02-05"},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert moved.status_code == 200, moved.text
    return project


def section(report: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in report["content"]["sections"] if s["key"] == key)
