"""The changes tab and a change request's page: the list with its state filter and counts, the
options side by side, the forms with their messages inline in the user's language, and the
customer's decision recorded with its evidence file."""

from __future__ import annotations

import pytest

from tests.factories import sign_in
from tests.opportunities.bids import by_testid, english, post_form
from tests.projects.builders import World
from tests.projects.changes.steps import (
    Setting,
    add_option,
    awaiting,
    counts,
    raise_change,
    setting,
    step,
)


@pytest.fixture
def s(client, world: World) -> Setting:
    return setting(client, world)


def test_the_tab_counts_the_changes_per_state_and_filters_by_one(client, s: Setting):
    raise_change(client, s, title="增加人脸识别")
    withdrawn = raise_change(client, s, title="取消短信通知")
    step(client, s, withdrawn["id"], "withdrawal", reason="客户改变主意")
    sign_in(client, "owner@acme.example")
    english(client)

    page = client.get(f"/projects/{s.project}?tab=changes").text
    filtered = client.get(f"/projects/{s.project}?tab=changes&state=withdrawn").text

    assert by_testid(page, "change-state-all") == ["All 2"]
    assert by_testid(page, "change-state-submitted") == ["Submitted 1"]
    assert by_testid(page, "change-state-withdrawn") == ["Withdrawn 1"]
    assert by_testid(page, "change-state-approved") == ["Change approved 0"]
    assert 'data-testid="change-state-withdrawn" aria-current' not in page
    assert by_testid(page, "change-state") == ["Withdrawn", "Submitted"]
    assert by_testid(filtered, "change-state") == ["Withdrawn"]
    assert 'data-testid="change-state-withdrawn" aria-current="page"' in filtered


def test_the_tab_runs_a_fixed_number_of_queries(client, s: Setting, count_queries):
    raise_change(client, s)
    sign_in(client, "owner@acme.example")
    client.get(f"/projects/{s.project}?tab=changes")

    with count_queries() as one:
        client.get(f"/projects/{s.project}?tab=changes")
    for n in range(4):
        raise_change(client, s, title=f"变更{n}")
    with count_queries() as five:
        page = client.get(f"/projects/{s.project}?tab=changes").text

    assert page.count('data-testid="change-state" data-state') == 5
    assert one.count == five.count


def test_a_change_raised_from_the_tab_opens_its_page(client, s: Setting, world: World):
    csrf = sign_in(client, "owner@acme.example")
    english(client)

    made = post_form(
        client,
        f"/projects/{s.project}/changes",
        csrf,
        [
            ("title", "增加访客人脸识别"),
            ("origin", "customer"),
            ("raised_by_contact_id", str(world.zhang)),
            ("category", "requirement"),
            ("reason", "安保升级"),
            ("task_ids", str(s.tasks["开发"])),
            ("task_ids", str(s.tasks["测试"])),
            ("billable", "on"),
        ],
    )
    listed = client.get(f"/api/v1/projects/{s.project}/changes", headers=s.h()).json()["items"]

    assert made.status_code == 303
    assert made.headers["location"] == (
        f"/projects/{s.project}/changes/{listed[0]['id']}?notice=change-raised"
    )
    assert [t["label"] for t in listed[0]["tasks"]] == ["开发", "测试"]
    assert listed[0]["billable"] is True


def test_a_refused_change_comes_back_inline_in_chinese_and_nothing_is_written(
    client, s: Setting, uow
):
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    before = counts(uow)

    refused = post_form(
        client,
        f"/projects/{s.project}/changes",
        csrf,
        {"title": "增加访客人脸识别", "origin": "customer", "category": "scope", "reason": "x"},
    )

    assert refused.status_code == 422
    assert by_testid(refused.text, "error-raised_by_contact_id") == ["请选择提出变更的客户人员。"]
    assert 'value="增加访客人脸识别"' in refused.text
    assert counts(uow) == before


def test_the_page_compares_the_options_side_by_side(client, s: Setting):
    change, _ = awaiting(client, s)
    sign_in(client, "owner@acme.example")
    english(client)

    page = client.get(f"/projects/{s.project}/changes/{change['id']}").text

    assert by_testid(page, "cost-A") == ["+CN¥80,000.00"]
    assert by_testid(page, "cost-B") == ["+CN¥120,000.00"]
    assert by_testid(page, "schedule-A") == ["5"]
    assert by_testid(page, "milestones-A") == ["◆ 上线 Feb 1, 2027 → Feb 4, 2027"]
    assert by_testid(page, "milestones-B") == ["—"]
    assert by_testid(page, "end-A") == ["Feb 4, 2027 (3 days later)"]
    assert by_testid(page, "end-B") == ["Feb 1, 2027"]


