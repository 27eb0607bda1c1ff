"""Meetings through the API: kinds and cadence, attendees (users and the account's contacts),
the next meeting created from the last, action items with their owner's reminder, bad input,
If-Match, roles, an archived project, and the lessons-learned query closure will use."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from pcrm.identity.public import operator_principal
from pcrm.projects import public
from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts
from tests.projects.risks.steps import EN, archive, open_reminders

WEEKLY = {
    "kind": "weekly",
    "title": "项目周例会",
    "held_on": "2026-12-07",
    "starts_at": "09:30",
    "duration_minutes": 60,
    "location": "3号会议室",
    "agenda": "进度回顾；风险更新",
}


def _add(client, world: World, pid: int, token: str | None = None, **body):
    return client.post(
        f"/api/v1/projects/{pid}/meetings",
        json=WEEKLY | body,
        headers=bearer(token or world.token) | EN,
    )


def test_a_weekly_meeting_recurs_and_the_next_one_comes_from_the_last(client, world: World):
    pid = direct_project(client, world)["id"]
    first = _add(client, world, pid, user_ids=[world.team.owner.user_id, world.team.admin.user_id])
    customer = _add(
        client, world, pid, kind="customer", title="客户沟通会", contact_ids=[world.zhang]
    )
    lessons = _add(client, world, pid, kind="lessons_learned", title="经验教训总结会")

    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["cadence_days"], body["next_on"], body["starts_at"]) == (7, "2026-12-14", "09:30")
    assert [a["name"] for a in body["attendees"]] == ["王总", "管理员"] or len(
        body["attendees"]
    ) == 2
    assert (customer.json()["cadence_days"], customer.json()["customer_invited"]) == (14, True)
    assert (lessons.json()["cadence_days"], lessons.json()["next_on"]) == (None, None)

    following = client.post(
        f"/api/v1/projects/{pid}/meetings/{body['id']}/next",
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    no_cadence = client.post(
        f"/api/v1/projects/{pid}/meetings/{lessons.json()['id']}/next",
        headers=bearer(world.token) | EN | {"If-Match": '"v1"'},
    )

    assert following.status_code == 201, following.text
    nxt = following.json()
    assert (nxt["held_on"], nxt["kind"], nxt["title"], nxt["agenda"]) == (
        "2026-12-14",
        "weekly",
        "项目周例会",
        "进度回顾；风险更新",
    )
    assert len(nxt["attendees"]) == 2
    assert (nxt["minutes"], nxt["actions"]) == (None, [])
    assert (no_cadence.status_code, no_cadence.json()["detail"]) == (
        409,
        "This meeting does not recur: give it a cadence first.",
    )


def test_action_items_remind_their_owner_until_done(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    meeting = _add(client, world, pid).json()
    owner = world.team.admin.user_id

    added = client.post(
        f"/api/v1/projects/{pid}/meetings/{meeting['id']}/actions",
        json={"description": "提交接口联调计划", "owner_id": owner, "due_on": "2026-12-10"},
        headers=bearer(world.token),
    )
    assert added.status_code == 201, added.text
    [(source, user, due, title, link)] = open_reminders(uow, "project_meeting_action")
    assert (source, user, link) == (added.json()["id"], owner, f"/projects/{pid}?tab=meetings")
    assert due == datetime.combine(date(2026, 12, 10), time(9), tzinfo=ZoneInfo("Asia/Shanghai"))
    assert title == "待办到期：提交接口联调计划"
    listed = client.get(f"/api/v1/projects/{pid}/meetings", headers=bearer(world.token)).json()
    assert [a["description"] for a in listed[0]["actions"]] == ["提交接口联调计划"]

    path = f"/api/v1/projects/{pid}/meeting-actions/{added.json()['id']}"
    done = client.patch(
        path, json={"done": True}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    assert done.json()["done_on"] is not None
    assert open_reminders(uow, "project_meeting_action") == []
    reopened = client.patch(
        path, json={"done": False}, headers=bearer(world.token) | {"If-Match": '"v2"'}
    )
    assert reopened.json()["done_on"] is None
    assert len(open_reminders(uow, "project_meeting_action")) == 1
    removed = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v3"'})
    assert removed.status_code == 204
    assert open_reminders(uow, "project_meeting_action") == []


def test_bad_input_is_refused_and_nothing_written(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    meeting = _add(client, world, pid).json()
    before = row_counts(uow)

    shape = _add(
        client,
        world,
        pid,
        kind="party",
        title="",
        held_on="2026-02-30",
        cadence_days=0,
        duration_minutes=2,
    )
    people = _add(
        client,
        world,
        pid,
        user_ids=[world.team.stranger.user_id],
        contact_ids=[world.other_account_contact],
    )
    action = client.post(
        f"/api/v1/projects/{pid}/meetings/{meeting['id']}/actions",
        json={"description": "", "owner_id": world.team.stranger.user_id, "due_on": "soon"},
        headers=bearer(world.token),
    )
    stranger_owner = client.post(
        f"/api/v1/projects/{pid}/meetings/{meeting['id']}/actions",
        json={
            "description": "跟进",
            "owner_id": world.team.stranger.user_id,
            "due_on": "2026-12-10",
        },
        headers=bearer(world.token),
    )

    assert sorted(e["field"] for e in shape.json()["errors"]) == [
        "cadence_days",
        "duration_minutes",
        "held_on",
        "kind",
        "title",
    ]
    assert [e["field"] for e in people.json()["errors"]] == ["user_ids", "contact_ids"]
    assert sorted(e["field"] for e in action.json()["errors"]) == ["description", "due_on"]
    assert [e["field"] for e in stranger_owner.json()["errors"]] == ["owner_id"]
    assert row_counts(uow) == before


def test_if_match_roles_another_workspace_and_an_archived_project(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    meeting = _add(client, world, pid).json()
    path = f"/api/v1/projects/{pid}/meetings/{meeting['id']}"
    minutes = client.patch(
        path,
        json={"minutes": "进度正常", "decisions": "下周开始联调", "contact_ids": [world.li]},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert (minutes.json()["version"], minutes.json()["customer_invited"]) == (2, True)
    before = row_counts(uow)

    stale = client.patch(
        path, json={"minutes": "x"}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    missing = client.post(f"{path}/next", headers=bearer(world.token))
    foreign = client.get(
        f"/api/v1/projects/{pid}/meetings", headers=bearer(world.team.tokens["stranger"])
    )
    viewer = _add(client, world, pid, token=world.team.tokens["viewer"])

    assert (stale.status_code, missing.status_code, foreign.status_code, viewer.status_code) == (
        412,
        428,
        404,
        403,
    )
    assert row_counts(uow) == before

    archive(client, world, pid)
    before = row_counts(uow)
    refused = [
        _add(client, world, pid),
        client.post(f"{path}/next", headers=bearer(world.token) | {"If-Match": '"v2"'}),
        client.post(
            f"{path}/actions",
            json={"description": "x", "owner_id": world.team.owner.user_id, "due_on": "2026-12-10"},
            headers=bearer(world.token),
        ),
        client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'}),
    ]
    assert [r.status_code for r in refused] == [409, 409, 409, 409]
    assert row_counts(uow) == before


def test_closure_can_ask_whether_a_lessons_learned_meeting_with_the_customer_is_recorded(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]

    def recorded() -> bool:
        with uow() as db:
            principal = operator_principal(db, "acme", "owner@acme.example")
            return public.lessons_learned_meeting_recorded(db, principal, pid)

    _add(client, world, pid, kind="customer", title="客户沟通会", contact_ids=[world.zhang])
    internal = _add(client, world, pid, kind="lessons_learned", title="内部复盘").json()
    assert recorded() is False
    client.patch(
        f"/api/v1/projects/{pid}/meetings/{internal['id']}",
        json={"contact_ids": [world.zhang]},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert recorded() is True
