"""The customer portal end to end through HTTP: invitation, sign-in, the inbox, a sign-off and
an answer written with channel = portal and their receipts, the project manager's view,
revocation and the contact leaving their account."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.projects.baselines.models import SignOff
from pcrm.projects.changes.models import ChangeDecision
from pcrm.projects.customer.models import PortalAct
from tests.factories import bearer, current, make_team, sign_in
from tests.portal.builders import (
    INTERNAL_RISK,
    OTHER_ACCOUNT_PROJECT,
    OTHER_WORKSPACE_PROJECT,
    PASSWORD,
    portal_csrf,
    portal_sign_in,
    portal_world,
    sign_off_rows,
)


@pytest.fixture
def acme(uow):
    with uow() as db:
        return make_team(db)


@pytest.fixture
def world(client, make_client, acme):
    return portal_world(client, make_client(), acme)


def test_the_approver_sees_what_awaits_them_and_nothing_internal(make_client, world):
    portal = make_client()
    portal_sign_in(portal, world.emails["approver"])
    home = portal.get("/portal")
    assert home.status_code == 200
    assert f'data-testid="pending-baseline-{world.baseline_id}"' in home.text
    assert f'data-testid="pending-clarification-{world.question_id}"' in home.text
    page = portal.get(f"/portal/projects/{world.project_id}")
    assert page.status_code == 200
    assert "园区门禁统一认证" in page.text
    assert "王总" in page.text  # the account team: acme's owner is the PM
    for secret in (INTERNAL_RISK, OTHER_ACCOUNT_PROJECT, OTHER_WORKSPACE_PROJECT):
        assert secret not in home.text + page.text


def test_the_approver_signs_the_baseline_in_the_portal(make_client, client, world, uow, acme):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    signed = portal.post(
        f"/portal/projects/{world.project_id}/baselines/{world.baseline_id}/decision",
        data={
            "csrf_token": csrf,
            "baseline_number": "1",
            "decision": "approved",
            "comment": "同意",
        },
        headers={"user-agent": "WeChat/8.0 test"},
    )
    assert signed.status_code == 303, signed.text
    with uow() as db:
        sign_off = db.scalar(select(SignOff).execution_options(**GLOBAL))
        act = db.scalar(select(PortalAct).execution_options(**GLOBAL))
    assert (sign_off.channel, sign_off.decision, sign_off.recorded_by_id) == (
        "portal", "approved", None,
    )  # fmt: skip
    assert (sign_off.signer_name, sign_off.comment, sign_off.baseline_number) == ("张伟", "同意", 1)
    assert (act.kind, act.actor_name, act.user_agent, act.ip) == (
        "baseline_decision", "张伟", "WeChat/8.0 test", "testclient",
    )  # fmt: skip
    baseline = client.get(
        f"/api/v1/baselines/{world.baseline_id}", headers=bearer(acme.tokens["owner"])
    ).json()
    assert baseline["status"] == "approved"
    staff = make_client()
    sign_in(staff, "owner@acme.example")
    tab = staff.get(f"/projects/{world.project_id}?tab=stakeholders")
    assert 'data-testid="portal-acts"' in tab.text
    assert "WeChat/8.0 test" in tab.text


def test_a_decision_on_a_stale_version_is_409_and_writes_nothing(make_client, world, uow):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    before = sign_off_rows(uow)
    stale = portal.post(
        f"/portal/projects/{world.project_id}/baselines/{world.baseline_id}/decision",
        data={"csrf_token": csrf, "baseline_number": "2", "decision": "approved"},
    )
    assert stale.status_code == 409
    assert 'data-testid="portal-error"' in stale.text
    assert sign_off_rows(uow) == before


def test_only_an_approver_decides(make_client, world, uow):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["viewer"])
    before = sign_off_rows(uow)
    refused = portal.post(
        f"/portal/projects/{world.project_id}/baselines/{world.baseline_id}/decision",
        data={"csrf_token": csrf, "baseline_number": "1", "decision": "approved"},
    )
    assert refused.status_code == 403
    assert sign_off_rows(uow) == before
    page = portal.get(f"/portal/projects/{world.project_id}")
    assert f'data-testid="approve-baseline-{world.baseline_id}"' not in page.text


def test_the_contact_answers_their_question(make_client, client, world, acme):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    answered = portal.post(
        f"/portal/projects/{world.project_id}/questions/{world.question_id}/answer",
        data={"csrf_token": csrf, "version": str(world.question_version), "answer": "需要"},
    )
    assert answered.status_code == 303, answered.text
    questions = client.get(
        f"/api/v1/projects/{world.project_id}/clarifications",
        headers=bearer(acme.tokens["owner"]),
    ).json()
    assert [(q["status"], q["answer"]) for q in questions] == [("answered", "需要")]
    again = portal.post(
        f"/portal/projects/{world.project_id}/questions/{world.question_id}/answer",
        data={"csrf_token": csrf, "version": str(world.question_version), "answer": "不需要"},
    )
    assert again.status_code == 409


def test_revoking_ends_the_session_at_once(make_client, world):
    portal = make_client()
    portal_sign_in(portal, world.emails["viewer"])
    assert portal.get("/portal").status_code == 200
    staff = make_client()
    staff_csrf = sign_in(staff, "owner@acme.example")
    revoked = staff.post(
        f"/projects/{world.project_id}/stakeholders/{world.viewer_stakeholder}/portal-revocation",
        data={"csrf_token": staff_csrf},
    )
    assert revoked.status_code == 303
    assert portal.get("/portal").headers["location"] == "/portal/login"
    again = make_client()
    csrf = portal_csrf(again)
    refused = again.post(
        "/portal/login",
        data={"csrf_token": csrf, "email": world.emails["viewer"], "password": PASSWORD},
    )
    assert refused.status_code == 400


def test_a_contact_who_leaves_the_account_loses_the_portal(make_client, client, world, acme):
    portal = make_client()
    portal_sign_in(portal, world.emails["leaver"])
    assert portal.get("/portal").status_code == 200
    h = bearer(acme.tokens["owner"])
    left = client.patch(
        f"/api/v1/contacts/{world.leaver_contact}",
        json={"status": "left", "left_on": "2026-12-01"},
        headers=current(client, f"/api/v1/contacts/{world.leaver_contact}", h),
    )
    assert left.status_code == 200, left.text
    assert portal.get("/portal").status_code == 303


def test_an_invitation_link_works_once(make_client, client, world, acme):
    staff = make_client()
    staff_csrf = sign_in(staff, "owner@acme.example")
    page = staff.post(
        f"/projects/{world.project_id}/stakeholders/{world.approver_stakeholder}/portal-invitation",
        data={"csrf_token": staff_csrf},
    )
    token = page.text.split("/portal/join/")[1].split('"')[0]
    fresh = make_client()
    assert fresh.get(f"/portal/join/{token}").status_code == 200
    csrf = portal_csrf(fresh)
    short = fresh.post(f"/portal/join/{token}", data={"csrf_token": csrf, "password": "short"})
    assert short.status_code == 422
    done = fresh.post(
        f"/portal/join/{token}", data={"csrf_token": csrf, "password": "new-pass-2026"}
    )
    assert done.status_code == 303
    assert fresh.get(f"/portal/join/{token}").status_code == 404
    portal_sign_in(fresh, world.emails["approver"], "new-pass-2026")


def test_the_approver_chooses_an_option_of_a_change(make_client, client, world, uow, acme):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    home = portal.get("/portal")
    assert f'data-testid="pending-change-{world.change_id}"' in home.text
    option_b = world.options[1]
    decided = portal.post(
        f"/portal/projects/{world.project_id}/changes/{world.change_id}/decision",
        data={
            "csrf_token": csrf,
            "option": f"{option_b[0]}:{option_b[1]}",
            "decision": "approved",
            "comment": "一次到位",
        },
    )
    assert decided.status_code == 303, decided.text
    with uow() as db:
        decision = db.scalar(select(ChangeDecision).execution_options(**GLOBAL))
        act = db.scalar(select(PortalAct).execution_options(**GLOBAL))
    assert (decision.channel, decision.recorded_by_id, decision.option_id) == (
        "portal", None, option_b[0],
    )  # fmt: skip
    assert (act.kind, act.record_id) == ("change_decision", world.change_id)
    change = client.get(
        f"/api/v1/projects/{world.project_id}/changes/{world.change_id}",
        headers=bearer(acme.tokens["owner"]),
    ).json()
    assert change["state"] == "approved"
    assert f'data-testid="pending-change-{world.change_id}"' not in portal.get("/portal").text


def test_a_change_decision_on_a_stale_option_is_409_and_writes_nothing(make_client, world, uow):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    before = sign_off_rows(uow)
    option_a = world.options[0]
    stale = portal.post(
        f"/portal/projects/{world.project_id}/changes/{world.change_id}/decision",
        data={"csrf_token": csrf, "option": f"{option_a[0]}:9", "decision": "approved"},
    )
    assert stale.status_code == 409
    assert 'data-testid="portal-error"' in stale.text
    missing = portal.post(
        f"/portal/projects/{world.project_id}/changes/{world.change_id}/decision",
        data={"csrf_token": csrf, "option": "", "decision": "approved"},
    )
    assert missing.status_code == 422
    assert sign_off_rows(uow) == before


def test_the_approver_rejects_a_change(make_client, client, world, acme):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    rejected = portal.post(
        f"/portal/projects/{world.project_id}/changes/{world.change_id}/decision",
        data={"csrf_token": csrf, "decision": "rejected", "comment": "暂缓"},
    )
    assert rejected.status_code == 303
    change = client.get(
        f"/api/v1/projects/{world.project_id}/changes/{world.change_id}",
        headers=bearer(acme.tokens["owner"]),
    ).json()
    assert change["state"] == "rejected"


def test_a_stakeholder_raises_a_change_request(make_client, client, world, uow, acme):
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["viewer"])
    before = sign_off_rows(uow)
    blank = portal.post(
        f"/portal/projects/{world.project_id}/changes",
        data={"csrf_token": csrf, "title": "", "reason": "", "category": "scope"},
    )
    assert blank.status_code == 422
    assert sign_off_rows(uow) == before
    raised = portal.post(
        f"/portal/projects/{world.project_id}/changes",
        data={
            "csrf_token": csrf,
            "title": "增加停车场引导",
            "reason": "访客停车难",
            "category": "scope",
        },
        headers={"user-agent": "WeChat/8.0 test"},
    )
    assert raised.status_code == 303, raised.text
    found = client.get(
        f"/api/v1/projects/{world.project_id}/changes", headers=bearer(acme.tokens["owner"])
    ).json()["items"]
    mine = [c for c in found if c["title"] == "增加停车场引导"]
    assert [(c["origin"], c["state"], c["category"]) for c in mine] == [
        ("customer", "submitted", "scope")
    ]
    with uow() as db:
        kinds = set(db.scalars(select(PortalAct.kind).execution_options(**GLOBAL)))
    assert kinds == {"change_raised"}
