"""The demo's after-sales (`pcrm.demo.service`): two customers with a maintenance plan and four
months of service requests — answered, resolved and rated, some breached, a complaint, a few
still open — shown on the desk."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.service.desk.models import ServiceRequest
from pcrm.service.plans.models import MaintenancePlan
from tests.demo.conftest import Demo
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def test_two_customers_have_a_plan_and_months_of_requests(demo: Demo, demo_client: TestClient):
    with demo.session() as db:
        plans = db.scalars(select(MaintenancePlan).execution_options(**GLOBAL)).all()
        requests = db.scalars(select(ServiceRequest).execution_options(**GLOBAL)).all()
        _check(plans, requests)

    desk = demo_client.get("/service?breached=true", headers=bearer(demo.token))
    assert desk.status_code == 200
    assert "SR-0000" in desk.text


def _check(plans: list[MaintenancePlan], requests: list[ServiceRequest]) -> None:
    assert len({p.account_id for p in plans}) == 2
    assert all(r.plan_id in {p.id for p in plans} for r in requests)
    statuses = {r.status.value for r in requests}
    assert statuses == {"new", "in_progress", "awaiting_customer", "closed"}
    assert any(r.category.value == "complaint" and r.spread_to for r in requests)
    late = [r for r in requests if r.resolved_at and r.resolved_at > r.resolution_due_at]
    in_time = [r for r in requests if r.resolved_at and r.resolved_at <= r.resolution_due_at]
    assert late
    assert in_time
    assert {r.rating for r in requests if r.status.value == "closed"} >= {2, 5}
