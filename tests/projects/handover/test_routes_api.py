"""Converting a won opportunity to a project through the API: one step brings the account,
budget, team, stakeholders and documents; a second conversion is a 409 naming the project."""

from __future__ import annotations

from decimal import Decimal

from tests.factories import bearer
from tests.projects.builders import World, convert, row_counts


def test_a_won_opportunity_becomes_a_project_in_one_step(client, world: World):
    # when the won opportunity is converted
    project = convert(client, world)

    # then the project starts in draft, needs identification, with the awarded amount as budget
    assert (project["name"], project["code"], project["status"], project["phase"]) == (
        "智慧园区一期",
        f"PRJ-{project['created_at'][:4]}-001",
        "draft",
        "needs",
    )
    assert (project["account_id"], project["opportunity_id"]) == (
        world.account_id,
        world.opportunity_id,
    )
    assert Decimal(project["budget_amount"]) == Decimal("950000")
    # the delivery lead manages it
    assert project["manager_id"] == world.team.admin.user_id
    # our team comes across with roles and default allocations
    team = client.get(f"/api/v1/projects/{project['id']}/team", headers=bearer(world.token)).json()
    assert [(m["user_id"], m["role"], m["allocation"]) for m in team] == [
        (world.team.owner.user_id, "sales", 20),
        (world.team.admin.user_id, "pm", 50),
    ]
    assert team[0]["responsibilities"] == "日常联络客户、汇报进度、处理商务问题。"
    # the decision chain is the first stakeholder register
    register = client.get(
        f"/api/v1/projects/{project['id']}/stakeholders", headers=bearer(world.token)
    ).json()
    assert [
        (
            s["contact_id"],
            s["project_role"],
            s["stakes"],
            s["power"],
            s["interest"],
            s["quadrant"],
            s["is_approver"],
        )
        for s in register
    ] == [
        (world.zhang, "management", ["decides"], 5, 4, "manage_closely", True),
        (world.li, "user", ["uses", "affected"], 2, 5, "keep_informed", False),
    ]


def test_a_second_conversion_is_refused_with_the_projects_link(client, world: World, uow):
    project = convert(client, world)
    before = row_counts(uow)

    response = client.post(
        f"/api/v1/projects/from-opportunity/{world.opportunity_id}",
        headers=bearer(world.token) | {"Accept-Language": "en"},
    )

    assert response.status_code == 409
    body = response.json()
    assert (body["detail"], body["project_id"], body["project_url"]) == (
        "This opportunity has already been converted to a project.",
        project["id"],
        f"/api/v1/projects/{project['id']}",
    )
    assert row_counts(uow) == before


def test_an_open_opportunity_is_not_converted(client, world: World, uow):
    from tests.opportunities.builders import opportunity

    open_one = opportunity(client, world.token, world.account_id, name="二期")["id"]
    before = row_counts(uow)

    response = client.post(
        f"/api/v1/projects/from-opportunity/{open_one}",
        headers=bearer(world.token) | {"Accept-Language": "zh-CN"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "opportunity_id",
            "message": "只有赢单的商机才能移交交付。",
            "type": "value_error",
        }
    ]
    assert row_counts(uow) == before


def test_another_workspaces_opportunity_is_not_found(client, world: World, uow):
    before = row_counts(uow)
    response = client.post(
        f"/api/v1/projects/from-opportunity/{world.opportunity_id}",
        headers=bearer(world.team.tokens["stranger"]),
    )
    assert response.status_code == 404
    assert row_counts(uow) == before
