"""Issues and conflicts through the API: parties, the escalation reminder, every status move
(and the illegal ones, 409), the resolution agreed with the customer, bad input, If-Match,
roles, an archived project, and the counts published for the loyalty area."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pcrm.identity.public import operator_principal
from pcrm.projects import public
from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts
from tests.projects.risks.steps import EN, archive, open_reminders

NEGOTIATION = (
    "Negotiation starts from an open conflict or from a resolution the customer went back on."
)
CLOSED = "A closed conflict can no longer change."
BODY = {
    "kind": "requirement_change",
    "severity": "high",
    "title": "客户要求增加移动端审批",
    "description": "合同范围外，客户认为属于原需求",
    "opened_on": "2026-12-01",
}


def _add(client, world: World, pid: int, token: str | None = None, **body):
    return client.post(
        f"/api/v1/projects/{pid}/conflicts",
        json=BODY | body,
        headers=bearer(token or world.token) | EN,
    )


def _move(client, world: World, pid: int, cid: int, version: int, **body):
    return client.post(
        f"/api/v1/projects/{pid}/conflicts/{cid}/status",
        json=body,
        headers=bearer(world.token) | EN | {"If-Match": f'"v{version}"'},
    )


def test_a_conflict_has_parties_and_escalates_to_the_manager_after_n_days(
    client, world: World, uow
):
    pid = direct_project(client, world, manager_id=world.team.admin.user_id)["id"]

    added = _add(
        client, world, pid, user_ids=[world.team.owner.user_id], contact_ids=[world.zhang, world.li]
    )

    assert added.status_code == 201, added.text
    body = added.json()
    assert (body["status"], body["next_statuses"], body["element"]) == (
        "open",
        ["negotiating"],
        None,
    )
    assert [p["name"] for p in body["parties"]] == ["王总", "张伟", "李娜"]
    assert body["escalation_on"] == "2026-12-06"
    [(source, user, due, title, link)] = open_reminders(uow, "project_conflict")
    assert (source, user, link) == (
        body["id"],
        world.team.admin.user_id,
        f"/projects/{pid}?tab=conflicts",
    )
    assert due == datetime.combine(date(2026, 12, 6), time(9), tzinfo=ZoneInfo("Asia/Shanghai"))
    assert title == "冲突已 5 天未解决：客户要求增加移动端审批"


def test_the_workspace_sets_after_how_many_days_a_conflict_escalates(client, world: World, uow):
    etag = client.get("/api/v1/workspace", headers=bearer(world.token)).headers["etag"]
    client.patch(
        "/api/v1/workspace",
        json={"conflict_escalation_days": 3},
        headers=bearer(world.token) | {"If-Match": etag},
    ).raise_for_status()
    pid = direct_project(client, world, manager_id=world.team.admin.user_id)["id"]

    added = _add(client, world, pid)
    page = client.get(f"/projects/{pid}?tab=conflicts", headers=bearer(world.token) | EN)

    assert added.json()["escalation_on"] == "2026-12-04"
    [(_source, _user, due, title, _link)] = open_reminders(uow, "project_conflict")
    assert due == datetime.combine(date(2026, 12, 4), time(9), tzinfo=ZoneInfo("Asia/Shanghai"))
    assert title == "冲突已 3 天未解决：客户要求增加移动端审批"
    assert "unresolved 3 days after it opened" in page.text


def test_a_conflict_moves_through_negotiation_to_an_agreed_resolution_and_closing(
    client, world: World, uow
):
    pid = direct_project(client, world)["id"]
    cid = _add(client, world, pid).json()["id"]

    negotiating = _move(client, world, pid, cid, 1, status="negotiating")
    still_escalated = open_reminders(uow, "project_conflict")
    missing = _move(client, world, pid, cid, 2, status="resolved")
    stranger = _move(client, world, pid, cid, 2, status="resolved", resolution="x",
                     agreed_by_id=world.other_account_contact)  # fmt: skip
    resolved = _move(
        client, world, pid, cid, 2, status="resolved", resolution="纳入二期，本期不做",
        agreed_by_id=world.zhang, on="2026-12-04",
    )  # fmt: skip

    assert negotiating.json()["status"] == "negotiating"
    assert len(still_escalated) == 1
    assert missing.status_code == 422
    assert sorted(e["field"] for e in missing.json()["errors"]) == ["agreed_by_id", "resolution"]
    assert [e["field"] for e in stranger.json()["errors"]] == ["agreed_by_id"]
    assert resolved.status_code == 200, resolved.text
    body = resolved.json()
    assert (body["status"], body["resolution"], body["agreed_by_name"], body["resolved_on"]) == (
        "resolved",
        "纳入二期，本期不做",
        "张伟",
        "2026-12-04",
    )
    assert (body["escalation_on"], body["next_statuses"]) == (None, ["closed", "negotiating"])
    assert open_reminders(uow, "project_conflict") == []

    reopened = _move(client, world, pid, cid, 3, status="negotiating")
    assert reopened.json()["resolved_on"] is None
    assert len(open_reminders(uow, "project_conflict")) == 1
    _move(
        client,
        world,
        pid,
        cid,
        4,
        status="resolved",
        resolution="按变更流程处理",
        agreed_by_id=world.zhang,
    )
    closed = _move(client, world, pid, cid, 5, status="closed")
    assert (closed.json()["status"], closed.json()["next_statuses"]) == ("closed", [])
    assert open_reminders(uow, "project_conflict") == []


@pytest.mark.parametrize(
    ("path", "target", "message"),
    [
        ((), "resolved", "Only a conflict in negotiation can be resolved."),
        ((), "closed", "Only a resolved conflict can be closed."),
        (("negotiating",), "open", "A conflict cannot go back to open."),
        (("negotiating",), "negotiating", NEGOTIATION),
        (("negotiating", "resolved", "closed"), "negotiating", CLOSED),
    ],
)
def test_an_illegal_move_is_a_409_and_changes_nothing(
    client, world: World, uow, path, target, message
):
    pid = direct_project(client, world)["id"]
    cid = _add(client, world, pid).json()["id"]
    version = 1
    for status in path:
        extra = {"resolution": "同意", "agreed_by_id": world.zhang} if status == "resolved" else {}
        assert _move(client, world, pid, cid, version, status=status, **extra).status_code == 200
        version += 1
    before = row_counts(uow)

    refused = _move(
        client, world, pid, cid, version, status=target, resolution="x", agreed_by_id=world.zhang
    )

    assert (refused.status_code, refused.json()["detail"]) == (409, message)
    assert row_counts(uow) == before


def test_bad_input_is_refused_together_and_nothing_written(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    element = _add(client, world, pid, kind="project_element")
    people = _add(
        client,
        world,
        pid,
        user_ids=[world.team.stranger.user_id],
        contact_ids=[world.other_account_contact],
    )
    shape = _add(client, world, pid, kind="quarrel", severity="huge", title="")

    assert [e["field"] for e in element.json()["errors"]] == ["element"]
    assert [e["field"] for e in people.json()["errors"]] == ["user_ids", "contact_ids"]
    assert sorted(e["field"] for e in shape.json()["errors"]) == ["kind", "severity", "title"]
    assert row_counts(uow) == before
    ok = _add(client, world, pid, kind="project_element", element="schedule").json()
    assert (ok["kind"], ok["element"]) == ("project_element", "schedule")


def test_if_match_roles_another_workspace_and_an_archived_project(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    cid = _add(client, world, pid, contact_ids=[world.li]).json()["id"]
    path = f"/api/v1/projects/{pid}/conflicts/{cid}"
    edited = client.patch(
        path,
        json={"contact_ids": [world.zhang]},
        headers=bearer(world.token) | {"If-Match": '"v1"'},
    )
    assert (edited.json()["version"], [p["name"] for p in edited.json()["parties"]]) == (
        2,
        ["张伟"],
    )
    before = row_counts(uow)

    stale = client.patch(
        path, json={"severity": "low"}, headers=bearer(world.token) | {"If-Match": '"v1"'}
    )
    missing = client.post(
        f"{path}/status", json={"status": "negotiating"}, headers=bearer(world.token)
    )
    foreign = client.patch(
        path,
        json={"severity": "low"},
        headers=bearer(world.team.tokens["stranger"]) | {"If-Match": '"v2"'},
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
        _move(client, world, pid, cid, 2, status="negotiating"),
        client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'}),
    ]
    assert [r.status_code for r in refused] == [409, 409, 409]
    assert row_counts(uow) == before


def test_the_counts_per_project_and_account_for_the_loyalty_area(client, world: World, uow):
    first = direct_project(client, world)["id"]
    second = direct_project(client, world, name="网络改造")["id"]
    _add(client, world, first)
    cid = _add(
        client, world, first, title="进度冲突", kind="project_element", element="schedule"
    ).json()["id"]
    _add(client, world, second)
    _move(client, world, first, cid, 1, status="negotiating")
    _move(
        client,
        world,
        first,
        cid,
        2,
        status="resolved",
        resolution="顺延两周",
        agreed_by_id=world.zhang,
    )

    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        project = public.project_conflict_counts(db, principal, first)
        account = public.account_conflict_counts(db, principal, world.account_id)

    assert (project.conflicts, project.unresolved) == (2, 1)
    assert (account.conflicts, account.unresolved) == (3, 2)
