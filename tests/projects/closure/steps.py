"""Steps of the closure tests: the acts the closure gate needs, recorded through the API."""

from __future__ import annotations

from typing import Any

from tests.factories import bearer, current
from tests.projects.builders import World

EN = {"Accept-Language": "en"}
SCORES = {
    "communication": 5,
    "responsiveness": 4,
    "quality": 4,
    "schedule": 3,
    "cost": 4,
    "team": 5,
    "service": 4,
}
RATINGS = {
    "communication": 5,
    "responsiveness": 4,
    "needs_understanding": 4,
    "delivery_quality": 4,
    "schedule": 3,
    "cost_control": 4,
    "change_handling": 2,
    "professionalism": 5,
}


def analysis(world: World, **body: Any) -> dict[str, Any]:
    return {
        "respondent_id": world.zhang,
        "surveyed_on": "2026-12-03",
        "scores": SCORES,
        "satisfied_points": ["项目经理响应及时", "上线切换平稳"],
        "dissatisfied_points": ["变更评估周期偏长"],
        "improvement_items": ["培训材料需补充操作视频"],
    } | body


def evaluation(world: World, **body: Any) -> dict[str, Any]:
    return {
        "evaluator_id": world.zhang,
        "evaluated_on": "2026-12-04",
        "ratings": RATINGS,
        "suggestions": "变更评审希望缩短到一周内",
        "criticism": "二期需求确认时文档版本混乱",
    } | body


def put(client, world: World, pid: int, what: str, body: dict[str, Any], token: str | None = None):
    return client.put(
        f"/api/v1/projects/{pid}/{what}", json=body, headers=bearer(token or world.token) | EN
    )


def stakeholder(client, world: World, pid: int) -> None:
    """张伟 on the project's stakeholder register (the forms' respondent must be on it)."""
    path = f"/api/v1/projects/{pid}/stakeholders"
    register = client.get(path, headers=bearer(world.token)).json()
    if world.zhang in {s["contact_id"] for s in register}:
        return
    response = client.post(
        f"/api/v1/projects/{pid}/stakeholders",
        json={
            "contact_id": world.zhang,
            "project_role": "management",
            "stakes": ["decides"],
            "power": 5,
            "interest": 4,
        },
        headers=bearer(world.token),
    )
    assert response.status_code == 201, response.text


def lessons_meeting(client, world: World, pid: int) -> None:
    response = client.post(
        f"/api/v1/projects/{pid}/meetings",
        json={
            "kind": "lessons_learned",
            "title": "经验教训总结会",
            "held_on": "2026-12-02",
            "contact_ids": [world.zhang],
        },
        headers=bearer(world.token),
    )
    assert response.status_code == 201, response.text


def lesson(client, world: World, pid: int, **body: Any):
    return client.post(
        f"/api/v1/projects/{pid}/lessons",
        json={"category": "went_well", "text": "每周与客户对齐范围，变更少"} | body,
        headers=bearer(world.token) | EN,
    )


def closure_acts(client, world: World, pid: int) -> None:
    """Everything the gate needs: a stakeholder, the lessons-learned meeting with the customer,
    both forms and a lesson."""
    stakeholder(client, world, pid)
    lessons_meeting(client, world, pid)
    for what, body in (
        ("satisfaction-analysis", analysis(world)),
        ("organisation-evaluation", evaluation(world)),
    ):
        response = put(client, world, pid, what, body)
        assert response.status_code == 200, response.text
    assert lesson(client, world, pid).status_code == 201


def start(client, world: World, pid: int) -> None:
    path = f"/api/v1/projects/{pid}"
    moved = client.post(
        f"{path}/status",
        json={"status": "active"},
        headers=current(client, path, bearer(world.token)),
    )
    assert moved.status_code == 200, moved.text


def close(client, world: World, pid: int, **body: Any):
    path = f"/api/v1/projects/{pid}"
    return client.post(
        f"{path}/closure", json=body, headers=current(client, path, bearer(world.token)) | EN
    )
