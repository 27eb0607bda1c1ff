"""Requirements, clarifications, baselines and the customer's sign-off through the JSON API:
the path from a draft to a confirmed requirements baseline, and every refusal on the way
(open clarification, stale version, non-approver, frozen requirement, other workspace), each
leaving the rows as they were."""

from __future__ import annotations

from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.service import content_hash
from pcrm.projects.requirements.models import Clarification, Requirement
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer
from tests.projects.scope.steps import (
    add_requirement,
    counts,
    post_json,
    send_baseline,
    sign_baseline,
    status_of,
)


def test_requirements_go_from_draft_to_confirmed_through_a_signed_baseline(client, acme, project):
    token = acme.tokens["admin"]
    first = add_requirement(
        client, token, project["id"], "闸机刷码进站", source_stakeholder_id=project["user"]
    )
    second = add_requirement(
        client, token, project["id"], "客流热力图", kano="exciting", priority="p2"
    )

    sent = send_baseline(client, token, project["id"])
    baseline = sent.json()
    in_review = client.get(f"/api/v1/projects/{project['id']}/requirements", headers=bearer(token))
    signed = sign_baseline(client, token, baseline, project["approver"])
    after = client.get(f"/api/v1/projects/{project['id']}/requirements", headers=bearer(token))
    stored = client.get(f"/api/v1/baselines/{baseline['id']}", headers=bearer(token)).json()
    decisions = client.get(f"/api/v1/baselines/{baseline['id']}/sign-offs", headers=bearer(token))

    assert (first["number"], second["number"], first["status"]) == (1, 2, "draft")
    assert (sent.status_code, baseline["number"], baseline["status"]) == (201, 1, "in_review")
    assert [r["title"] for r in baseline["content"]["requirements"]] == [
        "闸机刷码进站",
        "客流热力图",
    ]
    assert baseline["content_hash"] == content_hash(baseline["content"])
    assert {r["status"] for r in in_review.json()} == {"in_review"}
    assert signed.status_code == 201, signed.text
    sign_off = signed.json()
    assert (sign_off["signer_name"], sign_off["decision"], sign_off["channel"]) == (
        "王处",
        "approved",
        "recorded",
    )
    assert (sign_off["baseline_number"], sign_off["content_hash"]) == (1, baseline["content_hash"])
    assert sign_off["decided_on"] == "2026-12-05"
    assert sign_off["recorded_by_id"] == acme.admin.user_id
    assert {r["status"] for r in after.json()} == {"confirmed"}
    assert stored["status"] == "approved"
    assert [d["id"] for d in decisions.json()] == [sign_off["id"]]


def test_a_confirmed_requirement_changes_only_through_a_change_request(client, acme, project, uow):
    token = acme.tokens["owner"]
    requirement = add_requirement(client, token, project["id"], "闸机刷码进站")
    sign_baseline(
        client, token, send_baseline(client, token, project["id"]).json(), project["approver"]
    )
    tag = client.get(f"/api/v1/requirements/{requirement['id']}", headers=bearer(token)).headers[
        "ETag"
    ]
    before = counts(uow)

    refused = client.patch(
        f"/api/v1/requirements/{requirement['id']}",
        json={"title": "改了"},
        headers={**bearer(token), "If-Match": tag},
    )

    assert refused.status_code == 409
    assert "change request" in refused.json()["detail"]
    assert counts(uow) == before
    kept = client.get(f"/api/v1/requirements/{requirement['id']}", headers=bearer(token)).json()
    assert (kept["title"], kept["status"]) == ("闸机刷码进站", "confirmed")


def test_an_open_clarification_keeps_the_baseline_from_going_out(client, acme, project, uow):
    token = acme.tokens["owner"]
    requirement = add_requirement(client, token, project["id"], "与既有票务系统对接")
    asked = post_json(
        client,
        token,
        f"/api/v1/requirements/{requirement['id']}/clarifications",
        {
            "question": "票务系统接口是HTTP还是MQ？",
            "asked_to_id": project["engineer"],
            "asked_on": "2026-12-01",
        },
    )
    before = counts(uow)
    refused = send_baseline(client, token, project["id"])
    after_refusal = counts(uow)
    answered = client.patch(
        f"/api/v1/clarifications/{asked.json()['id']}",
        json={"answer": "MQ，见接口文档第3章", "answered_on": "2026-12-03"},
        headers={**bearer(token), "If-Match": asked.headers["ETag"]},
    )
    sent = send_baseline(client, token, project["id"])

    assert asked.status_code == 201, asked.text
    assert asked.json()["status"] == "open"
    assert refused.status_code == 409
    assert "clarification" in refused.json()["detail"]
    assert after_refusal == before
    assert (answered.status_code, answered.json()["status"]) == (200, "answered")
    assert sent.status_code == 201


def test_a_clarification_is_asked_of_the_customer_and_answered_after_it_was_asked(
    client, acme, project, uow
):
    token = acme.tokens["owner"]
    requirement = add_requirement(client, token, project["id"], "站厅照明联动")
    stranger = new_contact(client, token, new_account(client, token, "别家")["id"], "外人")["id"]
    url = f"/api/v1/requirements/{requirement['id']}/clarifications"
    before = counts(uow)
    wrong_person = post_json(client, token, url, {"question": "?", "asked_to_id": stranger})
    asked = post_json(client, token, url, {"question": "几点开灯？", "asked_on": "2026-12-04"})
    early = client.patch(
        f"/api/v1/clarifications/{asked.json()['id']}",
        json={"answer": "六点", "answered_on": "2026-12-01"},
        headers={**bearer(token), "If-Match": asked.headers["ETag"]},
    )

    assert wrong_person.status_code == 422
    assert wrong_person.json()["errors"][0]["field"] == "asked_to_id"
    assert early.status_code == 422
    assert counts(uow)["project_clarifications"] == before["project_clarifications"] + 1
    assert status_of(uow, Clarification, asked.json()["id"]) == "open"


