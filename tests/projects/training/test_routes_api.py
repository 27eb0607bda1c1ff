"""The customer's training through the API: needs, sessions with attendance and materials, the
review of the needs and the planning gate that asks for it."""

from __future__ import annotations

from tests.factories import bearer, current
from tests.projects.builders import (
    World,
    approved_plan,
    direct_project,
    row_counts,
    signed_requirements,
)

EN = {"Accept-Language": "en"}
PDF = ("讲义.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")


def _post(client, world: World, path: str, body: dict, token: str | None = None):
    headers = bearer(token or world.token) | EN
    if path.endswith("/phase"):  # an action on the project names the version it moves
        headers = current(client, path.removesuffix("/phase"), headers)
    return client.post(path, json=body, headers=headers)


def test_needs_say_who_needs_which_training_planned_or_done(client, world: World):
    pid = direct_project(client, world)["id"]
    path = f"/api/v1/projects/{pid}/training-needs"
    first = _post(client, world, path, {"contact_id": world.li, "topic": "门禁系统操作"})
    _post(
        client,
        world,
        path,
        {"contact_id": world.zhang, "topic": "运维管理", "planned_on": "2027-01-15"},
    )
    assert first.status_code == 201
    assert first.headers["ETag"] == '"v1"'

    done = client.patch(
        f"{path}/{first.json()['id']}",
        json={"status": "done"},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )

    assert done.json()["status"] == "done"
    listed = client.get(path, headers=bearer(world.token)).json()
    assert [(n["contact_name"], n["topic"], n["status"], n["planned_on"]) for n in listed] == [
        ("张伟", "运维管理", "planned", "2027-01-15"),
        ("李娜", "门禁系统操作", "done", None),
    ]


