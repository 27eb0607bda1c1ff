"""The stakeholder register through the API: the grid quadrant, the last contact, and what is
refused."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_activity
from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts

EN = {"Accept-Language": "en"}


def _add(client, world: World, project_id: int, **fields):
    body = {"contact_id": world.wang, "project_role": "purchasing", "power": 4, "interest": 2}
    return client.post(
        f"/api/v1/projects/{project_id}/stakeholders",
        json=body | fields,
        headers=bearer(world.token) | EN,
    )


@pytest.mark.parametrize(
    ("power", "interest", "quadrant"),
    [
        (5, 5, "manage_closely"),
        (3, 3, "manage_closely"),
        (4, 2, "keep_satisfied"),
        (2, 4, "keep_informed"),
        (1, 2, "monitor"),
    ],
)
def test_power_and_interest_place_the_person_on_the_grid(
    client, world: World, power, interest, quadrant
):
    project = direct_project(client, world)
    added = _add(client, world, project["id"], power=power, interest=interest)
    assert (added.status_code, added.json()["quadrant"]) == (201, quadrant)


def test_a_stakeholder_carries_stakes_plan_and_last_contact(client, world: World):
    project = direct_project(client, world)
    new_activity(client, world.token, world.account_id, participant_contact_ids=[world.wang])

    added = _add(
        client,
        world,
        project["id"],
        stakes=["pays", "affected"],
        expectations="按时交付，发票合规",
        channel="email",
        frequency="monthly",
        our_owner_id=world.team.sales.user_id,
        is_approver=True,
    ).json()

    assert (added["contact_name"], added["stakes"], added["our_owner_name"]) == (
        "王芳",
        ["pays", "affected"],
        "李四",
    )
    assert (added["channel"], added["frequency"], added["is_approver"]) == (
        "email",
        "monthly",
        True,
    )
    assert added["last_contact_at"][:19] == "2026-03-02T02:00:00"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"power": 6}, "power", "Power is from 1 to 5."),
        ({"interest": 0}, "interest", "Interest is from 1 to 5."),
        ({"stakes": ["pays", "pays"]}, "stakes", "Each stake may be given once."),
    ],
)
def test_bad_input_is_a_422_and_nothing_is_written(
    client, world: World, uow, fields, field, message
):
    project = direct_project(client, world)
    before = row_counts(uow)

    refused = _add(client, world, project["id"], **fields)

    assert refused.status_code == 422
    assert [(e["field"], e["message"]) for e in refused.json()["errors"]] == [(field, message)]
    assert row_counts(uow) == before


def test_a_person_of_another_account_is_refused(client, world: World, uow):
    project = direct_project(client, world)
    before = row_counts(uow)

    refused = _add(client, world, project["id"], contact_id=world.other_account_contact)

    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "contact_id",
            "message": "Choose a contact of the project's account.",
            "type": "value_error",
        }
    ]
    assert row_counts(uow) == before


def test_the_same_person_is_registered_once(client, world: World):
    project = direct_project(client, world)
    _add(client, world, project["id"])
    again = _add(client, world, project["id"])
    assert again.json()["errors"] == [
        {
            "field": "contact_id",
            "message": "This person is already in the stakeholder register.",
            "type": "unique",
        }
    ]


def test_changing_power_moves_the_quadrant(client, world: World):
    project = direct_project(client, world)
    response = _add(client, world, project["id"])
    added = response.json()
    changed = client.patch(
        f"/api/v1/projects/{project['id']}/stakeholders/{added['id']}",
        json={"interest": 5},
        headers=bearer(world.token) | {"If-Match": response.headers["ETag"]},
    ).json()
    assert (changed["interest"], changed["quadrant"]) == (5, "manage_closely")
