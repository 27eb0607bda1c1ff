"""The portal's test world, written like real use: acme's project manager invites customer
contacts from stakeholder rows, they set their passwords through the link and sign in at
/portal/login.

acme: project 智慧园区 of 华为 with 张伟 (approver), 李娜 (not an approver) and 王芳 as
stakeholders, a requirements baseline v1 in review, a question to 张伟, an internal risk and
an account team; project 腾讯内部项目 of another account with its own portal user 赵敏; the
other workspace's project 外部工作区项目 with its portal user 外客."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from tests.accounts.builders import create, new_account, new_contact
from tests.factories import Team, bearer, current, sign_in

PASSWORD = "portal-pass-2026"
# names that must never reach another portal user's pages
INTERNAL_RISK = "内部风险甲乙丙"
OTHER_ACCOUNT_PROJECT = "腾讯内部项目"
OTHER_WORKSPACE_PROJECT = "外部工作区项目"


@dataclass(frozen=True, slots=True)
class PortalWorld:
    project_id: int
    other_project_id: int
    foreign_project_id: int
    baseline_id: int
    question_id: int
    question_version: int
    change_id: int
    options: list[tuple[int, int]]  # (id, version) of A and B
    approver_stakeholder: int
    viewer_stakeholder: int
    leaver_stakeholder: int
    leaver_contact: int
    emails: dict[str, str]


def portal_csrf(client: TestClient) -> str:
    if "pcrm_portal_csrf" not in client.cookies:
        client.get("/portal/login")
    return str(client.cookies["pcrm_portal_csrf"])


def _stakeholder(client: TestClient, token: str, project: int, contact: int, approver: bool) -> int:
    return int(
        create(
            client,
            token,
            f"/api/v1/projects/{project}/stakeholders",
            contact_id=contact,
            project_role="management" if approver else "user",
            stakes=["decides"] if approver else ["uses"],
            power=4,
            interest=4,
            is_approver=approver,
        )["id"]
    )


def invite(staff: TestClient, staff_csrf: str, project: int, stakeholder: int) -> str:
    """The project manager invites the stakeholder's contact; the link's token, read from the
    page they see."""
    page = staff.post(
        f"/projects/{project}/stakeholders/{stakeholder}/portal-invitation",
        data={"csrf_token": staff_csrf},
    )
    assert page.status_code == 200, page.text
    found = re.search(r"/portal/join/([A-Za-z0-9_-]+)", page.text)
    assert found is not None
    return found.group(1)


def join(client: TestClient, token: str, password: str = PASSWORD) -> None:
    csrf = portal_csrf(client)
    joined = client.post(f"/portal/join/{token}", data={"csrf_token": csrf, "password": password})
    assert joined.status_code == 303, joined.text


def portal_sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign in to the portal; the portal's CSRF token for later posts (rotated at sign-in)."""
    csrf = portal_csrf(client)
    response = client.post(
        "/portal/login", data={"csrf_token": csrf, "email": email, "password": password}
    )
    assert response.status_code == 303, response.text
    return str(client.cookies["pcrm_portal_csrf"])


