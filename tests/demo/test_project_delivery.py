"""The demo's deliverables (`pcrm.demo.project_delivery`): every acceptance state among the
projects past planning, standards of both groups, a failed inspection with its open issue, and
each decision signed on an acceptance baseline. On both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.conflicts.models import ProjectConflict
from pcrm.projects.deliverables.models import QualityInspection, QualityStandard
from pcrm.projects.plan.models import Deliverable
from tests.demo.conftest import Demo
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def test_the_demo_deliverables_show_every_state_with_quality_and_a_failed_inspection(
    demo: Demo, demo_client: TestClient
):
    with demo.session() as db:
        rows = db.scalars(select(Deliverable).execution_options(**GLOBAL)).all()
        states = {d.status.value for d in rows}
        standards = db.scalars(select(QualityStandard).execution_options(**GLOBAL)).all()
        inspections = db.scalars(select(QualityInspection).execution_options(**GLOBAL)).all()
        failed = [i for i in inspections if not i.passed]
        issue = db.scalars(
            select(ProjectConflict)
            .where(ProjectConflict.id == failed[0].issue_id)
            .execution_options(**GLOBAL)
        ).one()
        signed = db.scalars(
            select(Baseline).where(Baseline.kind == "acceptance").execution_options(**GLOBAL)
        ).all()
        decided = [d for d in rows if d.status.value in ("accepted", "rejected", "waived")]
        blocked = next(d for d in rows if d.status.value == "in_inspection")

        assert states == {"planned", "delivered", "in_inspection", "accepted", "rejected", "waived"}
        assert {s.kind.value for s in standards} >= {"performance", "security", "response_time"}
        assert failed
        assert all(i.issue_id for i in failed)
        assert (issue.element.value, issue.title) == ("quality", "质量检查未通过：部署与运维手册")
        assert len(signed) == len(decided)
        assert {d.acceptance_baseline_id for d in decided} == {b.id for b in signed}
        blocked_project, blocked_id = blocked.project_id, blocked.id

    page = demo_client.get(
        f"/api/v1/projects/{blocked_project}/deliverables", headers=bearer(demo.token)
    ).json()
    shown = next(d for d in page if d["id"] == blocked_id)
    assert shown["blocked_by_failed_inspection"] is True
    assert "accepted" not in shown["next_steps"]
