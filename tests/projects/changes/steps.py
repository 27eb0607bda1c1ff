"""Setup of the change-request tests through the JSON API: a project converted from 华为's won
opportunity (awarded 950,000; 张伟 an approver stakeholder, 李娜 not), one requirement, and a
plan approved by 张伟 as plan baseline v1:

    调研 (Mon 4 – Fri 8 Jan 2027) → 开发 (11–22 Jan) → 测试 (25–29 Jan) → ◆ 上线 (Mon 1 Feb)
    文档 (11–15 Jan), linked to nothing
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from pcrm.projects.changes.models import ChangeDecision, ChangeOption, ChangeRequest
from tests.accounts.builders import create
from tests.factories import bearer, current
from tests.factories.rows import count_rows
from tests.projects.builders import COUNTED, World, convert

EN = {"Accept-Language": "en"}


def counts(uow: Any) -> dict[str, int]:
    """Rows of every projects table, the changes' three and the audit trail."""
    return count_rows(
        uow,
        COUNTED | {"changes": ChangeRequest, "options": ChangeOption, "decisions": ChangeDecision},
    )


@dataclass(frozen=True, slots=True)
class Setting:
    world: World
    project: int
    zhang: int  # 张伟's stakeholder id (approver)
    li: int  # 李娜's (not an approver)
    requirement: int
    tasks: dict[str, int]
    deliverable: int

    @property
    def base(self) -> str:
        return f"/api/v1/projects/{self.project}/changes"

    def h(self, token: str | None = None) -> dict[str, str]:
        return bearer(token or self.world.token) | EN


def setting(client: TestClient, world: World) -> Setting:
    token = world.token
    project = convert(client, world)["id"]
    path = f"/api/v1/projects/{project}"
    register = client.get(f"{path}/stakeholders", headers=bearer(token)).json()
    zhang = next(s["id"] for s in register if s["contact_id"] == world.zhang)
    li = next(s["id"] for s in register if s["contact_id"] == world.li)
    requirement = create(client, token, f"{path}/requirements", title="访客预约", kano="expected")
    tasks: dict[str, int] = {}
    for name, start, end, milestone in (
        ("调研", "2027-01-04", "2027-01-08", False),
        ("开发", "2027-01-11", "2027-01-22", False),
        ("测试", "2027-01-25", "2027-01-29", False),
        ("上线", "2027-02-01", "2027-02-01", True),
        ("文档", "2027-01-11", "2027-01-15", False),
    ):
        tasks[name] = create(
            client,
            token,
            f"{path}/tasks",
            name=name,
            start_on=start,
            end_on=end,
            is_milestone=milestone,
        )["id"]
    for before, after in (("调研", "开发"), ("开发", "测试"), ("测试", "上线")):
        create(
            client,
            token,
            f"{path}/dependencies",
            predecessor_id=tasks[before],
            successor_id=tasks[after],
        )
    deliverable = create(
        client, token, f"{path}/deliverables", name="门禁系统", milestone_id=tasks["上线"]
    )["id"]
    baseline = create(client, token, f"{path}/baselines/plan")
    create(
        client,
        token,
        f"/api/v1/baselines/{baseline['id']}/sign-offs",
        stakeholder_id=zhang,
        baseline_number=baseline["number"],
        decision="approved",
    )
    return Setting(world, project, zhang, li, requirement["id"], tasks, deliverable)


def raise_change(client: TestClient, s: Setting, **fields: Any) -> dict[str, Any]:
    body = {
        "title": "增加访客人脸识别",
        "origin": "customer",
        "raised_by_contact_id": s.world.zhang,
        "raised_on": "2026-12-01",
        "reason": "园区安保要求升级",
        "category": "requirement",
        "requirement_ids": [s.requirement],
        "task_ids": [s.tasks["开发"]],
        "deliverable_ids": [s.deliverable],
    } | fields
    response = client.post(s.base, json=body, headers=s.h())
    assert response.status_code == 201, response.text
    return dict(response.json())


def add_option(client: TestClient, s: Setting, change_id: int, **fields: Any) -> dict[str, Any]:
    response = client.post(f"{s.base}/{change_id}/options", json=fields, headers=s.h())
    assert response.status_code == 201, response.text
    return dict(response.json())


def step(
    client: TestClient,
    s: Setting,
    change_id: int,
    name: str,
    token: str | None = None,
    **body: Any,
) -> Any:
    """POST a step (analysis, sending, decision, implementation, withdrawal) with the current
    ETag."""
    url = f"{s.base}/{change_id}"
    return client.post(f"{url}/{name}", json=body, headers=current(client, url, s.h(token)))


def awaiting(client: TestClient, s: Setting, **fields: Any) -> tuple[dict[str, Any], list[Any]]:
    """A change raised by 张伟 with options A (5 working days on 开发, 80,000, billable) and B
    (no delay, 120,000 with a quality effect), analysed and sent to the customer."""
    change = raise_change(client, s, billable=True, **fields)
    a = add_option(
        client,
        s,
        change["id"],
        title="延期实施",
        cost_delta="80000",
        schedule_delta_days=5,
        new_risks="人脸库对接延期",
    )
    b = add_option(
        client,
        s,
        change["id"],
        title="加派人手",
        cost_delta="120000",
        quality_effect="测试时间压缩",
        quality_level="medium",
    )
    for name in ("analysis", "sending"):
        assert step(client, s, change["id"], name).status_code == 200
    return change, [a, b]
