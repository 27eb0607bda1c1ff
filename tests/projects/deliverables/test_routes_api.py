"""Deliverables' acceptance and quality through the API: every step (deliver, inspect, accept,
reject and deliver again, waive), the customer's decision signed on a snapshot of what was
inspected, a failed inspection opening an issue and blocking the acceptance, the standards, and
every refusal (wrong state, non-approver, stale version, bad input, archived project, another
workspace, a reader) writing nothing; the counts published for the loyalty area."""

from __future__ import annotations

from decimal import Decimal

from pcrm.identity.public import operator_principal
from pcrm.projects import public
from pcrm.projects.deliverables.service import unsettled_deliverables
from tests.factories import bearer, current
from tests.projects.builders import World
from tests.projects.deliverables.steps import (
    EN,
    decide,
    deliver,
    inspect,
    rows,
    setup,
    standard,
    step,
    url,
    version,
)


def _fields(response) -> list[str]:
    return sorted(e["field"] for e in response.json()["errors"])


def test_a_deliverable_is_delivered_inspected_and_accepted_by_the_approver(client, world: World):
    s = setup(client, world)
    pace = standard(client, world, s).json()["standards"][0]
    uptime = standard(
        client, world, s, kind="response_time", metric="故障响应", target_value="30",
        unit="分钟", comparison="at_most",
    ).json()["standards"][1]  # fmt: skip

    delivered = deliver(client, world, s)
    inspected = inspect(
        client, world, s, participant_id=world.zhang,
        results=[{"standard_id": pace["id"], "measured_value": "1.6"},
                 {"standard_id": uptime["id"], "passed": True}],
    )  # fmt: skip
    accepted = decide(client, world, s, "accepted", decided_on="2026-12-03", comment="验收通过")

    assert (pace["group"], uptime["group"]) == ("product", "service")
    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["status"] == "delivered"
    assert delivered.json()["next_steps"] == ["inspect", "accepted", "rejected", "waived"]
    assert inspected.status_code == 201, inspected.text
    body = inspected.json()
    assert body["status"] == "in_inspection"
    [inspection] = body["inspections"]
    assert (inspection["passed"], inspection["participant_name"], inspection["issue_id"]) == (
        True,
        "张伟",
        None,
    )
    assert [r["passed"] for r in inspection["results"]] == [True, True]
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert (body["status"], body["decided_on"], body["next_steps"]) == (
        "accepted",
        "2026-12-03",
        [],
    )
    assert body["signed"]["signer_name"] == "张伟"
    baseline = client.get(
        f"/api/v1/baselines/{body['acceptance_baseline_id']}", headers=bearer(world.token)
    ).json()
    assert (baseline["kind"], baseline["status"]) == ("acceptance", "approved")
    content = baseline["content"]
    assert content["deliverable"]["name"] == "门禁系统部署手册"
    assert [r["id"] for r in content["requirements"]] == [s.requirement_id]
    assert [x["metric"] for x in content["standards"]] == ["页面响应时间", "故障响应"]
    assert content["inspections"][0]["passed"] is True
    history = client.get(
        f"/api/v1/audit-entries?entity_type=project_deliverable&entity_id={s.deliverable_id}",
        headers=bearer(world.token),
    )
    assert history.status_code == 200


def test_a_failed_inspection_opens_an_issue_and_blocks_the_acceptance(client, world: World, uow):
    s = setup(client, world)
    pace = standard(client, world, s).json()["standards"][0]
    deliver(client, world, s)

    no_findings = inspect(client, world, s, results=[{"standard_id": pace["id"],
                                                      "measured_value": "3.5"}])  # fmt: skip
    failed = inspect(
        client, world, s, findings="高峰期页面响应 3.5 秒，超出目标",
        results=[{"standard_id": pace["id"], "measured_value": "3.5"}],
    )  # fmt: skip
    before = rows(uow)
    blocked = decide(client, world, s, "accepted")

    assert (no_findings.status_code, _fields(no_findings)) == (422, ["findings"])
    assert failed.status_code == 201, failed.text
    body = failed.json()
    assert body["blocked_by_failed_inspection"] is True
    assert "accepted" not in body["next_steps"]
    issue_id = body["inspections"][0]["issue_id"]
    [issue] = client.get(
        f"/api/v1/projects/{s.project_id}/conflicts", headers=bearer(world.token) | EN
    ).json()
    assert (issue["id"], issue["kind"], issue["element"], issue["severity"]) == (
        issue_id,
        "project_element",
        "quality",
        "high",
    )
    assert issue["title"] == "质量检查未通过：门禁系统部署手册"  # in the language of its writer
    assert blocked.status_code == 409
    assert "latest inspection failed" in blocked.json()["detail"]
    assert rows(uow) == before

    passed = inspect(client, world, s, inspected_on="2026-12-04",
                     results=[{"standard_id": pace["id"], "measured_value": "1.9"}])  # fmt: skip
    assert passed.json()["blocked_by_failed_inspection"] is False
    assert decide(client, world, s, "accepted").status_code == 200
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        project = public.project_quality_counts(db, principal, s.project_id)
        account = public.account_quality_counts(db, principal, world.account_id)
    assert (project.inspections, project.failed) == (2, 1)
    assert (account.inspections, account.failed) == (2, 1)


