"""The demo's project closure (`pcrm.demo.project_closure`): the delivered projects closed
through the gate with both forms, lessons, improvement actions and follow-ups; a project in
execution whose Closure tab shows which checks still fail. On both databases."""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.projects.closure.models import FollowUp, ImprovementAction
from pcrm.projects.projects.models import Project
from tests.demo.conftest import Demo
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def test_the_delivered_projects_are_closed_with_their_papers_and_one_shows_what_is_missing(
    demo: Demo, demo_client: TestClient
):
    with demo.session() as db:
        projects = [
            (p.id, p.status.value)
            for p in db.scalars(select(Project).execution_options(**GLOBAL)).all()
        ]
        finished = [pid for pid, status in projects if status in ("closed", "archived")]
        statuses = Counter(
            a.status.value
            for a in db.scalars(select(ImprovementAction).execution_options(**GLOBAL))
        )
        visits = Counter(
            v.project_id for v in db.scalars(select(FollowUp).execution_options(**GLOBAL))
        )
    assert len(finished) == 2
    assert statuses == {"verified": 2, "in_progress": 2, "open": 2}
    assert visits == dict.fromkeys(finished, 3)
    for pid in finished:
        gate = demo_client.get(f"/api/v1/projects/{pid}/closure", headers=bearer(demo.token)).json()
        assert all(c["passed"] for c in gate["checks"])
    begun = [
        demo_client.get(f"/api/v1/projects/{pid}/closure", headers=bearer(demo.token)).json()
        for pid, status in projects
        if status == "active"
    ]
    failing = [
        sorted(c["code"] for c in g["checks"] if not c["passed"])
        for g in begun
        if any(c["code"] == "satisfaction_analysis" and c["passed"] for c in g["checks"])
    ]
    # the project in execution: deliverables not all accepted, a change request awaits the
    # customer, no lessons-learned meeting yet, and the evaluation of our organisation is not filled
    assert failing == [
        [
            "change_decisions",
            "deliverables",
            "lessons_learned_meeting",
            "organisation_evaluation",
        ]
    ]
