"""The customer's constraints through the API."""

from __future__ import annotations

from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts

EN = {"Accept-Language": "en"}


def _stakeholder(client, world: World, project_id: int) -> int:
    response = client.post(
        f"/api/v1/projects/{project_id}/stakeholders",
        json={"contact_id": world.zhang, "project_role": "management", "power": 5, "interest": 4},
        headers=bearer(world.token),
    )
    return int(response.json()["id"])


def test_constraints_are_listed_hard_ones_first_with_their_source(client, world: World):
    project = direct_project(client, world)
    cio = _stakeholder(client, world, project["id"])
    path = f"/api/v1/projects/{project['id']}/constraints"
    for body in (
        {"kind": "technology", "statement": "优先国产数据库", "is_hard": False},
        {
            "kind": "budget_ceiling",
            "statement": "总价不超过一百万",
            "amount": "1000000",
            "source_stakeholder_id": cio,
        },
        {"kind": "deadline", "statement": "春节前上线", "due_on": "2027-02-05"},
    ):
        assert client.post(path, json=body, headers=bearer(world.token)).status_code == 201

    listed = client.get(path, headers=bearer(world.token)).json()

    assert [(c["kind"], c["is_hard"], c["source_name"]) for c in listed] == [
        ("budget_ceiling", True, "张伟"),
        ("deadline", True, None),
        ("technology", False, None),
    ]


def test_a_budget_ceiling_needs_an_amount_and_a_deadline_a_date(client, world: World, uow):
    project = direct_project(client, world)
    before = row_counts(uow)
    path = f"/api/v1/projects/{project['id']}/constraints"

    ceiling = client.post(
        path, json={"kind": "budget_ceiling", "statement": "上限"}, headers=bearer(world.token) | EN
    )
    deadline = client.post(
        path, json={"kind": "deadline", "statement": "上线"}, headers=bearer(world.token) | EN
    )

    assert ceiling.json()["errors"] == [
        {"field": "amount", "message": "A budget ceiling needs its amount.", "type": "missing"}
    ]
    assert deadline.json()["errors"] == [
        {"field": "due_on", "message": "A deadline needs its date.", "type": "missing"}
    ]
    assert row_counts(uow) == before


def test_the_source_is_a_stakeholder_of_the_same_project(client, world: World, uow):
    elsewhere = direct_project(client, world, name="别的项目")
    theirs = _stakeholder(client, world, elsewhere["id"])
    project = direct_project(client, world)
    before = row_counts(uow)

    refused = client.post(
        f"/api/v1/projects/{project['id']}/constraints",
        json={"kind": "other", "statement": "驻场", "source_stakeholder_id": theirs},
        headers=bearer(world.token) | EN,
    )

    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "source_stakeholder_id",
            "message": "Choose a stakeholder of this project.",
            "type": "value_error",
        }
    ]
    assert row_counts(uow) == before
