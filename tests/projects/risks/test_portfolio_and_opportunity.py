"""The cross-project risk map (filters by project status and manager, one cell's risks with
their project, another workspace never counted) and the risks of an opportunity before its
project exists, which move to the project at the conversion."""

from __future__ import annotations

from tests.factories import bearer, current
from tests.projects.builders import World, convert, direct_project, row_counts
from tests.projects.risks.steps import EN, RISK, add_risk, open_reminders


def _activate(client, world: World, pid: int) -> None:
    path = f"/api/v1/projects/{pid}"
    moved = client.post(
        f"{path}/status",
        json={"status": "active"},
        headers=current(client, path, bearer(world.token)),
    )
    assert moved.status_code == 200, moved.text


def test_the_cross_project_map_counts_open_risks_of_the_filtered_projects(client, world: World):
    managed = direct_project(client, world, name="园区安防", manager_id=world.team.admin.user_id)
    other = direct_project(client, world, name="网络改造")
    _activate(client, world, managed["id"])
    add_risk(client, world, managed["id"], probability=5, impact=5, description="甲方预算冻结")
    add_risk(client, world, managed["id"], probability=2, impact=2, description="人员不足")
    add_risk(client, world, other["id"], probability=5, impact=5, description="交期过紧")
    h = bearer(world.token)

    every = client.get("/api/v1/risk-map", headers=h).json()
    active = client.get("/api/v1/risk-map?status=active", headers=h).json()
    drafts = client.get("/api/v1/risk-map?status=draft", headers=h).json()
    by_manager = client.get(f"/api/v1/risk-map?manager_id={world.team.admin.user_id}", headers=h)
    cell = client.get("/api/v1/risk-map/cell?probability=5&impact=5", headers=h).json()
    stranger = client.get("/api/v1/risk-map", headers=bearer(world.team.tokens["stranger"]))
    bad = client.get("/api/v1/risk-map?status=lost", headers=h)
    no_cell = client.get("/api/v1/risk-map/cell?probability=5", headers=h)

    def counted(grid: dict) -> dict:
        return {(c["probability"], c["impact"]): c["count"] for c in grid["cells"] if c["count"]}

    assert counted(every) == {(5, 5): 2, (2, 2): 1}
    assert counted(active) == {(5, 5): 1, (2, 2): 1}
    assert counted(drafts) == {(5, 5): 1}
    assert by_manager.json()["open_count"] == 2
    assert [(r["project_code"], r["description"]) for r in cell] == [
        (managed["code"], "甲方预算冻结"),
        (other["code"], "交期过紧"),
    ]
    assert stranger.json()["open_count"] == 0
    assert bad.status_code == 422
    assert [e["field"] for e in no_cell.json()["errors"]] == ["impact"]


def test_an_opportunitys_open_risks_move_to_its_project_at_the_conversion(
    client, world: World, uow
):
    h = bearer(world.token) | EN
    path = f"/api/v1/opportunities/{world.opportunity_id}/risks"
    kept = client.post(
        path,
        json=RISK | {"owner_id": world.team.admin.user_id, "review_on": "2027-03-01"},
        headers=h,
    )
    passed_risk = {"description": "投标截止前政策变化", "category": "policy", "status": "closed"}
    passed = client.post(path, json=RISK | passed_risk, headers=h)
    assert (kept.status_code, passed.status_code) == (201, 201), kept.text
    assert kept.json()["project_id"] is None
    [(_, _, _, _, link)] = open_reminders(uow, "project_risk")
    assert link == f"/opportunities/{world.opportunity_id}/risks"

    project = convert(client, world)

    moved = client.get(f"/api/v1/projects/{project['id']}/risks", headers=h).json()
    assert [(r["id"], r["opportunity_id"]) for r in moved] == [
        (kept.json()["id"], world.opportunity_id)
    ]
    on_opportunity = client.get(path, headers=h).json()
    assert {(r["description"], r["project_id"]) for r in on_opportunity} == {
        (RISK["description"], project["id"]),
        ("投标截止前政策变化", None),
    }
    [(_, _, _, _, link)] = open_reminders(uow, "project_risk")
    assert link == f"/projects/{project['id']}?tab=risks"

    # from now on risks are the project's: the opportunity refuses new ones and changes
    before = row_counts(uow)
    late = client.post(path, json=RISK, headers=h)
    moved_edit = client.patch(
        f"{path}/{kept.json()['id']}", json={"impact": 1}, headers=h | {"If-Match": '"v1"'}
    )
    assert (late.status_code, moved_edit.status_code) == (409, 409)
    assert late.json()["detail"] == (
        "This opportunity has become a project: record and change its risks there."
    )
    assert row_counts(uow) == before


def test_opportunity_risks_follow_the_opportunity_rights_and_bad_input(client, world: World, uow):
    path = f"/api/v1/opportunities/{world.opportunity_id}/risks"
    risk = client.post(path, json=RISK, headers=bearer(world.token)).json()
    before = row_counts(uow)

    viewer = client.post(path, json=RISK, headers=bearer(world.team.tokens["viewer"]))
    foreign = client.get(path, headers=bearer(world.team.tokens["stranger"]))
    outside = client.post(path, json=RISK | {"probability": 6}, headers=bearer(world.token))
    stale = client.patch(
        f"{path}/{risk['id']}",
        json={"impact": 1},
        headers=bearer(world.token) | {"If-Match": '"v9"'},
    )

    assert (viewer.status_code, foreign.status_code, outside.status_code) == (403, 404, 422)
    assert stale.status_code == 412
    assert row_counts(uow) == before
    removed = client.delete(
        f"{path}/{risk['id']}", headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    assert removed.status_code == 204
