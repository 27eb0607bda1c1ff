"""The demo's change requests (`pcrm.demo.project_changes`) on the project in execution: the
customer's request decided with its baselines and budget moved, one awaiting the customer, one
of ours withdrawn. On both databases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.changes.models import ChangeDecision, ChangeOption, ChangeRequest
from pcrm.projects.projects.models import Project
from tests.demo.conftest import Demo
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def _one(db: Any, model: Any, record_id: int | None) -> Any:
    return db.scalars(select(model).where(model.id == record_id).execution_options(**GLOBAL)).one()


def test_the_executing_project_has_a_decided_an_awaiting_and_a_withdrawn_change(
    demo: Demo, demo_client: TestClient
):
    with demo.session() as db:
        changes = db.scalars(
            select(ChangeRequest).order_by(ChangeRequest.number).execution_options(**GLOBAL)
        ).all()
        assert [(c.number, c.origin.value, c.state.value) for c in changes] == [
            (1, "customer", "approved"),
            (2, "customer", "awaiting_decision"),
            (3, "us", "withdrawn"),
        ]
        options = db.scalars(select(ChangeOption).execution_options(**GLOBAL)).all()
        assert sorted(sum(1 for o in options if o.change_id == c.id) for c in changes) == [2, 2, 2]
        decision = db.scalars(select(ChangeDecision).execution_options(**GLOBAL)).one()
        chosen = next(o for o in options if o.id == decision.option_id)
        assert (decision.change_id, chosen.cost_delta) == (changes[0].id, Decimal("68000.00"))
        project = _one(db, Project, changes[0].project_id)
        plan = _one(db, Baseline, changes[0].plan_baseline_id)
        assert (plan.status.value, plan.content["change_request"]["code"]) == ("approved", "CR-001")
        opportunity = _one(db, Opportunity, project.opportunity_id)
        # the billable change added its cost to the awarded amount and to the budget baseline
        assert project.budget_amount == opportunity.awarded_amount
        assert changes[1].sent_on is not None
        assert changes[2].withdrawn_reason == "客户要求保持双轨运行至验收，撤回本变更。"
        project_id, plan_number = project.id, plan.number

    gantt = demo_client.get(
        f"/api/v1/projects/{project_id}/gantt", headers=bearer(demo.token)
    ).json()
    assert gantt["baseline"]["number"] == plan_number
    assert gantt["previous_baseline"]["number"] == plan_number - 1
    assert gantt["variance_days"] == 0