def test_rejected_is_delivered_again_and_waived_needs_a_reason(client, world: World):
    s = setup(client, world)
    deliver(client, world, s)

    no_findings = decide(client, world, s, "rejected")
    rejected = decide(client, world, s, "rejected", note="缺少灾备切换章节")
    again = deliver(client, world, s, delivered_on="2026-12-05", delivery_note="v1.1 补充灾备章节")
    no_reason = decide(client, world, s, "waived")
    waived = decide(client, world, s, "waived", note="客户决定以现场培训代替手册")

    assert (no_findings.status_code, _fields(no_findings)) == (422, ["note"])
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["status"], rejected.json()["decision_note"]) == (
        "rejected",
        "缺少灾备切换章节",
    )
    assert rejected.json()["next_steps"] == ["deliver", "waived"]
    baseline = client.get(
        f"/api/v1/baselines/{rejected.json()['acceptance_baseline_id']}",
        headers=bearer(world.token),
    ).json()
    assert baseline["status"] == "rejected"
    assert (again.json()["status"], again.json()["decision_note"]) == ("delivered", None)
    assert (no_reason.status_code, _fields(no_reason)) == (422, ["note"])
    assert (waived.json()["status"], waived.json()["decision_note"]) == (
        "waived",
        "客户决定以现场培训代替手册",
    )


def test_a_planned_deliverable_may_be_waived_but_not_accepted(client, world: World, uow):
    s = setup(client, world)
    before = rows(uow)

    accepted = decide(client, world, s, "accepted")
    inspected = inspect(client, world, s, passed=True)

    assert accepted.status_code == 409
    assert accepted.json()["detail"] == (
        "The customer decides on a deliverable once it is delivered or in inspection."
    )
    assert inspected.status_code == 409
    assert rows(uow) == before
    waived = decide(client, world, s, "waived", note="范围调整，不再交付")
    assert waived.json()["status"] == "waived"
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        assert unsettled_deliverables(db, principal, s.project_id) == []
    again = deliver(client, world, s)
    waived_again = decide(client, world, s, "waived", note="x")
    assert (again.status_code, waived_again.status_code) == (409, 409)


def test_refused_decisions_write_nothing(client, world: World, uow):
    s = setup(client, world)
    deliver(client, world, s)
    before = rows(uow)

    non_approver = decide(client, world, s, "accepted", stakeholder_id=s.user)
    unknown = decide(client, world, s, "accepted", stakeholder_id=999_999)
    future = decide(client, world, s, "accepted", decided_on="2099-01-01")
    accept = {"outcome": "accepted", "stakeholder_id": s.approver}
    stale = step(client, world, s, "/decision", accept, if_match='"v1"')
    missing = step(client, world, s, "/decision", accept, if_match=None)
    bad_outcome = decide(client, world, s, "approved")
    foreign_file = decide(client, world, s, "accepted", evidence_file_id=999_999)
    reader = step(client, world, s, "/decision",
                  {"outcome": "accepted", "stakeholder_id": s.approver},
                  token=world.team.tokens["viewer"])  # fmt: skip
    stranger = step(client, world, s, "/decision",
                    {"outcome": "accepted", "stakeholder_id": s.approver},
                    token=world.team.tokens["stranger"], if_match='"v2"')  # fmt: skip

    assert (non_approver.status_code, non_approver.json()["errors"][0]["message"]) == (
        422,
        "Only a stakeholder marked as approver may decide on a deliverable.",
    )
    assert (unknown.status_code, _fields(unknown)) == (422, ["stakeholder_id"])
    assert (future.status_code, _fields(future)) == (422, ["decided_on"])
    assert stale.status_code == 412
    assert missing.status_code == 428
    assert bad_outcome.status_code == 422
    assert (foreign_file.status_code, _fields(foreign_file)) == (422, ["evidence_file_id"])
    assert reader.status_code == 403
    assert stranger.status_code == 404
    assert rows(uow) == before


