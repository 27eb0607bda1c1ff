"""The demo's projects (`pcrm.demo.projects`): converted from the demo's won opportunities
through the projects area's public calls, in different phases and statuses, with teams,
stakeholders and constraints, and readable through the API. On both databases."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.demo.projects import CURRENT, DELIVERED
from pcrm.notifications.models import Reminder
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.constraints.models import Constraint
from pcrm.projects.projects.models import Project
from pcrm.projects.stakeholders.models import Stakeholder
from pcrm.projects.team.models import TeamMember
from tests.demo.conftest import Demo
from tests.demo.rows import count
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def test_the_demo_projects_come_from_won_opportunities_in_several_states(
    demo: Demo, demo_client: TestClient
):
    with demo.session() as db:
        projects = db.scalars(select(Project).execution_options(**GLOBAL)).all()
        # won opportunities: one per story in joint execution, and two delivered ones
        stage_of = dict(
            db.execute(select(Opportunity.id, Opportunity.stage).execution_options(**GLOBAL)).all()
        )
        stages = Counter(stage_of[p.opportunity_id].value for p in projects)
        assert stages == {"execution": len(CURRENT), "delivered": len(DELIVERED)}
        statuses = Counter(p.status.value for p in projects)
        assert set(statuses) == {"draft", "active", "on_hold", "closed", "archived", "terminated"}
        assert {p.phase.value for p in projects} == {"needs", "planning", "execution", "closure"}
        # the project codes count up in the workspace, each with its manager and baselines
        assert sorted(p.code[-3:] for p in projects) == [
            f"{n:03d}" for n in range(1, len(projects) + 1)
        ]
        assert all(p.manager_id and p.start_on and p.end_on for p in projects)
        # each with a team, a register beyond the decision chain and constraints
        for model in (TeamMember, Stakeholder, Constraint):
            assert {
                row.project_id for row in db.scalars(select(model).execution_options(**GLOBAL))
            } == {p.id for p in projects}
        terminated = next(p for p in projects if p.status.value == "terminated")
        assert terminated.termination_reason == (
            "总行统一建设同类平台，分行项目终止；已完成需求调研与原型设计"
        )
        assert count(db, Constraint) >= 2 * len(projects)

    listed = demo_client.get("/api/v1/projects", headers=bearer(demo.token)).json()
    assert listed["total"] == len(projects)


def test_the_demo_shows_signed_rejected_and_late_requirement_baselines(demo: Demo):
    with demo.session() as db:
        baselines = db.scalars(
            select(Baseline)
            .order_by(Baseline.project_id, Baseline.number)
            .execution_options(**GLOBAL)
        ).all()
        # the deliverables' acceptance baselines are the demo_delivery tests' concern
        baselines = [b for b in baselines if b.kind.value != "acceptance"]
        statuses = Counter(b.status.value for b in baselines)
        # v1 sent back by the customer, v2 approved, on the first project in planning
        assert statuses["rejected"] == 1
        assert statuses["approved"] >= 4
        pending = [
            b for b in baselines if b.status.value == "in_review" and b.kind.value == "requirements"
        ]
        assert pending
        today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
        assert {(today - b.sent_on).days for b in pending} == {8}
        reminders = db.scalars(
            select(Reminder)
            .where(Reminder.source_type == "project_baseline", Reminder.done_at.is_(None))
            .execution_options(**GLOBAL)
        ).all()
        # every baseline with the customer keeps its reminder; the requirements' ones are late
        in_review = {b.id for b in baselines if b.status.value == "in_review"}
        assert sorted(r.source_id for r in reminders) == sorted(in_review)
        late = [r for r in reminders if r.source_id in {b.id for b in pending}]
        assert late
        assert all(r.due_at < datetime.now(ZoneInfo("Asia/Shanghai")) for r in late)
        rejected = next(b for b in baselines if b.status.value == "rejected")
        again = next(
            b
            for b in baselines
            if b.project_id == rejected.project_id and b.kind == rejected.kind and b.number == 2
        )
        assert again.status.value == "approved"
        assert again.content_hash != rejected.content_hash