def test_a_sign_off_by_someone_not_an_approver_is_refused(client, acme, project, uow):
    token = acme.tokens["owner"]
    add_requirement(client, token, project["id"], "闸机刷码进站")
    baseline = send_baseline(client, token, project["id"]).json()
    before = counts(uow)

    refused = sign_baseline(client, token, baseline, project["user"])

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "stakeholder_id"
    assert counts(uow) == before


def test_a_decision_on_a_stale_version_is_a_conflict(client, acme, project, uow):
    token = acme.tokens["owner"]
    requirement = add_requirement(client, token, project["id"], "闸机刷码进站")
    first = send_baseline(client, token, project["id"]).json()
    tag = client.get(f"/api/v1/requirements/{requirement['id']}", headers=bearer(token)).headers[
        "ETag"
    ]
    # the text changes while the customer reviews v1: v1 is withdrawn, v2 goes out
    client.patch(
        f"/api/v1/requirements/{requirement['id']}",
        json={"title": "闸机刷码及刷脸进站"},
        headers={**bearer(token), "If-Match": tag},
    )
    second = send_baseline(client, token, project["id"]).json()
    before = counts(uow)

    on_old = sign_baseline(client, token, first, project["approver"])
    wrong_number = sign_baseline(client, token, second, project["approver"], number=1)
    after = counts(uow)
    on_new = sign_baseline(client, token, second, project["approver"], decision="rejected")
    again = sign_baseline(client, token, second, project["approver"])

    assert (first["number"], second["number"]) == (1, 2)
    assert on_old.status_code == 409
    assert wrong_number.status_code == 409
    assert after == before
    assert on_new.status_code == 201
    assert again.status_code == 409
    assert status_of(uow, Baseline, first["id"]) == "superseded"
    assert status_of(uow, Baseline, second["id"]) == "rejected"
    assert status_of(uow, Requirement, requirement["id"]) == "draft"


def test_the_needs_gate_opens_only_with_a_signed_baseline_and_no_open_question(
    client, acme, project
):
    token = acme.tokens["owner"]
    url = f"/api/v1/projects/{project['id']}"

    def blockers():
        return [b["code"] for b in client.get(f"{url}/gate", headers=bearer(token)).json()]

    def advance():
        tag = client.get(url, headers=bearer(token)).headers["ETag"]
        return client.post(f"{url}/phase", json={}, headers={**bearer(token), "If-Match": tag})

    nothing_signed = blockers()
    refused = advance()
    requirement = add_requirement(client, token, project["id"], "闸机刷码进站")
    asked = post_json(
        client, token, f"/api/v1/requirements/{requirement['id']}/clarifications", {"question": "?"}
    )
    with_question = blockers()
    client.patch(
        f"/api/v1/clarifications/{asked.json()['id']}",
        json={"void": True},
        headers={**bearer(token), "If-Match": asked.headers["ETag"]},
    )
    sign_baseline(
        client, token, send_baseline(client, token, project["id"]).json(), project["approver"]
    )
    signed = blockers()
    add_requirement(client, token, project["id"], "新增：无障碍通道")
    reworked = blockers()

    assert nothing_signed == ["requirements_not_signed_off"]
    assert refused.status_code == 409
    assert client.get(url, headers=bearer(token)).json()["phase"] == "needs"
    assert with_question == ["open_clarifications", "requirements_not_signed_off"]
    assert signed == []
    assert reworked == ["requirements_reworked"]


def test_another_workspace_and_a_viewer_change_nothing(client, acme, project, uow):
    owner = acme.tokens["owner"]
    requirement = add_requirement(client, owner, project["id"], "闸机刷码进站")
    baseline = send_baseline(client, owner, project["id"]).json()
    before = counts(uow)

    stranger = [
        client.get(
            f"/api/v1/projects/{project['id']}/requirements",
            headers=bearer(acme.tokens["stranger"]),
        ).status_code,
        client.get(
            f"/api/v1/baselines/{baseline['id']}", headers=bearer(acme.tokens["stranger"])
        ).status_code,
        post_json(
            client,
            acme.tokens["stranger"],
            f"/api/v1/projects/{project['id']}/requirements",
            {"title": "x", "kano": "basic"},
        ).status_code,
        sign_baseline(client, acme.tokens["stranger"], baseline, project["approver"]).status_code,
    ]
    viewer = [
        post_json(
            client,
            acme.tokens["viewer"],
            f"/api/v1/projects/{project['id']}/requirements",
            {"title": "x", "kano": "basic"},
        ).status_code,
        sign_baseline(client, acme.tokens["viewer"], baseline, project["approver"]).status_code,
        post_json(
            client,
            acme.tokens["viewer"],
            f"/api/v1/requirements/{requirement['id']}/clarifications",
            {"question": "?"},
        ).status_code,
    ]

    assert stranger == [404, 404, 404, 404]
    assert viewer == [403, 403, 403]
    assert counts(uow) == before