def test_an_option_without_impact_is_refused_inline(client, s: Setting, uow):
    change = raise_change(client, s)
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    before = counts(uow)

    refused = post_form(
        client, f"/projects/{s.project}/changes/{change['id']}/options", csrf, {"title": "维持原样"}
    )

    assert refused.status_code == 422
    assert by_testid(refused.text, "error-impact") == [
        "An option must change the cost, the schedule or the quality, or bring a new risk."
    ]
    assert counts(uow) == before


def test_a_step_out_of_order_shows_why_and_writes_nothing(client, s: Setting, uow):
    change = raise_change(client, s)
    add_option(client, s, change["id"], title="延期", schedule_delta_days=2)
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    before = counts(uow)

    refused = post_form(
        client,
        f"/projects/{s.project}/changes/{change['id']}/sending",
        csrf,
        {"version": str(change["version"])},
    )

    assert refused.status_code == 409
    assert by_testid(refused.text, "problem") == [
        "Only a change request whose impact is analysed can go to the customer."
    ]
    assert counts(uow) == before


def test_the_customers_decision_is_recorded_with_its_evidence(client, s: Setting):
    change, (a, _) = awaiting(client, s)
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    url = f"/projects/{s.project}/changes/{change['id']}"
    version = client.get(f"/api/v1{url}", headers=s.h()).json()["version"]

    decided = client.post(
        f"{url}/decision",
        data={
            "csrf_token": csrf,
            "version": str(version),
            "choice": f"option-{a['id']}",
            f"version-{a['id']}": str(a["version"]),
            "stakeholder_id": str(s.zhang),
            "decided_on": "2026-12-03",
            "comment": "同意方案A",
        },
        files={"evidence": ("客户确认函.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    )
    page = client.get(url).text

    assert decided.status_code == 303, decided.text
    assert decided.headers["location"] == f"{url}?notice=change-decided"
    assert by_testid(page, "decision-outcome") == ["Change approved · Option A"]
    assert by_testid(page, "change-state") == ["Change approved"]
    assert 'data-testid="decision-evidence">客户确认函.pdf</a>' in page


def test_a_decision_by_a_non_approver_is_refused_inline_and_keeps_no_file(client, s: Setting, uow):
    change, (a, _) = awaiting(client, s)
    csrf = sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")
    url = f"/projects/{s.project}/changes/{change['id']}"
    version = client.get(f"/api/v1{url}", headers=s.h()).json()["version"]
    before = counts(uow)

    refused = client.post(
        f"{url}/decision",
        data={
            "csrf_token": csrf,
            "version": str(version),
            "choice": f"option-{a['id']}",
            f"version-{a['id']}": str(a["version"]),
            "stakeholder_id": str(s.li),
        },
        files={"evidence": ("确认函.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    )

    assert refused.status_code == 422
    assert by_testid(refused.text, "error-stakeholder_id") == [
        "只有标记为审批人的干系人才能决定变更。"
    ]
    assert counts(uow) == before


def test_the_steps_go_through_the_pages_forms(client, s: Setting):
    change = raise_change(client, s)
    add_option(client, s, change["id"], title="延期", schedule_delta_days=2)
    other = raise_change(client, s, title="取消短信通知")
    csrf = sign_in(client, "owner@acme.example")
    english(client)
    url = f"/projects/{s.project}/changes/{change['id']}"

    def version(change_id: int) -> str:
        read = client.get(f"/api/v1/projects/{s.project}/changes/{change_id}", headers=s.h())
        return str(read.json()["version"])

    analysed = post_form(client, f"{url}/analysis", csrf, {"version": version(change["id"])})
    sent = post_form(
        client, f"{url}/sending", csrf, {"version": version(change["id"]), "sent_on": "2026-12-01"}
    )
    no_reason = post_form(
        client,
        f"/projects/{s.project}/changes/{other['id']}/withdrawal",
        csrf,
        {"version": version(other["id"]), "reason": ""},
    )
    withdrawn = post_form(
        client,
        f"/projects/{s.project}/changes/{other['id']}/withdrawal",
        csrf,
        {"version": version(other["id"]), "reason": "客户改变主意"},
    )

    assert [r.headers.get("location") for r in (analysed, sent, withdrawn)] == [
        f"{url}?notice=change-analysed",
        f"{url}?notice=change-sent",
        f"/projects/{s.project}/changes/{other['id']}?notice=change-withdrawn",
    ]
    assert no_reason.status_code == 422
    assert by_testid(no_reason.text, "error-reason") == ["This field is too short."]
    page = client.get(f"{url}?notice=change-sent").text
    assert by_testid(page, "notice") == ["The change request went to the customer for a decision."]
    assert by_testid(page, "change-state") == ["Awaiting the customer's decision"]
