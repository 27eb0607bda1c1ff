"""The project manager's reminder of a pending customer sign-off: kept when a baseline goes to
the customer, due the workspace's sign-off reminder days (5 until set) after the day it was
sent, moved to a newer version,
and gone once the customer decided or a changed requirement withdrew the baseline."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.notifications.models import Reminder
from tests.factories import bearer
from tests.projects.scope.steps import (
    add_requirement,
    counts,
    post_json,
    send_baseline,
    sign_baseline,
)


def open_reminders(uow) -> list[tuple[int, int, datetime, str, str | None]]:
    with uow() as db:
        query = (
            select(Reminder)
            .where(Reminder.source_type == "project_baseline", Reminder.done_at.is_(None))
            .order_by(Reminder.id)
            .execution_options(**GLOBAL)
        )
        return [
            (r.source_id, r.user_id, r.due_at, r.title, r.link) for r in db.scalars(query).all()
        ]


def shanghai_nine(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_baseline_sent_for_sign_off_reminds_the_project_manager_n_days_later(
    client, acme, project, uow
):
    token = acme.tokens["admin"]
    add_requirement(client, token, project["id"], "闸机刷码进站")

    sent = post_json(
        client,
        token,
        f"/api/v1/projects/{project['id']}/baselines/requirements",
        {"sent_on": "2026-11-30"},
    )

    assert sent.status_code == 201, sent.text
    assert sent.json()["sent_on"] == "2026-11-30"
    [(source, user, due, title, link)] = open_reminders(uow)
    assert (source, user) == (sent.json()["id"], acme.owner.user_id)
    assert due == shanghai_nine(date(2026, 12, 5))
    assert title == "客户确认待处理：智慧车站，v1"
    assert link == f"/projects/{project['id']}?tab=baselines"


def test_the_reminder_comes_after_the_workspaces_own_number_of_days(client, acme, project, uow):
    token = acme.tokens["admin"]
    etag = client.get("/api/v1/workspace", headers=bearer(token)).headers["etag"]
    client.patch(
        "/api/v1/workspace",
        json={"sign_off_reminder_days": 12},
        headers={**bearer(token), "If-Match": etag},
    ).raise_for_status()
    add_requirement(client, token, project["id"], "闸机刷码进站")

    sent = post_json(
        client,
        token,
        f"/api/v1/projects/{project['id']}/baselines/requirements",
        {"sent_on": "2026-11-30"},
    )

    [(_source, _user, due, _title, _link)] = open_reminders(uow)
    assert sent.status_code == 201, sent.text
    assert due == shanghai_nine(date(2026, 12, 12))


def test_a_new_version_moves_the_reminder_and_the_decision_removes_it(client, acme, project, uow):
    token = acme.tokens["admin"]
    add_requirement(client, token, project["id"], "闸机刷码进站")
    first = send_baseline(client, token, project["id"]).json()
    second = send_baseline(client, token, project["id"]).json()
    pending = open_reminders(uow)

    decided = sign_baseline(client, token, second, project["approver"], decision="rejected")

    assert [r[0] for r in pending] == [second["id"]]
    assert first["id"] != second["id"]
    assert decided.status_code == 201, decided.text
    assert open_reminders(uow) == []


def test_a_changed_requirement_withdraws_the_baseline_and_its_reminder(client, acme, project, uow):
    token = acme.tokens["admin"]
    requirement = add_requirement(client, token, project["id"], "闸机刷码进站")
    send_baseline(client, token, project["id"])
    tag = client.get(f"/api/v1/requirements/{requirement['id']}", headers=bearer(token)).headers[
        "ETag"
    ]

    changed = client.patch(
        f"/api/v1/requirements/{requirement['id']}",
        json={"title": "闸机刷码与刷脸进站"},
        headers={**bearer(token), "If-Match": tag},
    )

    assert changed.status_code == 200, changed.text
    assert open_reminders(uow) == []


def test_a_baseline_sent_in_the_future_is_refused_and_nothing_is_written(
    client, acme, project, uow
):
    token = acme.tokens["admin"]
    add_requirement(client, token, project["id"], "闸机刷码进站")
    before = counts(uow)
    tomorrow = (datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=2)).isoformat()

    refused = post_json(
        client,
        token,
        f"/api/v1/projects/{project['id']}/baselines/requirements",
        {"sent_on": tomorrow},
    )

    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["sent_on"]
    assert counts(uow) == before
    assert open_reminders(uow) == []
