"""The plan tab: the task table, the critical path and the variance in both languages, a
refused task form with its inline message and nothing written, and the send form's warning
about a broken hard constraint."""

from __future__ import annotations

import pytest

from tests.factories import bearer, sign_in
from tests.opportunities.bids import by_testid, post_form
from tests.projects.builders import (
    World,
    approved_plan,
    direct_project,
    row_counts,
    signed_requirements,
)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("Gantt", "Critical path", "Schedule variance", "Approved by the customer")),
        ("zh_CN", ("甘特图", "关键路径", "进度偏差", "计划基线")),
    ],
)
def test_the_plan_tab_shows_the_tasks_and_the_approved_baseline(client, world: World, lang, words):
    project = direct_project(client, world)["id"]
    signed_requirements(client, world, project)
    approved_plan(client, world, project)
    sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", lang)

    page = client.get(f"/projects/{project}?tab=plan")

    assert page.status_code == 200
    for word in words:
        assert word in page.text
    assert by_testid(page.text, "critical-path") == ["实施方案编制"]


def test_a_task_ending_before_it_starts_is_refused_in_the_users_language(client, world: World, uow):
    project = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = row_counts(uow)

    refused = post_form(
        client,
        f"/projects/{project}/plan/tasks",
        csrf,
        {"task_form": "1", "name": "部署", "start_on": "2027-01-10", "end_on": "2027-01-09"},
    )

    assert refused.status_code == 422
    assert "结束日期早于开始日期。" in refused.text
    assert row_counts(uow) == before


def test_the_send_form_asks_a_reason_for_each_broken_hard_constraint(client, world: World, uow):
    project = direct_project(client, world)["id"]
    client.post(
        f"/api/v1/projects/{project}/tasks",
        json={"name": "上线", "start_on": "2027-03-01", "end_on": "2027-03-31"},
        headers=bearer(world.token),
    )
    deadline = client.post(
        f"/api/v1/projects/{project}/constraints",
        json={"kind": "deadline", "statement": "3月中旬上线", "due_on": "2027-03-15"},
        headers=bearer(world.token),
    ).json()["id"]
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "en")
    page = client.get(f"/projects/{project}?tab=plan").text
    before = row_counts(uow)

    silent = post_form(client, f"/projects/{project}/plan/baseline", csrf, {})
    assert silent.status_code == 422
    assert row_counts(uow) == before
    sent = post_form(
        client, f"/projects/{project}/plan/baseline", csrf, {f"reason-{deadline}": "客户同意"}
    )

    assert f'data-testid="breach-{deadline}"' in page
    assert "acknowledge each one with a reason" in silent.text
    assert sent.status_code == 303
    assert sent.headers["location"].endswith("?tab=plan&notice=plan-sent")


def test_a_decision_through_one_project_on_another_projects_plan_is_not_found(
    client, world: World, uow
):
    first = direct_project(client, world)["id"]
    other = direct_project(client, world, name="网络改造")["id"]
    signed_requirements(client, world, first)
    client.post(
        f"/api/v1/projects/{first}/tasks",
        json={"name": "实施方案编制", "start_on": "2027-01-04", "end_on": "2027-01-15"},
        headers=bearer(world.token),
    )
    sent = client.post(
        f"/api/v1/projects/{first}/baselines/plan", json={}, headers=bearer(world.token)
    ).json()
    register = client.get(
        f"/api/v1/projects/{first}/stakeholders", headers=bearer(world.token)
    ).json()
    csrf = sign_in(client, "owner@acme.example")
    before = row_counts(uow)

    crossed = post_form(
        client,
        f"/projects/{other}/plan/baselines/{sent['id']}/sign-off",
        csrf,
        {
            "stakeholder_id": str(next(s["id"] for s in register if s["is_approver"])),
            "baseline_number": str(sent["number"]),
            "decision": "approved",
        },
    )

    assert crossed.status_code == 404
    assert row_counts(uow) == before