def test_a_need_or_attendee_outside_the_account_is_refused_and_nothing_written(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    need = _post(
        client,
        world,
        f"/api/v1/projects/{pid}/training-needs",
        {"contact_id": world.other_account_contact, "topic": "操作"},
    )
    session = _post(
        client,
        world,
        f"/api/v1/projects/{pid}/training-sessions",
        {
            "topic": "操作",
            "held_on": "2026-12-20",
            "trainer": "王工",
            "attendee_ids": [world.li, world.other_account_contact],
        },
    )
    twice = _post(
        client,
        world,
        f"/api/v1/projects/{pid}/training-sessions",
        {
            "topic": "操作",
            "held_on": "2026-12-20",
            "trainer": "王工",
            "attendee_ids": [world.li] * 2,
        },
    )
    blank = _post(client, world, f"/api/v1/projects/{pid}/training-sessions", {"topic": " "})

    assert need.json()["errors"] == [
        {
            "field": "contact_id",
            "message": "Choose a contact of the project's account.",
            "type": "value_error",
        }
    ]
    assert session.json()["errors"] == [
        {
            "field": "attendee_ids",
            "message": "Choose a contact of the project's account.",
            "type": "value_error",
        }
    ]
    assert twice.json()["errors"] == [
        {"field": "attendee_ids", "message": "Each person is invited once.", "type": "unique"}
    ]
    assert blank.status_code == 422
    assert sorted(e["field"] for e in blank.json()["errors"]) == ["held_on", "topic", "trainer"]
    assert row_counts(uow) == before


def test_a_session_records_attendance_and_keeps_its_materials(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    path = f"/api/v1/projects/{pid}/training-sessions"
    session = _post(
        client,
        world,
        path,
        {
            "topic": "门禁系统操作",
            "held_on": "2026-12-20",
            "trainer": "王工",
            "location": "园区会议室",
            "attendee_ids": [world.zhang, world.li],
        },
    ).json()
    assert [(a["contact_name"], a["attendance"]) for a in session["attendees"]] == [
        ("张伟", "invited"),
        ("李娜", "invited"),
    ]

    sheet = _post(
        client,
        world,
        f"{path}/{session['id']}/attendance",
        {
            "marks": [
                {"contact_id": world.zhang, "attendance": "absent"},
                {"contact_id": world.li, "attendance": "present"},
                {"contact_id": world.wang, "attendance": "present"},
            ]
        },
    )
    uploaded = client.post(
        f"{path}/{session['id']}/materials", files={"file": PDF}, headers=bearer(world.token)
    )
    bad = client.post(
        f"{path}/{session['id']}/materials",
        files={"file": ("讲义.pdf", b"not a pdf", "application/pdf")},
        headers=bearer(world.token) | EN,
    )

    assert sheet.status_code == 200
    assert [(a["contact_name"], a["attendance"]) for a in sheet.json()["attendees"]] == [
        ("张伟", "absent"),
        ("李娜", "present"),
        ("王芳", "present"),
    ]
    assert uploaded.status_code == 201
    material = uploaded.json()
    assert (material["filename"], material["size"]) == ("讲义.pdf", len(PDF[1]))
    assert bad.status_code == 422
    listed = client.get(path, headers=bearer(world.token)).json()
    assert [m["filename"] for m in listed[0]["materials"]] == ["讲义.pdf"]
    download = client.get(
        f"{path}/{session['id']}/materials/{material['id']}", headers=bearer(world.token)
    )
    assert (download.status_code, download.content) == (200, PDF[1])

    removed = client.delete(
        f"{path}/{session['id']}", headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    assert removed.status_code == 204
    assert client.get(path, headers=bearer(world.token)).json() == []
    gone = client.get(
        f"{path}/{session['id']}/materials/{material['id']}", headers=bearer(world.token)
    )
    assert gone.status_code == 404


def test_another_workspace_cannot_see_or_change_the_training(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    need = _post(
        client,
        world,
        f"/api/v1/projects/{pid}/training-needs",
        {"contact_id": world.li, "topic": "门禁系统操作"},
    ).json()
    stranger = world.team.tokens["stranger"]
    before = row_counts(uow)

    read = client.get(f"/api/v1/projects/{pid}/training-needs", headers=bearer(stranger))
    changed = client.patch(
        f"/api/v1/projects/{pid}/training-needs/{need['id']}",
        json={"status": "done"},
        headers=bearer(stranger) | {"If-Match": '"v1"'},
    )
    reviewed = _post(client, world, f"/api/v1/projects/{pid}/training-reviews", {}, stranger)

    assert (read.status_code, changed.status_code, reviewed.status_code) == (404, 404, 404)
    assert row_counts(uow) == before


def test_planning_exits_only_once_the_training_needs_are_reviewed(client, world: World, uow):
    # given a project in planning with one training need
    pid = direct_project(client, world)["id"]
    signed_requirements(client, world, pid)
    project = f"/api/v1/projects/{pid}"
    assert _post(client, world, f"{project}/phase", {}).json()["phase"] == "planning"
    approved_plan(client, world, pid)  # the plan's rules are the plan tests'
    _post(
        client,
        world,
        f"{project}/training-needs",
        {"contact_id": world.li, "topic": "门禁系统操作"},
    )
    before = row_counts(uow)

    # the gate is shut and says why
    gate = client.get(f"{project}/gate", headers=bearer(world.token) | EN).json()
    refused = _post(client, world, f"{project}/phase", {})
    assert gate == [
        {
            "code": "training_not_reviewed",
            "message": "The training needs have not been reviewed.",
        }
    ]
    assert refused.status_code == 409
    assert row_counts(uow) == before

    # once the review is recorded (who, when, how many needs), it opens
    review = _post(client, world, f"{project}/training-reviews", {"note": "与李娜逐项确认"})
    assert review.status_code == 201
    recorded = review.json()
    assert (recorded["reviewed_by_name"], recorded["needs_count"], recorded["note"]) == (
        "王总",
        1,
        "与李娜逐项确认",
    )
    assert client.get(f"{project}/gate", headers=bearer(world.token)).json() == []
    assert _post(client, world, f"{project}/phase", {}).json()["phase"] == "execution"
    reviews = client.get(f"{project}/training-reviews", headers=bearer(world.token)).json()
    assert [r["id"] for r in reviews] == [recorded["id"]]


def test_a_viewer_cannot_record_the_review(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    refused = _post(
        client, world, f"/api/v1/projects/{pid}/training-reviews", {}, world.team.tokens["viewer"]
    )

    assert refused.status_code == 403
    assert row_counts(uow) == before
