"""A project's risks through the API: score and source, the owner's review reminder, bad
input (probability and impact outside 1–5), If-Match, roles, another workspace, and no change
once the project is archived."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts
from tests.projects.risks.steps import EN, add_risk, archive, open_reminders


def test_a_risk_has_its_score_and_source_and_reminds_its_owner_on_the_review_date(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    owner = world.team.admin.user_id

    added = add_risk(
        client,
        world,
        pid,
        response="mitigate",
        actions="提前两周与客户确认机房进度",
        owner_id=owner,
        trigger="机房验收推迟",
        review_on="2027-01-15",
    )
    low = add_risk(client, world, pid, description="核心工程师离职", category="staff_turnover",
                   probability=1, impact=2)  # fmt: skip

    assert added.status_code == 201, added.text
    assert added.headers["ETag"] == '"v1"'
    body = added.json()
    assert (body["score"], body["source"], body["status"], body["response"]) == (
        12,
        "external",
        "open",
        "mitigate",
    )
    assert (body["project_id"], body["opportunity_id"], body["owner_id"]) == (pid, None, owner)
    assert low.json()["source"] == "internal"
    listed = client.get(f"/api/v1/projects/{pid}/risks", headers=bearer(world.token)).json()
    assert [r["score"] for r in listed] == [12, 2]
    [(source, user, due, title, link)] = open_reminders(uow, "project_risk")
    assert (source, user, link) == (body["id"], owner, f"/projects/{pid}?tab=risks")
    assert due == datetime.combine(date(2027, 1, 15), time(9), tzinfo=ZoneInfo("Asia/Shanghai"))
    assert title.startswith("风险复核：客户机房改造延期")


def test_closing_a_risk_removes_its_reminder_and_moving_the_date_moves_it(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    risk = add_risk(
        client, world, pid, owner_id=world.team.admin.user_id, review_on="2027-01-15"
    ).json()
    path = f"/api/v1/projects/{pid}/risks/{risk['id']}"

    moved = client.patch(
        path, json={"review_on": "2027-02-01"}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    assert moved.status_code == 200, moved.text
    [(_, _, due, _, _)] = open_reminders(uow, "project_risk")
    assert due.date() == date(2027, 2, 1)

    closed = client.patch(
        path, json={"status": "closed"}, headers=bearer(world.token) | {"If-Match": '"v2"'}
    )
    assert closed.json()["status"] == "closed"
    assert open_reminders(uow, "project_risk") == []


def test_probability_and_impact_outside_one_to_five_are_refused_and_nothing_written(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    risk = add_risk(client, world, pid).json()
    before = row_counts(uow)

    answers = [
        add_risk(client, world, pid, probability=0),
        add_risk(client, world, pid, impact=6),
        add_risk(client, world, pid, probability="high"),
        add_risk(client, world, pid, description="", category="weather"),
        add_risk(client, world, pid, owner_id=world.team.stranger.user_id),
        client.patch(
            f"/api/v1/projects/{pid}/risks/{risk['id']}",
            json={"impact": 9},
            headers=bearer(world.token) | EN | {"If-Match": '"v1"'},
        ),
        client.patch(
            f"/api/v1/projects/{pid}/risks/{risk['id']}",
            json={"probability": None},
            headers=bearer(world.token) | EN | {"If-Match": '"v1"'},
        ),
    ]

    assert [a.status_code for a in answers] == [422] * 7
    fields = [sorted(e["field"] for e in a.json()["errors"]) for a in answers]
    assert fields == [
        ["probability"],
        ["impact"],
        ["probability"],
        ["category", "description"],
        ["owner_id"],
        ["impact"],
        ["probability"],
    ]
    assert answers[4].json()["errors"][0]["message"] == "Choose an active user of this workspace."
    assert row_counts(uow) == before


def test_a_stale_if_match_is_412_another_workspace_404_and_a_viewer_403(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    risk = add_risk(client, world, pid).json()
    path = f"/api/v1/projects/{pid}/risks/{risk['id']}"
    client.patch(path, json={"impact": 5}, headers=bearer(world.token) | {"If-Match": '"v1"'})
    before = row_counts(uow)

    stale = client.patch(
        path, json={"impact": 2}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    missing = client.patch(path, json={"impact": 2}, headers=bearer(world.token))
    stranger = bearer(world.team.tokens["stranger"]) | {"If-Match": '"v2"'}
    foreign = client.patch(path, json={"impact": 2}, headers=stranger)
    foreign_list = client.get(f"/api/v1/projects/{pid}/risks", headers=stranger)
    viewer = bearer(world.team.tokens["viewer"])
    refused = add_risk(client, world, pid, token=world.team.tokens["viewer"])
    refused_delete = client.delete(path, headers=viewer | {"If-Match": '"v2"'})

    assert (stale.status_code, missing.status_code) == (412, 428)
    assert (foreign.status_code, foreign_list.status_code) == (404, 404)
    assert (refused.status_code, refused_delete.status_code) == (403, 403)
    assert row_counts(uow) == before
    assert client.get(f"/api/v1/projects/{pid}/risks", headers=viewer).json()[0]["impact"] == 5
    removed = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'})
    assert removed.status_code == 204
    assert client.get(f"/api/v1/projects/{pid}/risks", headers=viewer).json() == []


def test_an_archived_project_refuses_every_risk_write_and_writes_nothing(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    risk = add_risk(client, world, pid).json()
    archive(client, world, pid)
    path = f"/api/v1/projects/{pid}/risks/{risk['id']}"
    before = row_counts(uow)

    answers = [
        add_risk(client, world, pid),
        client.patch(
            path, json={"impact": 1}, headers=bearer(world.token) | EN | {"If-Match": '"v1"'}
        ),
        client.delete(path, headers=bearer(world.token) | EN | {"If-Match": '"v1"'}),
    ]

    assert [a.status_code for a in answers] == [409, 409, 409]
    assert answers[0].json()["detail"] == "This project is archived and can no longer be changed."
    assert row_counts(uow) == before


def test_the_project_heat_map_counts_open_risks_per_cell_and_lists_a_cell(client, world: World):
    pid = direct_project(client, world)["id"]
    add_risk(client, world, pid, probability=4, impact=5, description="政策调整")
    add_risk(client, world, pid, probability=4, impact=5, description="竞品降价")
    add_risk(client, world, pid, probability=2, impact=3, description="供应商交货慢")
    add_risk(
        client, world, pid, probability=4, impact=5, description="已过去的风险", status="closed"
    )

    grid = client.get(f"/api/v1/projects/{pid}/risk-map", headers=bearer(world.token)).json()
    cell = client.get(
        f"/api/v1/projects/{pid}/risks?probability=4&impact=5", headers=bearer(world.token)
    ).json()
    bad = client.get(f"/api/v1/projects/{pid}/risks?probability=7", headers=bearer(world.token))

    assert grid["open_count"] == 3
    assert len(grid["cells"]) == 25
    assert grid["cells"][0] == {"probability": 5, "impact": 1, "score": 5, "count": 0}
    assert grid["cells"][-1] == {"probability": 1, "impact": 5, "score": 5, "count": 0}
    counted = {(c["probability"], c["impact"]): c["count"] for c in grid["cells"] if c["count"]}
    assert counted == {(4, 5): 2, (2, 3): 1}
    assert sorted(r["description"] for r in cell) == ["政策调整", "竞品降价"]
    assert bad.status_code == 422
