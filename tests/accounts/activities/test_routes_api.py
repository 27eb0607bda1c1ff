"""Activities through the JSON API: the next step's reminder, archiving, list filters and the
newest-first timeline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from pcrm.notifications.models import Reminder
from tests.accounts.builders import new_account, new_activity, new_contact, row_counts
from tests.accounts.records import (
    ANY_VERSION,
    MISSING,
    add_rows,
    list_cost,
    read_target,
    send,
    tenancy_records,
    write_targets,
)
from tests.accounts.route_requests import (
    UNSAFE,
    accounts_routes,
    answer,
    requests_for,
    statuses,
    stranger_answers,
)
from tests.factories import bearer, current


def _reminders(uow, workspace_id):
    with uow() as db:
        rows = db.scalars(
            select(Reminder).where(Reminder.workspace_id == workspace_id).order_by(Reminder.id)
        ).all()
        return [
            (r.id, r.user_id, r.due_at, r.title, r.link, r.source_type, r.source_id, r.done_at)
            for r in rows
        ]


def _subjects(response):
    assert response.status_code == 200, response.text
    return [a["subject"] for a in response.json()["items"]]


def test_create_answers_201_with_names_and_participants(client, acme):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")
    zhang = new_contact(client, token, boc["id"], "张伟")
    li = new_contact(client, token, boc["id"], "李娜")

    response = client.post(
        "/api/v1/activities",
        headers=bearer(token),
        json={
            "type": "meeting",
            "occurred_at": "2026-03-02T10:00:00+08:00",
            "account_id": boc["id"],
            "contact_id": zhang["id"],
            "subject": " 技术交流会 ",
            "cost": "1200.5",
            "participant_contact_ids": [li["id"]],
            "participant_user_ids": [acme.admin.user_id],
        },
    )

    assert response.status_code == 201
    assert response.headers["etag"] == '"v1"'
    location = response.headers["location"]
    assert location == f"/api/v1/activities/{response.json()['id']}"
    body = client.get(location, headers=bearer(token)).json()
    assert {
        k: body[k]
        for k in (
            "type",
            "occurred_at",
            "owner_id",
            "account_name",
            "contact_name",
            "subject",
            "cost",
            "participant_contact_ids",
            "participant_user_ids",
        )
    } == {
        "type": "meeting",
        "occurred_at": "2026-03-02T02:00:00Z",
        "owner_id": acme.owner.user_id,
        "account_name": "中国银行",
        "contact_name": "张伟",
        "subject": "技术交流会",
        "cost": "1200.50",
        "participant_contact_ids": [li["id"]],
        "participant_user_ids": [acme.admin.user_id],
    }


def test_the_create_response_is_what_a_read_of_the_same_version_returns(client, acme):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")

    created = client.post(
        "/api/v1/activities",
        headers=bearer(token),
        json={
            "type": "visit",
            "occurred_at": "2026-03-02T10:00:00+08:00",
            "account_id": boc["id"],
            "subject": "拜访",
            "cost": "80.5",
        },
    )

    read = client.get(created.headers["location"], headers=bearer(token))
    assert read.headers["etag"] == created.headers["etag"]
    assert created.json() == read.json()


def test_a_next_step_keeps_one_open_reminder_at_nine_local_time(client, acme, uow):
    token = acme.tokens["owner"]
    headers = bearer(token)
    boc = new_account(client, token, "中国银行")
    workspace = acme.workspace.id
    link = f"/accounts/{boc['id']}?tab=activities"

    activity = new_activity(
        client, token, boc["id"], next_step="寄送方案", next_step_due="2026-03-10"
    )
    url = f"/api/v1/activities/{activity['id']}"

    created = _reminders(uow, workspace)
    [(reminder_id, *_)] = created
    assert created == [
        (
            reminder_id,
            acme.owner.user_id,
            datetime(2026, 3, 10, 1, 0, tzinfo=UTC),  # 09:00 Asia/Shanghai
            "寄送方案",
            link,
            "activity",
            activity["id"],
            None,
        )
    ]

    client.patch(url, json={"next_step_due": "2026-03-12"}, headers=current(client, url, headers))
    assert _reminders(uow, workspace) == [
        (
            reminder_id,
            acme.owner.user_id,
            datetime(2026, 3, 12, 1, 0, tzinfo=UTC),
            "寄送方案",
            link,
            "activity",
            activity["id"],
            None,
        )
    ]

    client.patch(
        url,
        json={"owner_id": acme.admin.user_id, "next_step": "电话确认"},
        headers=current(client, url, headers),
    )
    assert _reminders(uow, workspace) == [
        (
            reminder_id,
            acme.admin.user_id,
            datetime(2026, 3, 12, 1, 0, tzinfo=UTC),
            "电话确认",
            link,
            "activity",
            activity["id"],
            None,
        )
    ]

    cleared = client.patch(url, json={"next_step": None}, headers=current(client, url, headers))
    assert cleared.status_code == 200
    assert _reminders(uow, workspace) == []


def test_an_activity_without_a_due_date_has_no_reminder(client, acme, uow):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")
    new_activity(client, token, boc["id"], next_step="寄送方案")
    assert _reminders(uow, acme.workspace.id) == []


def test_deleting_an_activity_hides_it_and_removes_its_open_reminder(client, acme, uow):
    token = acme.tokens["owner"]
    headers = bearer(token)
    boc = new_account(client, token, "中国银行")
    kept = new_activity(
        client, token, boc["id"], "电话", next_step="回电", next_step_due="2026-03-11"
    )
    gone = new_activity(
        client, token, boc["id"], "拜访", next_step="寄送", next_step_due="2026-03-10"
    )

    deleted = client.delete(
        f"/api/v1/activities/{gone['id']}",
        headers=current(client, f"/api/v1/activities/{gone['id']}", headers),
    )

    assert (deleted.status_code, deleted.content) == (204, b"")
    assert client.get(f"/api/v1/activities/{gone['id']}", headers=headers).status_code == 404
    assert (
        client.delete(f"/api/v1/activities/{gone['id']}", headers=headers | ANY_VERSION).status_code
        == 404
    )
    assert _subjects(client.get(f"/api/v1/activities?account_id={boc['id']}", headers=headers)) == [
        "电话"
    ]
    assert [(r[3], r[6]) for r in _reminders(uow, acme.workspace.id)] == [("回电", kept["id"])]


def test_list_filters_and_orders_newest_first(client, acme):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")
    ccb = new_account(client, token, "建设银行")
    zhang = new_contact(client, token, boc["id"], "张伟")
    wang = new_contact(client, token, ccb["id"], "王五")
    # the workspace's day is Asia/Shanghai: 23:30 and 00:30 local fall on different days
    new_activity(
        client, token, boc["id"], "拜访张伟", "2026-03-01T23:30:00+08:00", contact_id=zhang["id"]
    )
    new_activity(
        client,
        token,
        boc["id"],
        "电话沟通",
        "2026-03-01T16:30:00Z",
        type="call",
        participant_contact_ids=[zhang["id"]],
    )
    new_activity(
        client,
        token,
        ccb["id"],
        "技术交流会",
        "2026-03-05T10:00:00+08:00",
        type="meeting",
        contact_id=wang["id"],
        owner_id=acme.admin.user_id,
    )
    new_activity(client, token, ccb["id"], "会后纪要", "2026-03-05T10:00:00+08:00", type="other")
    new_activity(client, token, boc["id"], "邮件报价", "2026-02-20T09:00:00+08:00", type="email")
    headers = bearer(acme.tokens["viewer"])
    queries = [
        "",
        f"account_id={boc['id']}",
        f"account_id={ccb['id']}",
        f"contact_id={zhang['id']}",
        f"owner_id={acme.admin.user_id}",
        "type=visit",
        "type=call&type=meeting",
        "occurred_from=2026-03-02",
        "occurred_to=2026-03-01",
        "occurred_from=2026-03-01&occurred_to=2026-03-01",
        "q=电话",
        "sort=occurred_at",
    ]

    found = {q: _subjects(client.get(f"/api/v1/activities?{q}", headers=headers)) for q in queries}

    assert found == {
        "": ["会后纪要", "技术交流会", "电话沟通", "拜访张伟", "邮件报价"],
        f"account_id={boc['id']}": ["电话沟通", "拜访张伟", "邮件报价"],
        f"account_id={ccb['id']}": ["会后纪要", "技术交流会"],
        f"contact_id={zhang['id']}": ["电话沟通", "拜访张伟"],
        f"owner_id={acme.admin.user_id}": ["技术交流会"],
        "type=visit": ["拜访张伟"],
        "type=call&type=meeting": ["技术交流会", "电话沟通"],
        "occurred_from=2026-03-02": ["会后纪要", "技术交流会", "电话沟通"],
        "occurred_to=2026-03-01": ["拜访张伟", "邮件报价"],
        "occurred_from=2026-03-01&occurred_to=2026-03-01": ["拜访张伟"],
        "q=电话": ["电话沟通"],
        "sort=occurred_at": ["邮件报价", "拜访张伟", "电话沟通", "会后纪要", "技术交流会"],
    }


def test_the_reminders_api_lists_and_completes_only_your_own_reminders(client, acme, uow):
    owner, admin = acme.tokens["owner"], acme.tokens["admin"]
    boc = new_account(client, owner, "中国银行")
    new_activity(client, owner, boc["id"], next_step="寄送方案", next_step_due="2026-03-10")
    listed = client.get("/api/v1/reminders", headers=bearer(owner))
    assert listed.status_code == 200
    [reminder] = listed.json()["items"]
    assert (reminder["title"], reminder["due_at"], reminder["done_at"]) == (
        "寄送方案",
        "2026-03-10T01:00:00Z",
        None,
    )
    assert client.get("/api/v1/reminders", headers=bearer(admin)).json()["items"] == []
    # someone else's reminder is a 404 and stays open
    refused = client.post(f"/api/v1/reminders/{reminder['id']}/done", headers=bearer(admin))
    assert refused.status_code == 404
    assert _reminders(uow, acme.workspace.id)[0][-1] is None
    done = client.post(f"/api/v1/reminders/{reminder['id']}/done", headers=bearer(owner))
    assert done.status_code == 200
    assert done.json()["done_at"] is not None
    assert client.get("/api/v1/reminders", headers=bearer(owner)).json()["items"] == []


# --- bad input: a 422 naming the field, and nothing written ---------------------------------


def test_bad_activity_input(client, acme, uow):
    token = acme.tokens["owner"]
    bank = new_account(client, token, "中国银行")
    other_bank = new_account(client, token, "建设银行")
    elsewhere = new_contact(client, token, other_bank["id"], "王五")
    activity = new_activity(client, token, bank["id"])
    valid = {
        "type": "call",
        "occurred_at": "2026-03-02T10:00:00+08:00",
        "account_id": bank["id"],
        "subject": "电话沟通",
    }
    url = "/api/v1/activities"
    one = f"/api/v1/activities/{activity['id']}"
    cases = {
        "contact of another account": ("POST", url, {**valid, "contact_id": elsewhere["id"]}),
        "unknown type": ("POST", url, {**valid, "type": "fax"}),
        "naive occurred_at": ("POST", url, {**valid, "occurred_at": "2026-03-02T10:00:00"}),
        "negative cost": ("POST", url, {**valid, "cost": "-0.01"}),
        "cost with fractions of a fen": ("POST", url, {**valid, "cost": "1.001"}),
        "empty subject": ("POST", url, {**valid, "subject": ""}),
        "unknown participant": ("POST", url, {**valid, "participant_contact_ids": [999_999]}),
        "owner of another workspace": (
            "POST",
            url,
            {**valid, "owner_id": acme.stranger.user_id},
        ),
        "unknown account": ("POST", url, {**valid, "account_id": 999_999}),
        "naive occurred_at, by update": ("PATCH", one, {"occurred_at": "2026-03-02T10:00:00"}),
        "contact of another account, by update": ("PATCH", one, {"contact_id": elsewhere["id"]}),
        "negative cost, by update": ("PATCH", one, {"cost": -5}),
        "null type": ("PATCH", one, {"type": None}),
    }
    before = row_counts(uow)

    results = {case: send(client, token, *request) for case, request in cases.items()}

    assert results == {
        "contact of another account": (422, ["contact_id"]),
        "unknown type": (422, ["type"]),
        "naive occurred_at": (422, ["occurred_at"]),
        "negative cost": (422, ["cost"]),
        "cost with fractions of a fen": (422, ["cost"]),
        "empty subject": (422, ["subject"]),
        "unknown participant": (422, ["participant_contact_ids"]),
        "owner of another workspace": (422, ["owner_id"]),
        "unknown account": (422, ["account_id"]),
        "naive occurred_at, by update": (422, ["occurred_at"]),
        "contact of another account, by update": (422, ["contact_id"]),
        "negative cost, by update": (422, ["cost"]),
        "null type": (422, ["type"]),
    }
    assert row_counts(uow) == before


# --- another workspace's records, a viewer, the list's queries ------------------------------

MODULE = ("pcrm.accounts.activities.routes_api",)
# Routes that take no record id in the path answer like this for a missing record too.
NOT_404 = {
    ("GET", "/api/v1/activities"): 200,
    ("POST", "/api/v1/activities"): 422,
}


@pytest.fixture
def records(client, acme):
    """An account, contact and activity of acme; an account and contact of the stranger's."""
    return tenancy_records(client, acme)


