"""The requirements tab, a requirement's page and the baselines tab in the browser's HTML: the
filters, adding and editing a requirement in place, questions to the customer, sending the
baseline, recording the sign-off with its evidence file, the refusals with their messages in
the user's language (nothing written), and the overview's gate checklist and pending acts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.files.models import StoredFile
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.requirements.models import Clarification, Requirement
from tests.factories import bearer, sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.scope.steps import (
    add_requirement,
    counts,
    post_json,
    send_baseline,
    status_of,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTMX = {"HX-Request": "true"}


def today() -> datetime:
    return datetime.now(ZoneInfo("Asia/Shanghai"))


def tab(client, project, name, **params) -> str:
    query = "".join(f"&{k}={v}" for k, v in params.items())
    page = client.get(f"/projects/{project['id']}?tab={name}{query}")
    assert page.status_code == 200
    return page.text


def ask(client, token, requirement_id, contact, question="接口是WebService还是MQ？"):
    asked = post_json(
        client,
        token,
        f"/api/v1/requirements/{requirement_id}/clarifications",
        {"question": question, "asked_to_id": contact},
    )
    assert asked.status_code == 201, asked.text
    return asked.json()


def test_the_requirements_tab_adds_lists_and_filters_requirements(client, acme, project):
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    added = post_form(
        client,
        f"/projects/{project['id']}/requirements",
        csrf,
        {
            "title": "闸机刷码进站",
            "kano": "basic",
            "priority": "p0",
            "source_stakeholder_id": str(project["user"]),
            "acceptance_criteria": "刷码通过率≥99.9%",
        },
    )
    add_requirement(client, acme.tokens["owner"], project["id"], "客流热力图", kano="exciting")
    everything = tab(client, project, "requirements")
    exciting = tab(client, project, "requirements", kano="exciting")
    refused_filter = tab(client, project, "requirements", kano="magic")

    assert added.status_code == 303
    assert added.headers["location"] == (
        f"/projects/{project['id']}?tab=requirements&notice=requirement-added"
    )
    assert re.findall(r'data-testid="requirement-title">([^<]+)<', everything) == [
        "闸机刷码进站",
        "客流热力图",
    ]
    assert by_testid(everything, "requirement-status") == ["Draft, not sent", "Draft, not sent"]
    assert "R-001" in everything
    assert "P0 (must)" in everything
    assert "李工" in everything
    assert re.findall(r'data-testid="requirement-title">([^<]+)<', exciting) == ["客流热力图"]
    assert len(re.findall(r'data-testid="requirement-title"', refused_filter)) == 2
    assert 'data-testid="filter-error-kano"' in refused_filter


def test_a_blank_title_is_shown_inline_in_chinese_and_nothing_is_written(
    client, acme, project, uow
):
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = counts(uow)

    refused = post_form(
        client, f"/projects/{project['id']}/requirements", csrf, {"title": " ", "kano": "basic"}
    )

    assert refused.status_code == 422
    assert by_testid(refused.text, "error-title") == ["此项为必填项。"]
    assert counts(uow) == before


def test_a_requirement_is_edited_in_place_and_a_bad_edit_stays_in_its_row(
    client, acme, project, uow
):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    requirement = add_requirement(client, acme.tokens["owner"], project["id"], "闸机刷码进站")
    url = f"/projects/{project['id']}/requirements/{requirement['id']}"

    row = client.get(f"{url}/edit", headers=HTMX)
    full = client.get(f"{url}/edit")
    bad = client.post(
        url,
        data={"csrf_token": csrf, "version": "1", "title": "", "kano": "basic"},
        headers=HTMX,
    )
    saved = client.post(
        url,
        data={
            "csrf_token": csrf,
            "version": "1",
            "title": "闸机刷码与刷脸进站",
            "kano": "expected",
            "priority": "p1",
            "status": "draft",
            "description": "",
        },
        headers=HTMX,
    )
    stale = client.post(
        url,
        data={"csrf_token": csrf, "version": "1", "title": "旧版本", "kano": "basic"},
        headers=HTMX,
    )
    page = client.get(url).text

    assert row.status_code == 200
    assert row.text.lstrip().startswith('<tr data-testid="requirement-edit-')
    assert 'value="闸机刷码进站"' in row.text
    assert full.status_code == 200
    assert "<html" in full.text
    assert 'id="f-title" name="title" value="闸机刷码进站"' in full.text
    assert bad.status_code == 422
    assert bad.text.lstrip().startswith("<tr")
    assert 'data-testid="error-title"' in bad.text
    assert saved.status_code == 204
    assert saved.headers["HX-Redirect"] == (
        f"/projects/{project['id']}?tab=requirements&notice=requirement-saved"
    )
    assert stale.status_code == 412
    with uow() as db:
        stored = db.scalar(
            select(Requirement)
            .where(Requirement.id == requirement["id"])
            .execution_options(**GLOBAL)
        )
        assert (stored.title, stored.kano.value, stored.version) == (
            "闸机刷码与刷脸进站",
            "expected",
            2,
        )
    assert "Version history" in page
    assert re.search(r"<del>闸机刷码进站</del>", page)


def test_questions_are_asked_answered_and_withdrawn_from_the_requirement_page(
    client, acme, project, uow
):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    requirement = add_requirement(client, acme.tokens["owner"], project["id"], "闸机刷码进站")
    url = f"/projects/{project['id']}/requirements/{requirement['id']}"

    asked = post_form(
        client,
        f"{url}/clarifications",
        csrf,
        {"question": "高峰客流是多少？", "asked_to_id": str(project["engineer"])},
    )
    second = ask(client, acme.tokens["owner"], requirement["id"], project["boss"], "是否要刷脸？")
    first_id = next(
        c["id"]
        for c in client.get(
            f"/api/v1/projects/{project['id']}/clarifications", headers=bearer(acme.tokens["owner"])
        ).json()
        if c["question"] == "高峰客流是多少？"
    )
    blank = post_form(
        client,
        f"/projects/{project['id']}/clarifications/{first_id}/answer",
        csrf,
        {"answer": "  ", "version": "1"},
    )
    answered = post_form(
        client,
        f"/projects/{project['id']}/clarifications/{first_id}/answer",
        csrf,
        {"answer": "早高峰每小时3万人次", "version": "1"},
    )
    voided = post_form(
        client,
        f"/projects/{project['id']}/clarifications/{second['id']}/void",
        csrf,
        {"version": "1"},
    )
    page = client.get(url).text

    assert asked.status_code == 303
    assert asked.headers["location"] == f"{url}?notice=question-asked"
    assert blank.status_code == 422
    assert 'data-testid="error-answer"' in blank.text
    assert answered.status_code == voided.status_code == 303
    assert status_of(uow, Clarification, first_id) == "answered"
    assert status_of(uow, Clarification, second["id"]) == "void"
    assert "早高峰每小时3万人次" in page
    assert "李工" in page


def test_a_question_on_another_projects_address_is_not_found(client, acme, project, uow):
    csrf = sign_in(client, "owner@acme.example")
    requirement = add_requirement(client, acme.tokens["owner"], project["id"], "闸机刷码进站")
    question = ask(client, acme.tokens["owner"], requirement["id"], project["boss"])
    before = counts(uow)

    wrong = post_form(
        client,
        f"/projects/{project['id'] + 999}/clarifications/{question['id']}/void",
        csrf,
        {"version": "1"},
    )

    assert wrong.status_code == 404
    assert counts(uow) == before


def test_the_sign_off_flow_from_the_baselines_tab_opens_the_gate(client, acme, project, uow, files):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    token = acme.tokens["owner"]
    requirement = add_requirement(client, token, project["id"], "闸机刷码进站")
    question = ask(client, token, requirement["id"], project["boss"])
    before = counts(uow)

    blocked = post_form(client, f"/projects/{project['id']}/baselines/requirements", csrf, {})
    after_blocked = counts(uow)
    overview_blocked = tab(client, project, "overview")
    post_form(
        client,
        f"/projects/{project['id']}/clarifications/{question['id']}/answer",
        csrf,
        {"answer": "MQ", "version": "1"},
    )
    sent = post_form(
        client, f"/projects/{project['id']}/baselines/requirements", csrf, {"note": "提交评审"}
    )
    baselines = tab(client, project, "baselines")
    baseline_id = int(re.search(r'id="baseline-(\d+)"', baselines).group(1))
    not_approver = client.post(
        f"/projects/{project['id']}/baselines/{baseline_id}/sign-offs",
        data={
            "csrf_token": csrf,
            "stakeholder_id": str(project["user"]),
            "baseline_number": "1",
            "decision": "approved",
        },
    )
    signed = client.post(
        f"/projects/{project['id']}/baselines/{baseline_id}/sign-offs",
        data={
            "csrf_token": csrf,
            "stakeholder_id": str(project["approver"]),
            "baseline_number": "1",
            "decision": "approved",
            "decided_on": today().date().isoformat(),
            "comment": "同意按此实施",
        },
        files={"evidence": ("确认函.pdf", PDF, "application/pdf")},
    )
    after = tab(client, project, "baselines")
    overview = tab(client, project, "overview")
    evidence = re.search(r'href="(/projects/\d+/files/\d+/download)"', after).group(1)

    assert blocked.status_code == 409
    assert "A clarification is still open" in by_testid(blocked.text, "problem")[0]
    assert after_blocked == before
    assert 'data-testid="fix-open_clarifications"' in overview_blocked
    assert 'data-testid="act-question"' in overview_blocked
    assert sent.status_code == 303
    with uow() as db:
        digest = db.scalar(
            select(Baseline.content_hash)
            .where(Baseline.id == baseline_id)
            .execution_options(**GLOBAL)
        )
    assert re.findall(r'data-testid="baseline-hash">([0-9a-f]+)<', baselines) == [digest]
    assert not_approver.status_code == 422
    assert "approver" in not_approver.text
    assert signed.status_code == 303, signed.text
    assert by_testid(after, "sign-off-decision") == ["Approved"]
    assert by_testid(after, "baseline-status") == ["Approved by the customer"]
    assert client.get(evidence).content == PDF
    assert 'data-testid="gate-open"' in overview
    assert 'data-testid="act-sign_off"' not in overview
    assert counts(uow, StoredFile)["stored_files"] == 1


def test_a_decision_on_a_stale_version_is_refused_on_the_page(client, acme, project, uow, files):
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    token = acme.tokens["owner"]
    add_requirement(client, token, project["id"], "闸机刷码进站")
    first = send_baseline(client, token, project["id"]).json()
    send_baseline(client, token, project["id"])
    before = counts(uow)

    stale = client.post(
        f"/projects/{project['id']}/baselines/{first['id']}/sign-offs",
        data={
            "csrf_token": csrf,
            "stakeholder_id": str(project["approver"]),
            "baseline_number": "1",
            "decision": "approved",
        },
        files={"evidence": ("确认函.pdf", PDF, "application/pdf")},
    )

    assert stale.status_code == 409
    assert by_testid(stale.text, "problem") == ["此版本已不是正在评审的版本：请刷新查看当前版本。"]
    assert counts(uow) == before
    assert counts(uow, StoredFile)["stored_files"] == 0


def test_the_overview_marks_a_sign_off_pending_longer_than_the_reminder_days(client, acme, project):
    sign_in(client, "owner@acme.example")
    english(client)
    token = acme.tokens["owner"]
    add_requirement(client, token, project["id"], "闸机刷码进站")
    sent_on = (today().date() - timedelta(days=8)).isoformat()
    post_json(
        client,
        token,
        f"/api/v1/projects/{project['id']}/baselines/requirements",
        {"sent_on": sent_on},
    )

    overview = tab(client, project, "overview")
    baselines = tab(client, project, "baselines")

    assert by_testid(overview, "act-age") == ["Days waiting: 8"]
    assert '<span class="badge red" data-testid="act-age">' in overview
    assert by_testid(baselines, "baseline-age") == ["Days waiting: 8"]
    assert "Marked red: waiting for more than 5 days." in overview


def test_the_overview_marks_late_after_the_workspaces_own_number_of_days(client, acme, project):
    sign_in(client, "owner@acme.example")
    english(client)
    token = acme.tokens["owner"]
    etag = client.get("/api/v1/workspace", headers=bearer(token)).headers["etag"]
    client.patch(
        "/api/v1/workspace",
        json={"sign_off_reminder_days": 10},
        headers={**bearer(token), "If-Match": etag},
    ).raise_for_status()
    add_requirement(client, token, project["id"], "闸机刷码进站")
    sent_on = (today().date() - timedelta(days=8)).isoformat()
    post_json(
        client,
        token,
        f"/api/v1/projects/{project['id']}/baselines/requirements",
        {"sent_on": sent_on},
    )

    overview = tab(client, project, "overview")
    baselines = tab(client, project, "baselines")

    assert '<span class="badge " data-testid="act-age">Days waiting: 8</span>' in overview
    assert "Marked red: waiting for more than 10 days." in overview
    assert 'class="badge red" data-testid="baseline-age"' not in baselines


def test_a_bad_date_or_evidence_file_is_named_inline_and_nothing_is_kept(
    client, acme, project, uow, files
):
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    token = acme.tokens["owner"]
    add_requirement(client, token, project["id"], "闸机刷码进站")
    baseline = send_baseline(client, token, project["id"]).json()
    before = counts(uow, StoredFile)
    url = f"/projects/{project['id']}/baselines/{baseline['id']}/sign-offs"
    fields = {
        "csrf_token": csrf,
        "stakeholder_id": str(project["approver"]),
        "baseline_number": "1",
        "decision": "approved",
    }

    bad_date = client.post(
        url,
        data={**fields, "decided_on": "2026-13-40"},
        files={"evidence": ("确认函.pdf", PDF, "application/pdf")},
    )
    bad_file = client.post(
        url,
        data=fields,
        files={"evidence": ("确认函.exe", b"MZ\x90\x00", "application/octet-stream")},
    )

    assert bad_date.status_code == bad_file.status_code == 422
    assert 'data-testid="error-decided_on"' in bad_date.text
    assert 'data-testid="error-evidence"' in bad_file.text
    assert counts(uow, StoredFile) == before
    assert status_of(uow, Baseline, baseline["id"]) == "in_review"


def test_the_tabs_read_in_a_fixed_number_of_queries(client, acme, project, count_queries):
    """One requirement, answered question and baseline version, or four of each (and an open
    question): the same queries."""
    sign_in(client, "owner@acme.example")
    token = acme.tokens["owner"]

    def grow() -> int:
        requirement = add_requirement(client, token, project["id"], "闸机刷码进站")
        asked = post_json(
            client,
            token,
            f"/api/v1/requirements/{requirement['id']}/clarifications",
            {"question": "高峰客流？", "asked_to_id": project["boss"]},
        )
        answered = client.patch(
            f"/api/v1/clarifications/{asked.json()['id']}",
            json={"answer": "好"},
            headers={**bearer(token), "If-Match": asked.headers["ETag"]},
        )
        assert answered.status_code == 200, answered.text
        assert send_baseline(client, token, project["id"]).status_code == 201
        return requirement["id"]

    def counted() -> list[int]:
        found = []
        for name in ("overview", "requirements", "baselines"):
            with count_queries() as queries:
                tab(client, project, name)
            found.append(queries.count)
        return found

    first = ask(client, token, grow(), project["boss"], "还有问题吗？")
    few = counted()
    client.patch(
        f"/api/v1/clarifications/{first['id']}",
        json={"void": True},
        headers={**bearer(token), "If-Match": '"v1"'},
    )
    last = [grow() for _ in range(3)][-1]
    ask(client, token, last, project["boss"], "还有问题吗？")
    many = counted()

    assert few == many
