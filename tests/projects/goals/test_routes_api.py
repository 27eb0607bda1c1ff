"""SMART goals through the API: the letters each goal misses, the confirmation of
achievability, satisfaction goals left to the loyalty area, bad input, If-Match."""

from __future__ import annotations

from sqlalchemy import select

from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts

EN = {"Accept-Language": "en"}


def _stakeholder(client, world: World, project_id: int, contact_id: int) -> int:
    response = client.post(
        f"/api/v1/projects/{project_id}/stakeholders",
        json={"contact_id": contact_id, "project_role": "user", "power": 2, "interest": 5},
        headers=bearer(world.token),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _requirement(client, world: World, project_id: int) -> int:
    response = client.post(
        f"/api/v1/projects/{project_id}/requirements",
        json={"title": "门禁统一认证", "kano": "basic"},
        headers=bearer(world.token),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _add(client, world: World, project_id: int, **body):
    return client.post(
        f"/api/v1/projects/{project_id}/goals", json=body, headers=bearer(world.token) | EN
    )


def test_a_goal_lists_the_smart_letters_it_misses_until_complete(client, world: World, uow):
    project = direct_project(client, world)
    pid = project["id"]
    requirement = _requirement(client, world, pid)

    bare = _add(client, world, pid, statement="提升园区通行效率")
    assert bare.status_code == 201
    assert bare.headers["ETag"] == '"v1"'
    assert bare.json()["missing"] == ["S", "M", "A", "R", "T"]

    full = _add(
        client,
        world,
        pid,
        statement="高峰期通行不排队",
        metric="高峰期平均通行时长",
        target_value="3.5",
        unit="秒",
        current_value="8",
        deadline="2027-06-30",
        owner_id=world.team.owner.user_id,
        requirement_id=requirement,
    ).json()
    assert full["missing"] == ["A"]
    assert (full["owner_name"], full["requirement_label"]) == ("王总", "R-001 门禁统一认证")
    assert (full["target_value"], full["current_value"]) == ("3.5", "8")

    confirmed = client.put(
        f"/api/v1/projects/{pid}/goals/{full['id']}/achievable",
        json={"confirmed": True},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert confirmed.status_code == 200
    body = confirmed.json()
    assert body["missing"] == []
    assert (body["achievable_confirmed_by_id"], body["achievable_confirmed_by_name"]) == (
        world.team.owner.user_id,
        "王总",
    )
    listed = client.get(f"/api/v1/projects/{pid}/goals", headers=bearer(world.token)).json()
    assert [(g["statement"], g["missing"]) for g in listed] == [
        ("高峰期通行不排队", []),
        ("提升园区通行效率", ["S", "M", "A", "R", "T"]),
    ]
    with uow() as db:
        audited = db.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity_type == "project_goal", AuditEntry.entity_id == full["id"])
            .order_by(AuditEntry.id)
            .execution_options(**GLOBAL)
        ).all()
    assert audited == ["create", "update"]


def test_changing_what_is_measured_withdraws_the_confirmation(client, world: World):
    pid = direct_project(client, world)["id"]
    stakeholder = _stakeholder(client, world, pid, world.li)
    goal = _add(
        client,
        world,
        pid,
        statement="报表准时推送",
        metric="准时率",
        target_value="95",
        unit="%",
        deadline="2027-03-31",
        owner_id=world.team.owner.user_id,
        stakeholder_id=stakeholder,
    ).json()
    path = f"/api/v1/projects/{pid}/goals/{goal['id']}"
    client.put(f"{path}/achievable", json={}, headers=bearer(world.token) | {"If-Match": '"v1"'})

    renamed = client.patch(
        path, json={"statement": "日报准时推送"}, headers=bearer(world.token) | {"If-Match": '"v2"'}
    ).json()
    raised = client.patch(
        path, json={"target_value": "99"}, headers=bearer(world.token) | {"If-Match": '"v3"'}
    ).json()

    assert (renamed["missing"], renamed["achievable_confirmed_by_id"]) == (
        [],
        world.team.owner.user_id,
    )
    assert (raised["missing"], raised["achievable_confirmed_at"]) == (["A"], None)


def test_only_a_measurable_goal_with_a_deadline_can_be_confirmed(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    goal = _add(client, world, pid, statement="客户满意", metric="满意度").json()
    before = row_counts(uow)

    refused = client.put(
        f"/api/v1/projects/{pid}/goals/{goal['id']}/achievable",
        json={"confirmed": True},
        headers=bearer(world.token) | EN | {"If-Match": '"v1"'},
    )

    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "Give the goal a metric, a target and a deadline before confirming it.",
    )
    assert row_counts(uow) == before


def test_a_satisfaction_goal_leaves_its_current_value_to_the_loyalty_area(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    refused = _add(
        client,
        world,
        pid,
        kind="satisfaction",
        statement="客户满意度达到90分",
        metric="CSAT",
        target_value="90",
        current_value="88",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {
            "field": "current_value",
            "message": "The loyalty area fills a satisfaction goal's current value from surveys.",
            "type": "value_error",
        }
    ]
    assert row_counts(uow) == before

    accepted = _add(
        client, world, pid, kind="satisfaction", statement="客户满意度达到90分", target_value="90"
    ).json()
    assert (accepted["kind"], accepted["current_value"]) == ("satisfaction", None)
    switched = client.patch(
        f"/api/v1/projects/{pid}/goals/{accepted['id']}",
        json={"kind": "outcome", "current_value": "70"},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert switched.json()["current_value"] == "70"


def test_bad_links_and_values_are_refused_together_and_nothing_written(client, world: World, uow):
    other = direct_project(client, world, name="别的项目")["id"]
    theirs = _stakeholder(client, world, other, world.zhang)
    their_requirement = _requirement(client, world, other)
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    links = _add(
        client,
        world,
        pid,
        statement="目标",
        owner_id=world.team.stranger.user_id,
        requirement_id=their_requirement,
        stakeholder_id=theirs,
    )
    shape = _add(client, world, pid, statement="", target_value="1e20", deadline="2027-02-30")

    assert links.status_code == 422
    assert links.json()["errors"] == [
        {
            "field": "owner_id",
            "message": "Choose an active user of this workspace.",
            "type": "value_error",
        },
        {
            "field": "requirement_id",
            "message": "Choose a requirement of this project.",
            "type": "value_error",
        },
        {
            "field": "stakeholder_id",
            "message": "Choose a stakeholder of this project.",
            "type": "value_error",
        },
    ]
    assert shape.status_code == 422
    assert sorted(e["field"] for e in shape.json()["errors"]) == [
        "deadline",
        "statement",
        "target_value",
    ]
    assert row_counts(uow) == before


def test_a_stale_if_match_is_412_and_another_workspaces_goal_a_404(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    goal = _add(client, world, pid, statement="按期上线").json()
    path = f"/api/v1/projects/{pid}/goals/{goal['id']}"
    client.patch(path, json={"unit": "天"}, headers=bearer(world.token) | {"If-Match": '"v1"'})
    before = row_counts(uow)

    stale = client.patch(
        path, json={"unit": "周"}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    stale_delete = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v1"'})
    stranger = bearer(world.team.tokens["stranger"]) | {"If-Match": '"v2"'}
    foreign = client.patch(path, json={"unit": "周"}, headers=stranger)
    foreign_delete = client.delete(path, headers=stranger)

    assert (stale.status_code, stale_delete.status_code) == (412, 412)
    assert (foreign.status_code, foreign_delete.status_code) == (404, 404)
    assert row_counts(uow) == before
    removed = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'})
    assert removed.status_code == 204
    assert client.get(f"/api/v1/projects/{pid}/goals", headers=bearer(world.token)).json() == []


def test_a_viewer_reads_goals_but_cannot_add_one(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    _add(client, world, pid, statement="按期上线")
    viewer = bearer(world.team.tokens["viewer"])
    before = row_counts(uow)

    refused = client.post(f"/api/v1/projects/{pid}/goals", json={"statement": "x"}, headers=viewer)

    assert refused.status_code == 403
    assert row_counts(uow) == before
    listed = client.get(f"/api/v1/projects/{pid}/goals", headers=viewer).json()
    assert [g["statement"] for g in listed] == ["按期上线"]