def test_every_route_answers_for_another_workspaces_record_as_for_a_missing_one(
    app, client, acme, uow, records
):
    routes = accounts_routes(app, MODULE)
    requested = requests_for(records["acme"], records["theirs"])
    # a new route needs a request in route_requests.py
    assert routes == {route for route in requested if route[1].startswith("/api/v1/activities")}
    before = row_counts(uow)

    observed = stranger_answers(client, acme.tokens["stranger"], routes, records, MISSING)

    assert observed == {route: (NOT_404.get(route, 404), True) for route in routes}
    assert row_counts(uow) == before


def test_lists_and_duplicate_checks_return_nothing_of_another_workspace(client, acme, records):
    stranger = bearer(acme.tokens["stranger"])
    requests = requests_for(records["acme"], records["theirs"])
    answers = {
        path: client.get(path, headers=stranger, **requests["GET", path]).json()
        for path in ("/api/v1/activities",)
    }
    empty_page = {
        "items": [],
        "total": 0,
        "page": 1,
        "page_size": 50,
        "pages": 1,
        "total_capped": False,
    }
    assert answers == {
        "/api/v1/activities": empty_page,
    }


def test_another_workspaces_records_in_a_body_are_like_missing_ones(client, acme, uow, records):
    stranger = bearer(acme.tokens["stranger"])
    own = records["theirs"]
    mine = new_activity(client, acme.tokens["stranger"], own.account)

    def requests(t):
        return {
            "activity contact": (
                "PATCH",
                f"/api/v1/activities/{mine['id']}",
                {"contact_id": t.contact},
            ),
            "participant": (
                "PATCH",
                f"/api/v1/activities/{mine['id']}",
                {"participant_contact_ids": [t.contact]},
            ),
        }

    before = row_counts(uow)
    observed = {}
    for case, (method, url, body) in requests(records["acme"]).items():
        theirs = client.request(method, url, json=body, headers=stranger | ANY_VERSION)
        _m, missing_url, missing_body = requests(MISSING)[case]
        missing = client.request(
            method, missing_url, json=missing_body, headers=stranger | ANY_VERSION
        )
        observed[case] = (theirs.status_code, answer(theirs) == answer(missing))

    assert observed == {
        "activity contact": (422, True),
        "participant": (422, True),
    }
    assert row_counts(uow) == before


