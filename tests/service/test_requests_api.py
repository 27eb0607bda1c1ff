"""Service requests through the API: the SLA clocks a request gets (from the plan in force or the
workspace's defaults), the first response, resolving, closing with the customer's rating and
reopening; breaches; the desk's filters; bad input, stale versions, roles and workspaces with
nothing written."""

from __future__ import annotations

import pytest

from tests.projects.builders import World, direct_project
from tests.projects.risks.steps import open_reminders
from tests.service.steps import (
    REQUESTS,
    add_plan,
    add_request,
    h,
    if_match,
    rows,
)


def test_a_request_without_a_plan_takes_the_workspace_defaults_in_working_time(
    client, world: World, uow
):
    made = add_request(client, world)

    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["code"], body["status"], body["plan_id"]) == ("SR-000001", "new", None)
    # P2 by default: a first response within an hour, a resolution within 9 working hours
    assert body["response"]["due_at"] == "2026-11-30T03:00:00Z"
    assert body["resolution_clock"]["due_at"] == "2026-12-01T02:00:00Z"
    assert body["response"]["breached"] is True  # long past by now, and never answered
    assert body["reporter_name"] == "张伟"
    assert body["next_statuses"] == ["in_progress", "awaiting_customer", "closed"]
    assert made.headers["Location"] == f"/api/v1/service/requests/{body['id']}"


def test_the_plan_in_force_sets_the_clock_and_a_priority_it_lacks_is_refused(
    client, world: World, uow
):
    plan = add_plan(client, world)
    assert plan.status_code == 201, plan.text
    before = rows(uow)

    urgent = add_request(client, world, priority="p1", received_at="2026-10-01T22:00:00+08:00")
    uncovered = add_request(client, world, priority="p3")

    assert urgent.status_code == 201, urgent.text
    body = urgent.json()
    assert body["plan_id"] == plan.json()["id"]
    assert body["around_the_clock"] is True  # P1 counts every minute, holiday or not
    assert body["response"]["due_at"] == "2026-10-01T14:30:00Z"
    assert body["resolution_clock"]["due_at"] == "2026-10-01T18:00:00Z"
    assert uncovered.status_code == 422
    assert [e["field"] for e in uncovered.json()["errors"]] == ["priority"]
    assert rows(uow)["requests"] == before["requests"] + 1


def test_a_request_is_answered_resolved_closed_with_a_rating_and_reopened(
    client, world: World, uow
):
    rid = add_request(client, world, assignee_id=world.team.admin.user_id).json()["id"]
    url = f"{REQUESTS}/{rid}"
    assert len(open_reminders(uow, "service_request_breach")) == 1

    answered = client.post(
        f"{url}/response",
        json={"at": "2026-11-30T10:40:00+08:00", "note": "已远程查看日志，正在排查"},
        headers=h(world) | if_match(1),
    )
    again = client.post(f"{url}/response", json={}, headers=h(world) | if_match(2))
    unresolved = client.post(
        f"{url}/status", json={"status": "closed"}, headers=h(world) | if_match(2)
    )
    early = client.post(
        f"{url}/status",
        json={"status": "awaiting_customer", "resolution": "x", "at": "2026-11-29T10:00:00+08:00"},
        headers=h(world) | if_match(2),
    )
    resolved = client.post(
        f"{url}/status",
        json={
            "status": "awaiting_customer",
            "resolution": "更换二维码识读模块并升级固件",
            "at": "2026-12-01T11:30:00+08:00",
        },
        headers=h(world) | if_match(2),
    )

    assert answered.status_code == 200, answered.text
    a = answered.json()
    assert (a["status"], a["response"]["breached"], a["response"]["done_at"]) == (
        "in_progress",
        False,
        "2026-11-30T02:40:00Z",
    )
    assert again.status_code == 409
    assert unresolved.status_code == 422
    assert [e["field"] for e in unresolved.json()["errors"]] == ["resolution"]
    assert early.status_code == 422
    assert [e["field"] for e in early.json()["errors"]] == ["at"]
    assert resolved.status_code == 200, resolved.text
    r = resolved.json()
    assert r["status"] == "awaiting_customer"
    assert r["resolution_clock"]["breached"] is True  # 10:00 the day after was the due
    assert open_reminders(uow, "service_request_breach") == []
    notes = client.get(f"{url}/notes", headers=h(world)).json()
    assert [(n["body"], n["to_customer"]) for n in notes] == [("已远程查看日志，正在排查", True)]

    closed = client.post(
        f"{url}/status",
        json={"status": "closed", "rating": 4, "rating_comment": "处理及时"},
        headers=h(world) | if_match(3),
    )
    stale = client.patch(url, json={"title": "x"}, headers=h(world) | if_match(3))
    edit_closed = client.patch(url, json={"title": "x"}, headers=h(world) | if_match(4))
    reopened = client.post(
        f"{url}/status", json={"status": "in_progress"}, headers=h(world) | if_match(4)
    )

    assert (closed.json()["status"], closed.json()["rating"]) == ("closed", 4)
    assert stale.status_code == 412
    assert edit_closed.status_code == 409
    o = reopened.json()
    assert (o["status"], o["reopened"], o["resolved_at"], o["rating"]) == (
        "in_progress",
        1,
        None,
        None,
    )
    assert len(open_reminders(uow, "service_request_breach")) == 1


