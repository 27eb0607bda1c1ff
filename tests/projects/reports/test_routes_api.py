"""Progress reports through the API: a draft over last month or any period with its live
figures, editing it, issuing immutable versions whose figures no longer move, the PDF in both
languages, bad input, If-Match, roles, another workspace and an archived project."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from tests.factories import bearer
from tests.projects.builders import World, direct_project, row_counts
from tests.projects.reports.steps import (
    add_report,
    issue,
    planned_project,
    report_path,
    section,
)
from tests.projects.risks.steps import EN, add_risk, archive

ISSUED = "This report has been issued and can no longer be changed or removed."


def _get(client, world: World, pid: int, rid: int, token: str | None = None):
    return client.get(report_path(pid, rid), headers=bearer(token or world.token) | EN)


def _patch(client, world: World, pid: int, rid: int, version: int | None, **body):
    headers = bearer(world.token) | EN
    if version is not None:
        headers |= {"If-Match": f'"v{version}"'}
    return client.patch(report_path(pid, rid), json=body, headers=headers)


def test_a_monthly_draft_covers_last_month_and_reads_the_project_as_it_is(client, world: World):
    pid = planned_project(client, world)["id"]
    add_risk(client, world, pid, probability=4, impact=5, description="接口文档不全")
    add_risk(client, world, pid, probability=2, impact=2, description="供应商交付延迟")

    added = add_report(client, world, pid, summary="本月完成需求确认。")
    first_of_month = datetime.now(ZoneInfo("Asia/Shanghai")).date().replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)

    assert added.status_code == 201, added.text
    body = added.json()
    assert (body["kind"], body["status"], body["number"], body["summary"]) == (
        "monthly", "draft", None, "本月完成需求确认。",
    )  # fmt: skip
    assert (body["period_start"], body["period_end"]) == (
        last_month_end.replace(day=1).isoformat(),
        last_month_end.isoformat(),
    )
    assert added.headers["Location"] == f"/api/v1/projects/{pid}/reports/{body['id']}"
    report = _get(client, world, pid, body["id"]).json()
    assert [s["key"] for s in report["content"]["sections"]] == [
        "progress", "schedule", "cost", "changes", "risks", "issues", "meetings",
    ]  # fmt: skip
    schedule = section(report, "schedule")
    assert schedule["milestones"] == [
        {"name": "系统上线", "baseline_on": "2027-01-29", "current_on": "2027-02-05", "days": 5}
    ]
    assert (schedule["baseline_number"], schedule["late"]) == (1, 1)
    assert (schedule["baseline_end_on"], schedule["end_on"], schedule["end_days"]) == (
        "2027-01-29", "2027-02-05", 5,
    )  # fmt: skip
    progress = section(report, "progress")
    assert (progress["phase"], progress["tasks"], progress["tasks_done"]) == (
        "needs", 2, 0,
    )  # fmt: skip
    assert progress["next"] == [{"name": "系统上线", "end_on": "2027-02-05", "progress": 0}]
    risks = section(report, "risks")
    assert risks["open"] == 2
    assert [(r["description"], r["score"]) for r in risks["items"]] == [
        ("接口文档不全", 20), ("供应商交付延迟", 4),
    ]  # fmt: skip
    cost = section(report, "cost")
    assert (cost["budget"], cost["original_budget"], cost["approved_delta"]) == (
        "500000.00", "500000.00", "0",
    )  # fmt: skip


def test_an_on_demand_report_takes_any_period_and_its_draft_can_be_edited(client, world: World):
    pid = direct_project(client, world)["id"]

    added = add_report(
        client, world, pid, kind="on_demand", period_start="2026-10-15", period_end="2026-11-14"
    ).json()
    edited = _patch(client, world, pid, added["id"], 1, period_end="2026-11-20", summary="进展顺利")
    stale = _patch(client, world, pid, added["id"], 1, summary="旧版本上的修改")
    missing = _patch(client, world, pid, added["id"], None, summary="没有 If-Match")

    assert edited.status_code == 200, edited.text
    assert (edited.json()["period_end"], edited.json()["summary"], edited.json()["version"]) == (
        "2026-11-20", "进展顺利", 2,
    )  # fmt: skip
    assert edited.headers["ETag"] == '"v2"'
    assert (stale.status_code, missing.status_code) == (412, 428)
    assert _get(client, world, pid, added["id"]).json()["summary"] == "进展顺利"


def test_bad_periods_are_refused_with_their_field_and_nothing_is_written(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    before = row_counts(uow)

    backwards = add_report(
        client, world, pid, kind="on_demand", period_start="2026-11-30", period_end="2026-11-01"
    )
    no_period = add_report(client, world, pid, kind="on_demand")
    too_long = add_report(
        client, world, pid, kind="on_demand", period_start="2025-01-01", period_end="2026-06-30"
    )
    bad_kind = add_report(client, world, pid, kind="weekly")

    assert backwards.status_code == 422
    assert [(e["field"], e["message"]) for e in backwards.json()["errors"]] == [
        ("period_end", "The end comes before the start.")
    ]
    assert sorted(e["field"] for e in no_period.json()["errors"]) == ["period_end", "period_start"]
    assert [(e["field"], e["message"]) for e in too_long.json()["errors"]] == [
        ("period_end", "A report covers at most a year.")
    ]
    assert bad_kind.status_code == 422
    assert row_counts(uow) == before
    rid = add_report(client, world, pid).json()["id"]
    turned = _patch(client, world, pid, rid, 1, period_start="2026-12-31")
    assert [e["field"] for e in turned.json()["errors"]] == ["period_end"]


def test_issuing_makes_numbered_versions_whose_figures_no_longer_change(client, world: World):
    pid = planned_project(client, world)["id"]
    add_risk(client, world, pid, probability=3, impact=3, description="客户机房改造延期")
    first = add_report(client, world, pid, summary="十一月进展").json()

    issued = issue(client, world, pid, first["id"])
    add_risk(client, world, pid, probability=5, impact=5, description="信创数据库适配")
    second = add_report(
        client, world, pid, kind="on_demand", period_start="2026-12-01", period_end="2026-12-06"
    ).json()
    issued_again = issue(client, world, pid, second["id"])

    assert issued.status_code == 200, issued.text
    body = issued.json()
    assert (body["status"], body["number"], body["issued_by_name"]) == ("issued", 1, "王总")
    assert body["issued_at"] is not None
    assert issued_again.json()["number"] == 2
    frozen = _get(client, world, pid, first["id"]).json()
    assert section(frozen, "risks")["open"] == 1
    assert [r["description"] for r in section(frozen, "risks")["items"]] == ["客户机房改造延期"]
    later = _get(client, world, pid, second["id"]).json()
    assert [r["description"] for r in section(later, "risks")["items"]] == [
        "信创数据库适配", "客户机房改造延期",
    ]  # fmt: skip
    listed = client.get(report_path(pid), headers=bearer(world.token)).json()
    assert [(r["number"], r["status"]) for r in listed] == [(2, "issued"), (1, "issued")]


def test_an_issued_report_cannot_be_edited_removed_or_issued_again(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    rid = add_report(client, world, pid, summary="定稿").json()["id"]
    issue(client, world, pid, rid)
    before = row_counts(uow)

    edited = _patch(client, world, pid, rid, 2, summary="改写")
    removed = client.delete(
        report_path(pid, rid), headers=bearer(world.token) | EN | {"If-Match": '"v2"'}
    )
    again = issue(client, world, pid, rid, version=2)

    assert [r.status_code for r in (edited, removed, again)] == [409, 409, 409]
    assert edited.json()["detail"] == ISSUED
    assert row_counts(uow) == before
    assert _get(client, world, pid, rid).json()["summary"] == "定稿"


def test_a_draft_can_be_removed(client, world: World):
    pid = direct_project(client, world)["id"]
    rid = add_report(client, world, pid).json()["id"]

    removed = client.delete(
        report_path(pid, rid), headers=bearer(world.token) | {"If-Match": '"v1"'}
    )

    assert removed.status_code == 204
    assert _get(client, world, pid, rid).status_code == 404


def test_the_pdf_of_an_issued_report_has_its_chinese_and_english_text(client, world: World):
    pid = planned_project(client, world)["id"]
    add_risk(client, world, pid, probability=4, impact=4, description="接口文档不全")
    summary = "本月完成需求确认，系统上线推迟一周。"
    rid = add_report(client, world, pid, summary=summary).json()["id"]
    draft_pdf = client.get(f"{report_path(pid, rid)}.pdf", headers=bearer(world.token) | EN)
    issue(client, world, pid, rid)

    zh = client.get(f"{report_path(pid, rid)}.pdf?lang=zh-CN", headers=bearer(world.token))
    en = client.get(f"{report_path(pid, rid)}.pdf?lang=en", headers=bearer(world.token))

    assert draft_pdf.status_code == 409
    assert draft_pdf.json()["detail"] == "Only an issued report has a PDF: issue the draft first."
    assert zh.status_code == 200, zh.text
    assert zh.headers["content-type"] == "application/pdf"
    assert zh.headers["content-disposition"].startswith('attachment; filename="PRJ-')
    assert zh.content.startswith(b"%PDF")
    zh_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(zh.content)).pages)
    zh_strings = (
        "项目进度报告",
        "机房改造",
        "本月完成需求确认",
        "系统上线",
        "接口文档不全",
        "进度偏差",
    )
    for text in zh_strings:
        assert text in zh_text, text
    en_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(en.content)).pages)
    for text in ("Project progress report", "Schedule variance", "系统上线", "Version 1"):
        assert text in en_text, text


def test_readers_read_writers_write_and_other_workspaces_see_nothing(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    rid = add_report(client, world, pid).json()["id"]
    viewer = world.team.tokens["viewer"]
    stranger = world.team.tokens["stranger"]
    before = row_counts(uow)

    read = client.get(report_path(pid), headers=bearer(viewer))
    denied = [
        add_report(client, world, pid, token=viewer),
        client.patch(
            report_path(pid, rid), json={"summary": "x"},
            headers=bearer(viewer) | {"If-Match": '"v1"'},
        ),
        client.delete(report_path(pid, rid), headers=bearer(viewer) | {"If-Match": '"v1"'}),
        issue(client, world, pid, rid, token=viewer),
    ]  # fmt: skip
    hidden = [
        client.get(report_path(pid), headers=bearer(stranger)),
        client.get(report_path(pid, rid), headers=bearer(stranger)),
        client.get(f"{report_path(pid, rid)}.pdf", headers=bearer(stranger)),
        issue(client, world, pid, rid, token=stranger),
    ]

    assert read.status_code == 200
    assert [r.status_code for r in denied] == [403, 403, 403, 403]
    assert [r.status_code for r in hidden] == [404, 404, 404, 404]
    assert row_counts(uow) == before


def test_an_archived_project_takes_no_new_report(client, world: World, uow):
    pid = direct_project(client, world)["id"]
    archive(client, world, pid)
    before = row_counts(uow)

    refused = add_report(client, world, pid)

    assert refused.status_code == 409
    assert refused.json()["detail"] == "This project is archived and can no longer be changed."
    assert row_counts(uow) == before