def test_a_viewer_gets_403_on_every_unsafe_route_and_nothing_changes(app, client, acme, uow):
    target, second = write_targets(client, acme)
    unsafe = {route for route in accounts_routes(app, MODULE) if route[0] in UNSAFE}
    before = row_counts(uow)

    observed = statuses(client, acme.tokens["viewer"], unsafe, target, second)

    assert observed == dict.fromkeys(unsafe, 403)
    assert row_counts(uow) == before


def test_a_viewer_reads_every_safe_route(app, client, acme):
    target = read_target(client, acme)
    safe = {route for route in accounts_routes(app, MODULE) if route[0] not in UNSAFE}

    observed = statuses(client, acme.tokens["viewer"], safe, target, target)

    assert observed == dict.fromkeys(safe, 200)


def test_the_list_costs_the_same_queries_for_3_and_30_rows(client, acme, uow, count_queries):
    """No hidden queries. Per request: the token joined with its user and workspace (not
    cached yet), the page's ids, its rows and its count, then the participants, account and
    contact names."""
    headers = bearer(acme.tokens["viewer"])
    add_rows(uow, acme, 0, 3)
    with_3 = list_cost(client, count_queries, headers, "/api/v1/activities")
    add_rows(uow, acme, 3, 30)
    with_30 = list_cost(client, count_queries, headers, "/api/v1/activities")

    assert (with_3, with_30) == ((3, 7), (30, 7))
