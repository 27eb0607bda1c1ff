"""The project team and the workload across projects through the API."""

from __future__ import annotations

from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts

EN = {"Accept-Language": "en", "Content-Type": "application/json"}


def test_a_member_gets_the_roles_default_responsibilities_until_edited(client, world: World):
    project = direct_project(client, world)
    path = f"/api/v1/projects/{project['id']}/team"

    added = client.post(
        path,
        json={"user_id": world.team.sales.user_id, "role": "technical", "allocation": 40},
        headers=bearer(world.token),
    )
    assert added.status_code == 201
    member = added.json()
    assert (member["user_name"], member["role"], member["allocation"]) == ("李四", "technical", 40)
    assert member["responsibilities"] == "方案、需求分析、实施及技术问题。"

    edited = client.patch(
        f"{path}/{member['id']}",
        json={"responsibilities": "接口联调"},
        headers=bearer(world.token) | {"If-Match": added.headers["ETag"]},
    ).json()
    assert edited["responsibilities"] == "接口联调"


def test_an_allocation_outside_0_to_100_is_refused_and_nothing_written(client, world: World, uow):
    project = direct_project(client, world)
    before = row_counts(uow)

    response = client.post(
        f"/api/v1/projects/{project['id']}/team",
        json={"user_id": world.team.sales.user_id, "role": "sales", "allocation": 120},
        headers=bearer(world.token) | EN,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "allocation",
            "message": "Allocation is a percentage from 0 to 100.",
            "type": "value_error",
        }
    ]
    assert row_counts(uow) == before


def test_the_workload_sums_allocations_per_week_and_flags_over_100(client, world: World):
    # given 李四 at 60 % on one project all of December and 50 % on another from 14 December
    first = direct_project(client, world, start_on="2026-12-01", end_on="2026-12-31")
    second = direct_project(client, world, name="二号", start_on="2026-12-14")
    sales = world.team.sales.user_id
    for project, allocation, role in ((first, 60, "technical"), (second, 50, "sales")):
        client.post(
            f"/api/v1/projects/{project['id']}/team",
            json={"user_id": sales, "role": role, "allocation": allocation},
            headers=bearer(world.token),
        )

    # when the workload of four weeks from 7 December is read
    workload = client.get(
        "/api/v1/projects/workload?start=2026-12-09&weeks=4", headers=bearer(world.token)
    ).json()

    # then the weeks start on Mondays and 李四 is over 100 % from the week of 14 December
    assert workload["weeks"] == ["2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"]
    (row,) = workload["rows"]
    assert (row["user_name"], row["weeks"], row["overloaded"]) == (
        "李四",
        [60, 110, 110, 110],
        [False, True, True, True],
    )
    # and by role, only the sales allocation counts
    by_role = client.get(
        "/api/v1/projects/workload?start=2026-12-09&weeks=4&role=sales",
        headers=bearer(world.token),
    ).json()
    assert [r["weeks"] for r in by_role["rows"]] == [[0, 50, 50, 50]]


def test_another_workspace_does_not_see_the_workload(client, world: World):
    project = direct_project(client, world, start_on="2026-12-01")
    client.post(
        f"/api/v1/projects/{project['id']}/team",
        json={"user_id": world.team.sales.user_id, "role": "sales", "allocation": 30},
        headers=bearer(world.token),
    )
    workload = client.get(
        "/api/v1/projects/workload?start=2026-12-07", headers=bearer(world.team.tokens["stranger"])
    ).json()
    assert workload["rows"] == []
