"""Steps of the deliverables tests: a project with an approver (张伟) and a user stakeholder
(李娜, not an approver), one requirement and a deliverable; the API calls of each step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from pcrm.core.audit import AuditEntry
from pcrm.projects.baselines.models import Baseline, SignOff
from pcrm.projects.conflicts.models import ProjectConflict
from pcrm.projects.deliverables.models import InspectionResult, QualityInspection, QualityStandard
from pcrm.projects.plan.models import Deliverable
from tests.accounts.builders import create
from tests.factories import bearer
from tests.factories.rows import count_rows
from tests.projects.builders import World, direct_project, signed_requirements

EN = {"Accept-Language": "en"}
COUNTED = {
    "deliverables": Deliverable,
    "standards": QualityStandard,
    "inspections": QualityInspection,
    "results": InspectionResult,
    "conflicts": ProjectConflict,
    "baselines": Baseline,
    "sign_offs": SignOff,
    "audit_entries": AuditEntry,
}


def rows(uow: Any) -> dict[str, int]:
    return count_rows(uow, COUNTED)


@dataclass(frozen=True, slots=True)
class Setup:
    project_id: int
    deliverable_id: int
    approver: int  # 张伟's stakeholder id
    user: int  # 李娜's stakeholder id (not an approver)
    requirement_id: int


def setup(client: TestClient, world: World) -> Setup:
    pid = direct_project(client, world)["id"]
    signed_requirements(client, world, pid)
    path = f"/api/v1/projects/{pid}"
    register = client.get(f"{path}/stakeholders", headers=bearer(world.token)).json()
    approver = next(s["id"] for s in register if s["is_approver"])
    user = create(
        client, world.token, f"{path}/stakeholders", contact_id=world.li,
        project_role="user", stakes=["uses"], power=2, interest=5,
    )["id"]  # fmt: skip
    requirement = client.get(f"{path}/requirements", headers=bearer(world.token)).json()
    rid = requirement[0]["id"]
    deliverable = create(
        client, world.token, f"{path}/deliverables", name="门禁系统部署手册",
        description="安装、配置与运维说明", requirement_ids=[rid],
    )["id"]  # fmt: skip
    return Setup(pid, deliverable, approver, user, rid)


def url(s: Setup, tail: str = "") -> str:
    return f"/api/v1/projects/{s.project_id}/deliverables/{s.deliverable_id}{tail}"


def version(client: TestClient, world: World, s: Setup) -> int:
    return int(client.get(url(s), headers=bearer(world.token)).json()["version"])


def step(client, world: World, s: Setup, tail: str, body: dict[str, Any], *,
         token: str | None = None, if_match: str | None = "current"):  # fmt: skip
    headers = bearer(token or world.token) | EN
    if if_match == "current":
        headers["If-Match"] = f'"v{version(client, world, s)}"'
    elif if_match is not None:
        headers["If-Match"] = if_match
    return client.post(url(s, tail), json=body, headers=headers)


def deliver(client, world: World, s: Setup, **body: Any):
    sent = {"delivered_on": "2026-12-01", "delivery_note": "部署手册 v1.0 已发至客户邮箱"}
    return step(client, world, s, "/delivery", sent | body)


def decide(client, world: World, s: Setup, outcome: str, **body: Any):
    return step(client, world, s, "/decision",
                {"outcome": outcome, "stakeholder_id": s.approver} | body)  # fmt: skip


def standard(client, world: World, s: Setup, **body: Any):
    return client.post(
        url(s, "/standards"),
        json={"kind": "performance", "metric": "页面响应时间", "target_value": "2",
              "unit": "秒", "comparison": "at_most"} | body,
        headers=bearer(world.token) | EN,
    )  # fmt: skip


def inspect(client, world: World, s: Setup, **body: Any):
    return client.post(
        url(s, "/inspections"),
        json={"inspected_on": "2026-12-02"} | body,
        headers=bearer(world.token) | EN,
    )
