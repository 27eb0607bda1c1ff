"""The demo's progress reports (`pcrm.demo.project_reports`) on the project in execution: last
month's monthly report issued as version 1 with its figures frozen, and this month's draft."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.projects.reports.models import ProjectReport
from tests.demo.conftest import Demo
from tests.factories import bearer

pytestmark = pytest.mark.xdist_group("demo")


def test_the_executing_project_has_an_issued_monthly_report_and_a_draft(
    demo: Demo, demo_client: TestClient
):
    with demo.session() as db:
        reports = db.scalars(
            select(ProjectReport).order_by(ProjectReport.id).execution_options(**GLOBAL)
        ).all()
        assert [(r.kind.value, r.status.value, r.number) for r in reports] == [
            ("monthly", "issued", 1),
            ("on_demand", "draft", None),
        ]
        issued, draft = reports
        assert (issued.period_start.day, issued.period_end.month) == (
            1,
            draft.period_start.month - 1 or 12,
        )
        assert draft.snapshot is None
        sections = {s["key"]: s for s in issued.snapshot["sections"]}
        assert [c["code"] for c in sections["cost"]["changes"]] == ["CR-001"]
        assert sections["cost"]["approved_delta"] == "68000.00"
        project_id, report_id = issued.project_id, issued.id

    pdf = demo_client.get(
        f"/api/v1/projects/{project_id}/reports/{report_id}.pdf", headers=bearer(demo.token)
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