def test_a_new_priority_sets_new_due_times_from_the_same_start(client, world: World):
    made = add_request(client, world, priority="p4").json()

    changed = client.patch(
        f"{REQUESTS}/{made['id']}", json={"priority": "p2"}, headers=h(world) | if_match(1)
    )

    assert made["response"]["due_at"] == "2026-12-01T02:00:00Z"  # 9 working hours: Tue 10:00
    assert changed.json()["response"]["due_at"] == "2026-11-30T03:00:00Z"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"priority": "p9"}, ["priority"]),
        ({"channel": "fax"}, ["channel"]),
        ({"title": ""}, ["title"]),
        ({"received_at": "2099-01-01T00:00:00Z"}, ["received_at"]),
        ({"reporter_id": "other"}, ["reporter_id"]),
        ({"project_id": "other"}, ["project_id"]),
        ({"assignee_id": "stranger"}, ["assignee_id"]),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(
    client, world: World, uow, body, fields
):
    if body.get("reporter_id") == "other":
        body = {"reporter_id": world.other_account_contact}
    if body.get("project_id") == "other":
        other = client.post("/api/v1/accounts", json={"name": "腾讯科技"}, headers=h(world)).json()[
            "id"
        ]
        body = {"project_id": direct_project(client, world, account_id=other)["id"]}
    if body.get("assignee_id") == "stranger":
        body = {"assignee_id": world.team.stranger.user_id}
    before = rows(uow)

    refused = add_request(client, world, **body)

    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == fields
    assert rows(uow) == before


def test_roles_and_workspaces_are_kept_apart(client, world: World, uow):
    rid = add_request(client, world).json()["id"]
    before = rows(uow)

    sales = add_request(client, world, token=world.team.tokens["sales"])
    viewer = client.post(
        f"{REQUESTS}/{rid}/notes", json={"body": "x"}, headers=h(world, world.team.tokens["viewer"])
    )
    stranger_read = client.get(f"{REQUESTS}/{rid}", headers=h(world, world.team.tokens["stranger"]))
    stranger_list = client.get(REQUESTS, headers=h(world, world.team.tokens["stranger"]))
    stranger_new = add_request(client, world, token=world.team.tokens["stranger"])

    assert (sales.status_code, viewer.status_code) == (403, 403)
    assert stranger_read.status_code == 404
    assert stranger_list.json()["total"] == 0
    assert stranger_new.status_code == 404  # the account is another workspace's
    assert rows(uow) == before


def test_the_desk_filters_by_status_priority_and_breach_and_sorts_by_the_due(client, world: World):
    late = add_request(client, world, title="已超时").json()
    fresh = add_request(client, world, title="刚收到", priority="p4", received_at=None).json()

    breached = client.get(REQUESTS, params={"breached": "true"}, headers=h(world)).json()
    on_time = client.get(REQUESTS, params={"breached": "false"}, headers=h(world)).json()
    p4 = client.get(REQUESTS, params={"priority": ["p4"]}, headers=h(world)).json()
    by_due = client.get(REQUESTS, headers=h(world)).json()
    bad_sort = client.get(REQUESTS, params={"sort": "title"}, headers=h(world))

    assert [r["id"] for r in breached["items"]] == [late["id"]]
    assert [r["id"] for r in on_time["items"]] == [fresh["id"]]
    assert fresh["response"]["minutes_left"] > 0
    assert [r["id"] for r in p4["items"]] == [fresh["id"]]
    assert [r["id"] for r in by_due["items"]] == [late["id"], fresh["id"]]
    assert bad_sort.status_code == 422