def portal_world(client: TestClient, staff: TestClient, team: Team) -> PortalWorld:
    token = team.tokens["owner"]
    h = bearer(token)
    huawei = new_account(client, token, "华为")["id"]
    zhang = new_contact(client, token, huawei, "张伟", email="zhang@huawei.example")["id"]
    li = new_contact(client, token, huawei, "李娜", email="li@huawei.example")["id"]
    wang = new_contact(client, token, huawei, "王芳", email="wang@huawei.example")["id"]
    tencent = new_account(client, token, "腾讯科技")["id"]
    zhao = new_contact(client, token, tencent, "赵敏", email="zhao@tencent.example")["id"]
    project = create(
        client, token, "/api/v1/projects",
        name="智慧园区", account_id=huawei, manager_id=team.owner.user_id,
    )["id"]  # fmt: skip
    create(
        client, token, f"/api/v1/projects/{project}/team",
        user_id=team.owner.user_id, role="pm", allocation=50,
    )  # fmt: skip
    approver = _stakeholder(client, token, project, zhang, True)
    viewer = _stakeholder(client, token, project, li, False)
    leaver = _stakeholder(client, token, project, wang, False)
    requirement = create(
        client, token, f"/api/v1/projects/{project}/requirements",
        title="园区门禁统一认证", kano="basic",
    )["id"]  # fmt: skip
    create(
        client, token, f"/api/v1/projects/{project}/risks",
        description=INTERNAL_RISK, category="technical", probability=3, impact=3,
    )  # fmt: skip
    baseline = create(client, token, f"/api/v1/projects/{project}/baselines/requirements")
    question = create(
        client, token, f"/api/v1/requirements/{requirement}/clarifications",
        question="门禁是否需要访客二维码？", asked_to_id=zhang,
    )  # fmt: skip
    change = create(
        client, token, f"/api/v1/projects/{project}/changes",
        title="增加访客人脸识别", origin="customer", raised_by_contact_id=zhang,
        raised_on="2026-12-01", reason="园区安保要求升级", category="requirement",
    )  # fmt: skip
    options = [
        create(
            client,
            token,
            f"/api/v1/projects/{project}/changes/{change['id']}/options",
            title=title,
            cost_delta=cost,
        )
        for title, cost in (("分期实施", "30000"), ("一次到位", "50000"))
    ]
    for name in ("analysis", "sending"):
        url = f"/api/v1/projects/{project}/changes/{change['id']}"
        sent = client.post(f"{url}/{name}", json={}, headers=current(client, url, h))
        assert sent.status_code == 200, sent.text
    other = create(
        client, token, "/api/v1/projects", name=OTHER_ACCOUNT_PROJECT, account_id=tencent
    )
    other_stake = _stakeholder(client, token, other["id"], zhao, True)
    stranger = team.tokens["stranger"]
    elsewhere = new_account(client, stranger, "外部客户")["id"]
    outsider = new_contact(client, stranger, elsewhere, "外客", email="guest@outside.example")["id"]
    foreign = create(
        client, stranger, "/api/v1/projects", name=OTHER_WORKSPACE_PROJECT, account_id=elsewhere
    )["id"]
    foreign_stake = _stakeholder(client, stranger, foreign, outsider, True)
    staff_csrf = sign_in(staff, "owner@acme.example")
    for stake, proj in ((approver, project), (viewer, project), (leaver, project)):
        join(client, invite(staff, staff_csrf, proj, stake))
    join(client, invite(staff, staff_csrf, other["id"], other_stake))
    outside = TestClient(staff.app, base_url="http://testserver", follow_redirects=False)
    join(client, invite(outside, sign_in(outside, "owner@other.example"), foreign, foreign_stake))
    assert client.get(f"/api/v1/baselines/{baseline['id']}", headers=h).status_code == 200
    return PortalWorld(
        project_id=project,
        other_project_id=other["id"],
        foreign_project_id=foreign,
        baseline_id=baseline["id"],
        question_id=question["id"],
        question_version=question["version"],
        change_id=change["id"],
        options=[(o["id"], o["version"]) for o in options],
        approver_stakeholder=approver,
        viewer_stakeholder=viewer,
        leaver_stakeholder=leaver,
        leaver_contact=wang,
        emails={
            "approver": "zhang@huawei.example",
            "viewer": "li@huawei.example",
            "leaver": "wang@huawei.example",
            "other_account": "zhao@tencent.example",
            "other_workspace": "guest@outside.example",
        },
    )


def sign_off_rows(uow: Any) -> dict[str, int]:
    from pcrm.identity.portal_users.models import PortalSession, PortalUser
    from pcrm.projects.baselines.models import Baseline, SignOff
    from pcrm.projects.changes.models import ChangeDecision, ChangeRequest
    from pcrm.projects.customer.models import PortalAct
    from pcrm.projects.requirements.models import Clarification
    from tests.factories.rows import count_rows

    return count_rows(
        uow,
        {
            "sign_offs": SignOff,
            "baselines": Baseline,
            "clarifications": Clarification,
            "acts": PortalAct,
            "change_decisions": ChangeDecision,
            "changes": ChangeRequest,
            "portal_users": PortalUser,
            "portal_sessions": PortalSession,
        },
    )
