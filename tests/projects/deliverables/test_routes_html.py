"""The deliverables tab: delivered, inspected (a failed inspection opening an issue), the
customer's decision refused inline in the user's language and then recorded; a standard edited
in place; the plan tab's deliverables still listed."""

from __future__ import annotations

from io import BytesIO

from tests.factories import sign_in
from tests.opportunities.bids import english, post_form
from tests.projects.builders import World
from tests.projects.deliverables.steps import rows, setup, standard


def test_a_deliverable_goes_from_delivery_to_acceptance_on_the_tab(client, world: World, uow):
    s = setup(client, world)
    pace = standard(client, world, s).json()["standards"][0]
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    base = f"/projects/{s.project_id}/deliverables/{s.deliverable_id}"

    empty = client.get(f"/projects/{s.project_id}?tab=deliverables")
    delivered = client.post(
        f"{base}/delivery",
        data={"csrf_token": csrf, "version": "1", "delivery_note": "v1.0 已上传到客户文档库"},
        files={"upload": ("手册.pdf", BytesIO(b"%PDF-1.4 manual"), "application/pdf")},
    )
    failed = post_form(client, f"{base}/inspections", csrf,
                       [("standard_ids", str(pace["id"])), (f"value-{pace['id']}", "3.2"),
                        ("findings", "高峰期响应超时")])  # fmt: skip
    page = client.get(f"/projects/{s.project_id}?tab=deliverables").text
    before = rows(uow)
    blocked = post_form(client, f"{base}/decision", csrf,
                        {"version": "3", "outcome": "accepted",
                         "stakeholder_id": str(s.approver)})  # fmt: skip
    no_approver = post_form(client, f"{base}/decision", csrf,
                            {"version": "3", "outcome": "rejected", "note": "超时"})  # fmt: skip

    assert empty.status_code == 200
    assert 'data-status="planned"' in empty.text
    assert delivered.status_code == 303, delivered.text[-2000:]
    assert delivered.headers["location"].endswith("notice=deliverable-delivered")
    assert failed.headers["location"].endswith("notice=deliverable-inspection-failed")
    assert 'data-status="in_inspection"' in page
    assert "Issue opened in the issues and conflicts register" in page
    assert "The latest inspection failed" in page
    assert blocked.status_code == 409
    assert 'data-testid="refused"' in blocked.text
    assert no_approver.status_code == 422
    assert 'data-testid="error-stakeholder_id"' in no_approver.text
    assert rows(uow) == before

    measured = [("standard_ids", str(pace["id"])), (f"value-{pace['id']}", "1.5")]
    passed = post_form(client, f"{base}/inspections", csrf, measured)
    accepted = client.post(
        f"{base}/decision",
        data={"csrf_token": csrf, "version": "3", "outcome": "accepted",
              "stakeholder_id": str(s.approver), "comment": "现场验收通过"},
        files={"upload": ("验收单.pdf", BytesIO(b"%PDF-1.4 signed"), "application/pdf")},
    )  # fmt: skip
    done = client.get(f"/projects/{s.project_id}?tab=deliverables").text
    plan = client.get(f"/projects/{s.project_id}?tab=plan").text
    signed = client.get(f"/projects/{s.project_id}?tab=baselines")

    assert passed.headers["location"].endswith("notice=deliverable-inspected")
    assert accepted.status_code == 303, accepted.text[-2000:]
    assert 'data-status="accepted"' in done
    assert f'data-testid="deliverable-signed-{s.deliverable_id}">张伟' in done
    assert "门禁系统部署手册" in plan
    assert signed.status_code == 200
    assert "Acceptance" in signed.text
    assert "园区门禁统一认证" in signed.text  # the requirement the accepted deliverable fulfils


def test_a_standard_is_edited_in_place_and_refusals_show_in_chinese(client, world: World, uow):
    s = setup(client, world)
    pace = standard(client, world, s).json()["standards"][0]
    csrf = sign_in(client, "owner@acme.example")
    base = f"/projects/{s.project_id}/deliverables/{s.deliverable_id}"
    before = rows(uow)

    bad = post_form(client, f"{base}/standards/{pace['id']}", csrf,
                    {"version": "1", "kind": "performance", "metric": "页面响应时间",
                     "target_value": "很快", "comparison": "at_most"})  # fmt: skip
    no_note = post_form(client, f"{base}/delivery", csrf, {"version": "1"})

    assert bad.status_code == 422
    assert 'data-testid="error-target_value"' in bad.text
    assert no_note.status_code == 422
    assert "此字段为必填项" in no_note.text or "必填" in no_note.text
    assert rows(uow) == before
    saved = post_form(client, f"{base}/standards/{pace['id']}", csrf,
                      {"version": "1", "kind": "reliability", "metric": "月度可用率",
                       "target_value": "99.9", "unit": "%", "comparison": "at_least"})  # fmt: skip
    page = client.get(f"/projects/{s.project_id}?tab=deliverables").text
    assert saved.headers["location"].endswith("notice=standard-saved")
    assert "月度可用率" in page
