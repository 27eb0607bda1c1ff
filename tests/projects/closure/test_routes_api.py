"""Closure (收尾) through the API: the gate lists exactly the missing acts and closing with any
missing is a 422 that writes nothing; the two evaluation forms (ratings 1–5, the respondent a
stakeholder, If-Match to replace); lessons; improvement actions through every status (verified
by someone other than the owner) with the owner's reminder; the follow-up plan at closure and
its reminders; what stays writable once archived; roles and other workspaces."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from tests.factories import bearer, current
from tests.projects.builders import World, direct_project, row_counts
from tests.projects.closure.steps import (
    EN,
    analysis,
    close,
    closure_acts,
    evaluation,
    lesson,
    lessons_meeting,
    put,
    stakeholder,
    start,
)
from tests.projects.risks.steps import archive, open_reminders

ALL_CHECKS = [
    "deliverables",
    "change_decisions",
    "lessons_learned_meeting",
    "satisfaction_analysis",
    "organisation_evaluation",
    "lessons",
]


def _gate(client, world: World, pid: int) -> dict[str, bool]:
    body = client.get(f"/api/v1/projects/{pid}/closure", headers=bearer(world.token) | EN).json()
    return {c["code"]: c["passed"] for c in body["checks"]}


def test_closing_with_missing_acts_lists_exactly_which_and_writes_nothing(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    start(client, world, pid)
    stakeholder(client, world, pid)
    assert put(client, world, pid, "satisfaction-analysis", analysis(world)).status_code == 200
    assert lesson(client, world, pid).status_code == 201
    before = row_counts(uow)

    refused = close(client, world, pid)

    assert refused.status_code == 422, refused.text
    assert [(e["field"], e["message"]) for e in refused.json()["errors"]] == [
        ("lessons_learned_meeting", "Record a lessons-learned meeting with the customer invited."),
        ("organisation_evaluation", "Fill the customer's evaluation of our project organisation."),
    ]
    assert row_counts(uow) == before
    assert (
        client.get(f"/api/v1/projects/{pid}", headers=bearer(world.token)).json()["status"]
        == "active"
    )
    assert _gate(client, world, pid) == {
        "deliverables": True,
        "change_decisions": True,
        "lessons_learned_meeting": False,
        "satisfaction_analysis": True,
        "organisation_evaluation": False,
        "lessons": True,
    }


def test_the_plain_status_action_passes_the_same_gate(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    start(client, world, pid)
    path = f"/api/v1/projects/{pid}"
    before = row_counts(uow)

    refused = client.post(
        f"{path}/status",
        json={"status": "closed"},
        headers=current(client, path, bearer(world.token)) | EN,
    )

    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ALL_CHECKS[2:]
    assert row_counts(uow) == before


def test_closing_when_every_check_passes_plans_the_follow_ups_with_reminders(
    client, world: World, uow
):
    pid = direct_project(client, world, manager_id=world.team.admin.user_id)["id"]
    start(client, world, pid)
    closure_acts(client, world, pid)
    assert _gate(client, world, pid) == dict.fromkeys(ALL_CHECKS, True)

    closed = close(client, world, pid, follow_up_months=[1, 6])

    assert closed.status_code == 200, closed.text
    assert (closed.json()["status"], closed.json()["can_close"]) == ("closed", False)
    visits = client.get(f"/api/v1/projects/{pid}/follow-ups", headers=bearer(world.token)).json()
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert len(visits) == 2
    first = date.fromisoformat(visits[0]["due_on"])
    assert (first - today).days in range(28, 32)
    reminders = open_reminders(uow, "project_follow_up")
    assert [(r[0], r[1], r[4]) for r in reminders] == [
        (visits[0]["id"], world.team.admin.user_id, f"/projects/{pid}?tab=closure"),
        (visits[1]["id"], world.team.admin.user_id, f"/projects/{pid}?tab=closure"),
    ]
    assert reminders[0][2] == datetime.combine(first, time(9), tzinfo=ZoneInfo("Asia/Shanghai"))

    held = client.post(
        f"/api/v1/projects/{pid}/follow-ups/{visits[0]['id']}/done",
        json={"done_on": "2027-01-08", "note": "客户对系统运行满意"},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert held.status_code == 200, held.text
    assert (held.json()["done_on"], held.json()["done_by_id"]) == (
        "2027-01-08",
        world.team.owner.user_id,
    )
    assert [r[0] for r in open_reminders(uow, "project_follow_up")] == [visits[1]["id"]]


def test_the_default_follow_up_plan_is_1_3_and_12_months(client, world: World):
    pid = direct_project(client, world)["id"]
    start(client, world, pid)
    closure_acts(client, world, pid)

    assert close(client, world, pid).status_code == 200

    visits = client.get(f"/api/v1/projects/{pid}/follow-ups", headers=bearer(world.token)).json()
    days = [date.fromisoformat(v["due_on"]) for v in visits]
    assert [(d.year - days[0].year) * 12 + d.month - days[0].month for d in days] == [0, 2, 11]


def test_the_gate_is_a_list_of_named_checks():
    from pcrm.projects.closure import service

    assert [c.code for c in service.CHECKS] == ALL_CHECKS


def test_ratings_outside_1_to_5_and_a_respondent_off_the_register_are_422_and_write_nothing(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    low = put(client, world, pid, "satisfaction-analysis", analysis(world, scores={
        "communication": 0, "responsiveness": 4, "quality": 6, "schedule": 3, "cost": 4,
        "team": 5, "service": 4}))  # fmt: skip
    high = put(
        client,
        world,
        pid,
        "organisation-evaluation",
        evaluation(world, ratings={"communication": 9}),
    )
    nobody = put(client, world, pid, "satisfaction-analysis", analysis(world))

    assert low.status_code == 422
    assert sorted(e["field"] for e in low.json()["errors"]) == [
        "scores.communication",
        "scores.quality",
    ]
    assert high.status_code == 422
    assert "ratings.communication" in [e["field"] for e in high.json()["errors"]]
    assert "ratings.change_handling" in [e["field"] for e in high.json()["errors"]]
    assert nobody.status_code == 422
    assert nobody.json()["errors"][0]["field"] == "respondent_id"
    assert row_counts(uow) == before


def test_replacing_a_form_needs_if_match(client, world: World):
    pid = direct_project(client, world)["id"]
    stakeholder(client, world, pid)
    first = put(client, world, pid, "organisation-evaluation", evaluation(world))
    assert (first.status_code, first.headers["ETag"]) == (200, '"v1"')

    again = put(client, world, pid, "organisation-evaluation", evaluation(world, criticism="无"))
    stale = client.put(
        f"/api/v1/projects/{pid}/organisation-evaluation",
        json=evaluation(world, criticism="无"),
        headers=bearer(world.token) | {"If-Match": '"v9"'},
    )
    replaced = client.put(
        f"/api/v1/projects/{pid}/organisation-evaluation",
        json=evaluation(world, criticism="无"),
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )

    assert (again.status_code, stale.status_code) == (428, 412)
    assert replaced.status_code == 200
    assert (replaced.json()["criticism"], replaced.json()["version"]) == ("无", 2)
    assert replaced.json()["average"] == 3.9


def _improvement(client, world: World, pid: int, token: str | None = None, **body):
    return client.post(
        f"/api/v1/projects/{pid}/improvements",
        json={
            "title": "变更评估五个工作日内完成",
            "source": "evaluation",
            "source_detail": "change_handling",
            "owner_id": world.team.admin.user_id,
            "due_on": "2026-12-31",
        }
        | body,
        headers=bearer(token or world.token) | EN,
    )


def _move(client, world: World, pid: int, iid: int, version: int, status: str, token=None):
    return client.post(
        f"/api/v1/projects/{pid}/improvements/{iid}/status",
        json={"status": status},
        headers=bearer(token or world.token) | EN | {"If-Match": f'"v{version}"'},
    )


def test_an_improvement_action_moves_to_verified_by_someone_other_than_its_owner(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    closure_acts(client, world, pid)
    added = _improvement(client, world, pid)
    assert added.status_code == 201, added.text
    iid = added.json()["id"]
    [(source_id, user, due, title, link)] = open_reminders(uow, "project_improvement")
    assert title == "改进事项到期：变更评估五个工作日内完成"
    assert (source_id, user, link) == (
        iid,
        world.team.admin.user_id,
        f"/projects/{pid}?tab=closure",
    )
    assert due == datetime.combine(date(2026, 12, 31), time(9), tzinfo=ZoneInfo("Asia/Shanghai"))

    illegal = _move(client, world, pid, iid, 1, "done")
    assert (illegal.status_code, illegal.json()["detail"]) == (
        409,
        "Only an action in progress can be done.",
    )
    assert _move(client, world, pid, iid, 1, "in_progress").status_code == 200
    done = _move(client, world, pid, iid, 2, "done")
    assert done.json()["next_statuses"] == ["verified", "in_progress"]
    assert open_reminders(uow, "project_improvement") == []
    admin = world.team.tokens["admin"]
    by_owner = _move(client, world, pid, iid, 3, "verified", token=admin)
    assert (by_owner.status_code, by_owner.json()["detail"]) == (
        409,
        "Someone other than the owner verifies an improvement action.",
    )
    verified = _move(client, world, pid, iid, 3, "verified")
    assert verified.status_code == 200
    assert (verified.json()["status"], verified.json()["verified_by_id"]) == (
        "verified",
        world.team.owner.user_id,
    )
    assert _move(client, world, pid, iid, 4, "in_progress").status_code == 409


def test_an_improvement_action_keeps_its_source_and_refuses_an_unknown_one(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    closure_acts(client, world, pid)
    lessons = client.get(f"/api/v1/projects/{pid}/lessons", headers=bearer(world.token)).json()
    from_point = _improvement(
        client, world, pid, source="dissatisfied_point", source_detail="变更评估周期偏长"
    )
    from_lesson = _improvement(
        client, world, pid, source="lesson", source_detail=None, lesson_id=lessons[0]["id"]
    )
    assert from_point.json()["source_detail"] == "变更评估周期偏长"
    assert from_lesson.json()["lesson_id"] == lessons[0]["id"]
    before = row_counts(uow)

    unknown_point = _improvement(
        client, world, pid, source="improvement_item", source_detail="没有这一条"
    )
    unknown_item = _improvement(client, world, pid, source_detail="price")
    no_lesson = _improvement(client, world, pid, source="lesson", lesson_id=999)
    bad_owner = _improvement(client, world, pid, owner_id=world.team.stranger.user_id)

    assert [r.status_code for r in (unknown_point, unknown_item, no_lesson, bad_owner)] == [422] * 4
    assert [r.json()["errors"][0]["field"] for r in (unknown_point, unknown_item, no_lesson)] == [
        "source_detail",
        "source_detail",
        "lesson_id",
    ]
    assert row_counts(uow) == before


def test_open_improvement_actions_are_listed_across_projects(client, world: World):
    first = direct_project(client, world)["id"]
    second = direct_project(client, world, name="园区二期")["id"]
    for pid in (first, second):
        closure_acts(client, world, pid)
    a = _improvement(client, world, first).json()
    b = _improvement(client, world, second, owner_id=world.team.owner.user_id).json()
    _move(client, world, first, a["id"], 1, "in_progress")

    every = client.get("/api/v1/improvements", headers=bearer(world.token)).json()
    mine = client.get(
        f"/api/v1/improvements?owner_id={world.team.owner.user_id}", headers=bearer(world.token)
    ).json()
    in_progress = client.get(
        "/api/v1/improvements?status=in_progress", headers=bearer(world.token)
    ).json()
    stranger = client.get(
        "/api/v1/improvements", headers=bearer(world.team.tokens["stranger"])
    ).json()

    assert sorted(i["id"] for i in every) == sorted([a["id"], b["id"]])
    assert [i["id"] for i in mine] == [b["id"]]
    assert [(i["id"], i["project_code"]) for i in in_progress] == [(a["id"], a["project_code"])]
    assert stranger == []


def test_an_archived_project_keeps_improvements_and_follow_ups_writable_but_not_its_record(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    archive(client, world, pid)
    before = row_counts(uow)

    refused_lesson = lesson(client, world, pid)
    refused_form = client.put(
        f"/api/v1/projects/{pid}/satisfaction-analysis",
        json=analysis(world),
        headers=bearer(world.token) | EN | {"If-Match": "*"},
    )

    assert (refused_lesson.status_code, refused_lesson.json()["detail"]) == (
        409,
        "This project is archived and can no longer be changed.",
    )
    assert refused_form.status_code == 409
    assert row_counts(uow) == before
    assert _improvement(client, world, pid).status_code == 201
    planned = client.post(
        f"/api/v1/projects/{pid}/follow-ups",
        json={"due_on": "2027-06-30"},
        headers=bearer(world.token),
    )
    assert planned.status_code == 201


def test_follow_ups_wait_for_closure(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    early = client.post(
        f"/api/v1/projects/{pid}/follow-ups",
        json={"due_on": "2027-06-30"},
        headers=bearer(world.token) | EN,
    )

    assert (early.status_code, early.json()["detail"]) == (
        409,
        "Follow-ups are planned once the project is closed.",
    )
    assert row_counts(uow) == before


def test_a_viewer_cannot_write_and_another_workspace_sees_nothing(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    stakeholder(client, world, pid)
    lessons_meeting(client, world, pid)
    viewer = world.team.tokens["viewer"]
    stranger = world.team.tokens["stranger"]
    before = row_counts(uow)

    denied = [
        put(client, world, pid, "satisfaction-analysis", analysis(world), token=viewer),
        put(client, world, pid, "organisation-evaluation", evaluation(world), token=viewer),
        client.post(
            f"/api/v1/projects/{pid}/lessons",
            json={"category": "went_well", "text": "x"},
            headers=bearer(viewer),
        ),
        _improvement(client, world, pid, token=viewer),
    ]
    hidden = [
        client.get(f"/api/v1/projects/{pid}/closure", headers=bearer(stranger)),
        client.get(f"/api/v1/projects/{pid}/lessons", headers=bearer(stranger)),
        put(client, world, pid, "satisfaction-analysis", analysis(world), token=stranger),
        _improvement(client, world, pid, token=stranger),
    ]

    assert [r.status_code for r in denied] == [403] * 4
    assert [r.status_code for r in hidden] == [404] * 4
    assert row_counts(uow) == before


def test_a_lesson_is_changed_and_removed_with_if_match(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    lid = lesson(client, world, pid).json()["id"]
    path = f"/api/v1/projects/{pid}/lessons/{lid}"

    blank = client.patch(
        path, json={"text": None}, headers=bearer(world.token) | EN | {"If-Match": '"v1"'}
    )
    changed = client.patch(
        path,
        json={"category": "to_improve", "text": "变更评估要更快"},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    stale = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v1"'})
    removed = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'})

    assert blank.status_code == 422
    assert (changed.json()["category"], changed.json()["text"]) == ("to_improve", "变更评估要更快")
    assert (stale.status_code, removed.status_code) == (412, 204)
    assert client.get(f"/api/v1/projects/{pid}/lessons", headers=bearer(world.token)).json() == []


def test_moving_a_follow_up_moves_its_reminder_and_removing_it_removes_it(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    start(client, world, pid)
    closure_acts(client, world, pid)
    assert close(client, world, pid, follow_up_months=[3]).status_code == 200
    [visit] = client.get(f"/api/v1/projects/{pid}/follow-ups", headers=bearer(world.token)).json()
    path = f"/api/v1/projects/{pid}/follow-ups/{visit['id']}"

    moved = client.patch(
        path, json={"due_on": "2027-04-15"}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )

    assert moved.json()["due_on"] == "2027-04-15"
    [reminder] = open_reminders(uow, "project_follow_up")
    assert reminder[2] == datetime.combine(
        date(2027, 4, 15), time(9), tzinfo=ZoneInfo("Asia/Shanghai")
    )
    removed = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'})
    assert removed.status_code == 204
    assert open_reminders(uow, "project_follow_up") == []
