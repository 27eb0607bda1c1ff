"""Activities through the JSON API: the next step's reminder, archiving, list filters and the
newest-first timeline."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from pcrm.notifications.models import Reminder
from tests.accounts.builders import new_account, new_activity, new_contact
from tests.factories import bearer


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
    token = acme["tokens"]["owner"]
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
            "participant_user_ids": [acme["admin"].user_id],
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
        "owner_id": acme["owner"].user_id,
        "account_name": "中国银行",
        "contact_name": "张伟",
        "subject": "技术交流会",
        "cost": "1200.50",
        "participant_contact_ids": [li["id"]],
        "participant_user_ids": [acme["admin"].user_id],
    }


def test_the_create_response_is_what_a_read_of_the_same_version_returns(client, acme):
    token = acme["tokens"]["owner"]
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
    token = acme["tokens"]["owner"]
    headers = bearer(token)
    boc = new_account(client, token, "中国银行")
    workspace = acme["workspace"].id
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
            acme["owner"].user_id,
            datetime(2026, 3, 10, 1, 0, tzinfo=UTC),  # 09:00 Asia/Shanghai
            "寄送方案",
            link,
            "activity",
            activity["id"],
            None,
        )
    ]

    client.patch(url, json={"next_step_due": "2026-03-12"}, headers=headers)
    assert _reminders(uow, workspace) == [
        (
            reminder_id,
            acme["owner"].user_id,
            datetime(2026, 3, 12, 1, 0, tzinfo=UTC),
            "寄送方案",
            link,
            "activity",
            activity["id"],
            None,
        )
    ]

    client.patch(
        url, json={"owner_id": acme["admin"].user_id, "next_step": "电话确认"}, headers=headers
    )
    assert _reminders(uow, workspace) == [
        (
            reminder_id,
            acme["admin"].user_id,
            datetime(2026, 3, 12, 1, 0, tzinfo=UTC),
            "电话确认",
            link,
            "activity",
            activity["id"],
            None,
        )
    ]

    cleared = client.patch(url, json={"next_step": None}, headers=headers)
    assert cleared.status_code == 200
    assert _reminders(uow, workspace) == []


def test_an_activity_without_a_due_date_has_no_reminder(client, acme, uow):
    token = acme["tokens"]["owner"]
    boc = new_account(client, token, "中国银行")
    new_activity(client, token, boc["id"], next_step="寄送方案")
    assert _reminders(uow, acme["workspace"].id) == []


def test_deleting_an_activity_hides_it_and_removes_its_open_reminder(client, acme, uow):
    token = acme["tokens"]["owner"]
    headers = bearer(token)
    boc = new_account(client, token, "中国银行")
    kept = new_activity(
        client, token, boc["id"], "电话", next_step="回电", next_step_due="2026-03-11"
    )
    gone = new_activity(
        client, token, boc["id"], "拜访", next_step="寄送", next_step_due="2026-03-10"
    )

    deleted = client.delete(f"/api/v1/activities/{gone['id']}", headers=headers)

    assert (deleted.status_code, deleted.content) == (204, b"")
    assert client.get(f"/api/v1/activities/{gone['id']}", headers=headers).status_code == 404
    assert client.delete(f"/api/v1/activities/{gone['id']}", headers=headers).status_code == 404
    assert _subjects(client.get(f"/api/v1/activities?account_id={boc['id']}", headers=headers)) == [
        "电话"
    ]
    assert [(r[3], r[6]) for r in _reminders(uow, acme["workspace"].id)] == [("回电", kept["id"])]


def test_list_filters_and_orders_newest_first(client, acme):
    token = acme["tokens"]["owner"]
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
        owner_id=acme["admin"].user_id,
    )
    new_activity(client, token, ccb["id"], "会后纪要", "2026-03-05T10:00:00+08:00", type="other")
    new_activity(client, token, boc["id"], "邮件报价", "2026-02-20T09:00:00+08:00", type="email")
    headers = bearer(acme["tokens"]["viewer"])
    queries = [
        "",
        f"account_id={boc['id']}",
        f"account_id={ccb['id']}",
        f"contact_id={zhang['id']}",
        f"owner_id={acme['admin'].user_id}",
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
        f"owner_id={acme['admin'].user_id}": ["技术交流会"],
        "type=visit": ["拜访张伟"],
        "type=call&type=meeting": ["技术交流会", "电话沟通"],
        "occurred_from=2026-03-02": ["会后纪要", "技术交流会", "电话沟通"],
        "occurred_to=2026-03-01": ["拜访张伟", "邮件报价"],
        "occurred_from=2026-03-01&occurred_to=2026-03-01": ["拜访张伟"],
        "q=电话": ["电话沟通"],
        "sort=occurred_at": ["邮件报价", "拜访张伟", "电话沟通", "会后纪要", "技术交流会"],
    }


def test_the_reminders_api_lists_and_completes_only_your_own_reminders(client, acme, uow):
    owner, admin = acme["tokens"]["owner"], acme["tokens"]["admin"]
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
    assert _reminders(uow, acme["workspace"].id)[0][-1] is None
    done = client.post(f"/api/v1/reminders/{reminder['id']}/done", headers=bearer(owner))
    assert done.status_code == 200
    assert done.json()["done_at"] is not None
    assert client.get("/api/v1/reminders", headers=bearer(owner)).json()["items"] == []