def test_bad_deliveries_inspections_and_standards_write_nothing(client, world: World, uow):
    s = setup(client, world)
    pace = standard(client, world, s).json()["standards"][0]
    before = rows(uow)

    no_note = deliver(client, world, s, delivery_note="")
    future = deliver(client, world, s, delivered_on="2099-01-01")
    not_delivered = inspect(client, world, s, passed=True)
    no_target = standard(client, world, s, target_value=None)
    bad_kind = standard(client, world, s, kind="speed")

    assert (no_note.status_code, _fields(no_note)) == (422, ["delivery_note"])
    assert (future.status_code, _fields(future)) == (422, ["delivered_on"])
    assert not_delivered.status_code == 409
    assert (no_target.status_code, bad_kind.status_code) == (422, 422)
    assert rows(uow) == before

    deliver(client, world, s)
    before = rows(uow)
    no_verdict = inspect(client, world, s)
    empty_result = inspect(client, world, s, results=[{"standard_id": pace["id"]}])
    other_standard = inspect(client, world, s, results=[{"standard_id": 999_999, "passed": True}])
    before_delivery = inspect(client, world, s, inspected_on="2026-11-01", passed=True)
    stranger_contact = inspect(client, world, s, passed=True,
                               participant_id=world.other_account_contact)  # fmt: skip
    assert (no_verdict.status_code, _fields(no_verdict)) == (422, ["passed"])
    assert _fields(empty_result) == [f"result-{pace['id']}"]
    assert _fields(other_standard) == ["results"]
    assert _fields(before_delivery) == ["inspected_on"]
    assert _fields(stranger_contact) == ["participant_id"]
    assert rows(uow) == before


def test_standards_are_edited_with_if_match_and_locked_once_accepted(client, world: World, uow):
    s = setup(client, world)
    pace = standard(client, world, s).json()["standards"][0]
    path = url(s, f"/standards/{pace['id']}")

    no_header = client.patch(path, json={"target_value": "3"}, headers=bearer(world.token))
    changed = client.patch(path, json={"target_value": "3"},
                           headers=bearer(world.token) | {"If-Match": '"v1"'})  # fmt: skip
    stale = client.patch(path, json={"target_value": "4"},
                         headers=bearer(world.token) | {"If-Match": '"v1"'})  # fmt: skip

    assert no_header.status_code == 428
    assert changed.status_code == 200, changed.text
    assert Decimal(changed.json()["standards"][0]["target_value"]) == Decimal(3)
    assert stale.status_code == 412
    deliver(client, world, s)
    decide(client, world, s, "accepted")
    before = rows(uow)
    locked = client.patch(path, json={"target_value": "5"},
                          headers=bearer(world.token) | {"If-Match": '"v2"'})  # fmt: skip
    added = standard(client, world, s)
    removed = client.delete(path, headers=bearer(world.token) | {"If-Match": '"v2"'})
    assert (locked.status_code, added.status_code, removed.status_code) == (409, 409, 409)
    assert rows(uow) == before


def test_a_project_the_customer_ended_refuses_every_step(client, world: World, uow):
    """Ended early, the project is archived with a deliverable still unsettled (an ordinary
    closing would have refused: the gate asks for every deliverable accepted or waived)."""
    s = setup(client, world)
    deliver(client, world, s)
    path = f"/api/v1/projects/{s.project_id}"
    ended = client.post(
        f"{path}/termination",
        json={"terminated_on": "2026-11-30", "reason": "预算冻结", "terminated_by_id": world.zhang},
        headers=current(client, path, bearer(world.token)),
    )
    assert ended.status_code == 200, ended.text
    before = rows(uow)

    answers = [
        decide(client, world, s, "accepted"),
        inspect(client, world, s, passed=True),
        standard(client, world, s),
    ]

    assert [a.status_code for a in answers] == [409, 409, 409]
    assert "archived" in answers[0].json()["detail"]
    assert rows(uow) == before
    listed = client.get(
        f"/api/v1/projects/{s.project_id}/deliverables", headers=bearer(world.token)
    ).json()
    assert [d["status"] for d in listed] == ["delivered"]
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        unsettled = unsettled_deliverables(db, principal, s.project_id)
    assert [(d.name, d.status) for d in unsettled] == [("门禁系统部署手册", "delivered")]


def test_a_deliverable_the_customer_decided_cannot_be_removed(client, world: World, uow):
    s = setup(client, world)
    deliver(client, world, s)
    waived = decide(client, world, s, "waived", note="本期不做，二期交付")
    assert waived.status_code == 200, waived.text
    before = rows(uow)

    tag = {"If-Match": f'"v{version(client, world, s)}"'}
    removed = client.delete(url(s), headers=bearer(world.token) | EN | tag)

    assert removed.status_code == 409, removed.text
    assert "record of that decision" in removed.json()["detail"]
    assert rows(uow) == before
