"""The reports tab and a report's page: drafted from the tab, edited and issued on its page,
refused forms inline in the user's language, an issued report without its draft form, a
viewer's post refused with nothing written."""

from __future__ import annotations

from tests.factories import sign_in
from tests.opportunities.bids import english, post_form
from tests.projects.builders import World, direct_project, row_counts


def _report_id(page: str) -> int:
    return int(page.split('data-testid="report-link-', 1)[1].split('"', 1)[0])


def test_a_report_is_drafted_edited_and_issued_in_the_browser(client, world: World):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    added = post_form(client, f"/projects/{pid}/reports", csrf, {"kind": "monthly"})
    tab = client.get(f"/projects/{pid}?tab=reports").text
    rid = _report_id(tab)
    page = f"/projects/{pid}/reports/{rid}"
    backwards = post_form(
        client, page, csrf,
        {"version": "1", "kind": "on_demand", "period_start": "2026-11-10",
         "period_end": "2026-11-01", "summary": "倒置的期间"},
    )  # fmt: skip
    saved = post_form(
        client, page, csrf,
        {"version": "1", "kind": "monthly", "period_start": "2026-11-01",
         "period_end": "2026-11-30", "summary": "本月完成需求确认。"},
    )  # fmt: skip
    stale = post_form(client, page, csrf, {"version": "1", "summary": "旧版本"})
    issued = post_form(client, f"{page}/issue", csrf, {"version": "2"})
    shown = client.get(page).text
    refused = post_form(client, page, csrf, {"version": "3", "summary": "改写"})

    assert added.headers["location"] == f"/projects/{pid}?tab=reports&notice=report-added"
    assert "Report draft" in tab
    assert backwards.status_code == 422
    assert "The end comes before the start." in backwards.text
    assert "倒置的期间" in backwards.text  # what was typed is kept
    assert saved.headers["location"] == f"{page}?notice=report-saved"
    assert stale.status_code == 412
    assert "changed by someone else" in stale.text
    assert issued.headers["location"] == f"{page}?notice=report-issued"
    assert 'data-testid="report-edit-form"' not in shown
    assert "Version 1" in shown
    assert "本月完成需求确认。" in shown
    assert f"/api/v1/projects/{pid}/reports/{rid}.pdf?lang=zh-CN" in shown
    assert refused.status_code == 409
    assert "This report has been issued and can no longer be changed or removed." in refused.text


def test_the_report_page_speaks_the_language_asked_for(client, world: World):
    pid = direct_project(client, world)["id"]
    sign_in(client, "owner@acme.example")
    english(client)
    csrf = sign_in(client, "owner@acme.example")
    post_form(client, f"/projects/{pid}/reports", csrf, {"kind": "monthly", "summary": "进展"})
    rid = _report_id(client.get(f"/projects/{pid}?tab=reports").text)

    zh = client.get(f"/projects/{pid}/reports/{rid}?lang=zh-CN").text
    en = client.get(f"/projects/{pid}/reports/{rid}?lang=en").text

    assert "进度偏差" in zh
    assert "客户尚未批准计划基线" in zh
    assert "Schedule variance" in en


def test_a_viewer_reads_reports_but_cannot_draft_one(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    csrf = sign_in(client, "viewer@acme.example")
    before = row_counts(uow)

    tab = client.get(f"/projects/{pid}?tab=reports")
    refused = post_form(client, f"/projects/{pid}/reports", csrf, {"kind": "monthly"})

    assert tab.status_code == 200
    assert 'data-testid="report-form"' not in tab.text
    assert refused.status_code == 403
    assert row_counts(uow) == before
