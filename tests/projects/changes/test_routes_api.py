"""Change requests through the API: options and their computed impact, every state
transition, the customer's decision with its effects, and the refusals that write nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.factories import bearer, current
from tests.projects.builders import World
from tests.projects.changes.steps import (
    EN,
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


def _errors(response) -> list[tuple[str, str]]:
    return [(e["field"], e["message"]) for e in response.json()["errors"]]


def _get(client, s: Setting, path: str = "") -> Any:
    response = client.get(f"/api/v1/projects/{s.project}{path}", headers=s.h())
    assert response.status_code == 200, response.text
    return response.json()


# --- the record and its options ------------------------------------------------------------


def test_a_change_is_numbered_per_project_and_names_what_it_touches(client, s: Setting):
    first = raise_change(client, s)
    second = raise_change(client, s, origin="us", raised_by_contact_id=None, category="scope")

    assert (first["code"], second["code"]) == ("CR-001", "CR-002")
    assert first["state"] == "submitted"
    assert first["raised_by_name"] == "张伟"
    assert [r["label"] for r in first["requirements"]] == ["R-001 访客预约"]
    assert [t["label"] for t in first["tasks"]] == ["开发"]
    assert [d["label"] for d in first["deliverables"]] == ["门禁系统"]
    listed = _get(client, s, "/changes")
    assert [c["code"] for c in listed["items"]] == ["CR-002", "CR-001"]
    assert (listed["total"], listed["counts"]["submitted"], listed["counts"]["approved"]) == (
        2,
        2,
        0,
    )


def test_an_options_delay_moves_its_successors_and_the_milestone_through_the_links(
    client, s: Setting
):
    change = raise_change(client, s)

    option = add_option(
        client, s, change["id"], title="延期实施", cost_delta="80000", schedule_delta_days=5
    )

    moved = {
        m["name"]: (m["new_start_on"], m["new_end_on"], m["days"])
        for m in option["impact"]["moved"]
    }
    # 开发 ends five working days later (Fri 22 → Fri 29 Jan); 测试 follows at once, keeping
    # its five calendar days (the plan counts calendar days; its weekend before was slack), and
    # ◆上线 after it; 文档 is linked to nothing and stays
    assert moved == {
        "开发": ("2027-01-11", "2027-01-29", 7),
        "测试": ("2027-01-30", "2027-02-03", 5),
        "上线": ("2027-02-04", "2027-02-04", 3),
    }
    assert [m["is_milestone"] for m in option["impact"]["moved"] if m["name"] == "上线"] == [True]
    assert (option["impact"]["old_end_on"], option["impact"]["new_end_on"]) == (
        "2027-02-01",
        "2027-02-04",
    )
    assert (option["label"], option["impact"]["end_days"]) == ("A", 3)


def test_an_option_without_any_impact_is_refused_and_nothing_written(client, s: Setting, uow):
    change = raise_change(client, s)
    before = counts(uow)

    bare = client.post(
        f"{s.base}/{change['id']}/options",
        json={"title": "什么都不变", "cost_delta": "0", "schedule_delta_days": 0},
        headers=s.h(),
    )
    level_only = client.post(
        f"{s.base}/{change['id']}/options",
        json={"title": "质量", "quality_level": "high"},
        headers=s.h(),
    )
    foreign_task = client.post(
        f"{s.base}/{change['id']}/options",
        json={"title": "延期", "schedule_delta_days": 3, "task_ids": [s.tasks["文档"]]},
        headers=s.h(),
    )

    assert (bare.status_code, _errors(bare)) == (
        422,
        [
            (
                "impact",
                "An option must change the cost, the schedule or the quality, or bring a new risk.",
            )
        ],
    )
    assert (level_only.status_code, _errors(level_only)) == (
        422,
        [("quality_effect", "Describe the quality or scope effect.")],
    )
    assert (foreign_task.status_code, _errors(foreign_task)) == (
        422,
        [("task_ids", "Choose among the change's affected tasks.")],
    )
    assert counts(uow) == before


def test_bad_change_requests_are_refused_with_their_fields_and_nothing_written(
    client, s: Setting, world: World, uow
):
    other = client.post(
        "/api/v1/projects",
        json={"name": "机房改造", "account_id": world.account_id},
        headers=s.h(),
    ).json()["id"]
    before = counts(uow)

    nobody = client.post(
        s.base,
        json={"title": "x", "origin": "customer", "reason": "r", "category": "scope"},
        headers=s.h(),
    )
    stranger = client.post(
        s.base,
        json={
            "title": "x",
            "origin": "customer",
            "reason": "r",
            "category": "scope",
            "raised_by_contact_id": world.other_account_contact,
        },
        headers=s.h(),
    )
    ours_with_person = client.post(
        s.base,
        json={
            "title": "x",
            "origin": "us",
            "reason": "r",
            "category": "cost",
            "raised_by_contact_id": world.zhang,
            "raised_on": "2999-01-01",
        },
        headers=s.h(),
    )
    foreign = client.post(
        s.base,
        json={
            "title": "x",
            "origin": "us",
            "reason": "r",
            "category": "cost",
            "task_ids": [999_999],
            "requirement_ids": [999_999],
            "deliverable_ids": [999_999],
            "activity_ids": [999_999],
            "meeting_ids": [999_999],
        },
        headers=s.h(),
    )
    billable_direct = client.post(
        f"/api/v1/projects/{other}/changes",
        json={"title": "x", "origin": "us", "reason": "r", "category": "cost", "billable": True},
        headers=s.h(),
    )
    unknown_category = client.post(
        s.base,
        json={"title": "x", "origin": "us", "reason": "r", "category": "budget"},
        headers=s.h(),
    )

    assert (nobody.status_code, _errors(nobody)) == (
        422,
        [("raised_by_contact_id", "Choose the customer's person who raised it.")],
    )
    assert _errors(stranger) == [
        ("raised_by_contact_id", "Choose a contact of the project's account.")
    ]
    assert _errors(ours_with_person) == [
        ("raised_by_contact_id", "A change we raise has no customer's person."),
        ("raised_on", "The date cannot be in the future."),
    ]
    assert _errors(foreign) == [
        ("requirement_ids", "Choose requirements of this project."),
        ("task_ids", "Choose tasks of this project's plan."),
        ("deliverable_ids", "Choose deliverables of this project."),
        ("activity_ids", "Choose activities with the account's people."),
        ("meeting_ids", "Choose meetings of this project."),
    ]
    assert _errors(billable_direct) == [
        ("billable", "The project came from no won opportunity whose amount could grow.")
    ]
    assert unknown_category.status_code == 422
    assert counts(uow) == before


# --- transitions -----------------------------------------------------------------------------


def test_a_change_we_raise_needs_two_options_before_the_analysis(client, s: Setting, uow):
    change = raise_change(client, s, origin="us", raised_by_contact_id=None)
    add_option(client, s, change["id"], title="方案一", cost_delta="-20000")
    before = counts(uow)

    one = step(client, s, change["id"], "analysis")

    assert (one.status_code, _errors(one)) == (
        422,
        [
            (
                "options",
                "A change we raise needs at least two options for the customer to choose from.",
            )
        ],
    )
    assert counts(uow) == before
    add_option(client, s, change["id"], title="方案二", new_risks="供应商交付风险")
    assert step(client, s, change["id"], "analysis").json()["state"] == "impact_analysed"


def test_a_customers_change_needs_one_option(client, s: Setting, uow):
    change = raise_change(client, s)
    before = counts(uow)

    none = step(client, s, change["id"], "analysis")

    assert _errors(none) == [("options", "Add at least one option before the analysis.")]
    assert counts(uow) == before


STEPS = {
    "analysis": {},
    "sending": {},
    "implementation": {},
    "withdrawal": {"reason": "客户撤回"},
}
ALLOWED = {
    "submitted": {"analysis", "withdrawal"},
    "impact_analysed": {"sending", "withdrawal"},
    "awaiting_decision": {"decision", "withdrawal"},
    "approved": {"implementation"},
    "rejected": set(),
    "implemented": set(),
    "withdrawn": set(),
}
MESSAGES = {
    "analysis": "Only a submitted change request can have its impact analysed.",
    "sending": "Only a change request whose impact is analysed can go to the customer.",
    "implementation": "Only an approved change request can be implemented.",
    "withdrawal": "A change request can be withdrawn only before the customer decides.",
    "decision": "Only a change request awaiting the customer's decision can be decided.",
}


def _in_state(client, s: Setting, state: str) -> tuple[dict, list]:
    change, options = awaiting(client, s)
    decision = {"stakeholder_id": s.zhang, "decided_on": "2026-12-03"}
    a = options[0]
    paths = {
        "submitted": [],
        "impact_analysed": [],
        "awaiting_decision": [],
        "approved": [
            (
                "decision",
                decision
                | {"decision": "approved", "option_id": a["id"], "option_version": a["version"]},
            )
        ],
        "rejected": [("decision", decision | {"decision": "rejected"})],
        "implemented": [
            (
                "decision",
                decision
                | {"decision": "approved", "option_id": a["id"], "option_version": a["version"]},
            ),
            ("implementation", {}),
        ],
        "withdrawn": [("withdrawal", {"reason": "客户撤回"})],
    }
    if state in ("submitted", "impact_analysed"):
        fresh = raise_change(client, s)
        add_option(client, s, fresh["id"], title="延期", schedule_delta_days=2)
        if state == "impact_analysed":
            step(client, s, fresh["id"], "analysis")
        return fresh, []
    for name, body in paths[state]:
        assert step(client, s, change["id"], name, **body).status_code in (200, 201)
    return change, options


@pytest.mark.parametrize("state", list(ALLOWED))
def test_every_step_not_allowed_from_a_state_is_a_409_that_writes_nothing(
    client, s: Setting, uow, state: str
):
    change, _ = _in_state(client, s, state)
    url = f"{s.base}/{change['id']}"
    assert client.get(url, headers=s.h()).json()["state"] == state
    before = counts(uow)

    refused = {}
    for name, body in STEPS.items():
        if name not in ALLOWED[state]:
            refused[name] = step(client, s, change["id"], name, **body)
    if "decision" not in ALLOWED[state]:
        refused["decision"] = step(
            client, s, change["id"], "decision", decision="rejected", stakeholder_id=s.zhang
        )

    assert {n: (r.status_code, r.json()["detail"]) for n, r in refused.items()} == {
        n: (409, MESSAGES[n]) for n in refused
    }
    assert counts(uow) == before
    assert client.get(url, headers=s.h()).json()["state"] == state


def test_a_change_moves_through_its_states_to_implemented(client, s: Setting):
    change, (a, _) = awaiting(client, s)
    url = f"{s.base}/{change['id']}"
    assert client.get(url, headers=s.h()).json()["sent_on"] is not None

    decided = step(
        client,
        s,
        change["id"],
        "decision",
        decision="approved",
        option_id=a["id"],
        option_version=a["version"],
        stakeholder_id=s.zhang,
        decided_on="2026-12-03",
        comment="同意方案A",
    )
    done = step(client, s, change["id"], "implementation", implemented_on="2026-12-05")

    assert decided.status_code == 201, decided.text
    assert decided.json()["state"] == "approved"
    assert (done.status_code, done.json()["state"], done.json()["implemented_on"]) == (
        200,
        "implemented",
        "2026-12-05",
    )


def test_withdrawal_keeps_the_reason_and_a_rejection_changes_nothing_else(client, s: Setting):
    withdrawn = raise_change(client, s)
    change, _ = awaiting(client, s)
    budget = _get(client, s)["budget_amount"]

    gone = step(client, s, withdrawn["id"], "withdrawal", reason="客户决定下期再做")
    rejected = step(
        client,
        s,
        change["id"],
        "decision",
        decision="rejected",
        stakeholder_id=s.zhang,
        comment="预算不足",
    )

    assert (gone.json()["state"], gone.json()["withdrawn_reason"]) == (
        "withdrawn",
        "客户决定下期再做",
    )
    assert rejected.json()["state"] == "rejected"
    assert rejected.json()["decision"]["option_id"] is None
    assert rejected.json()["decision"]["signer_name"] == "张伟"
    assert _get(client, s)["budget_amount"] == budget
    baselines = client.get(f"/api/v1/projects/{s.project}/baselines", headers=s.h()).json()
    assert [(b["kind"], b["number"]) for b in baselines] == [("plan", 1)]


# --- the decision --------------------------------------------------------------------------


def test_an_approval_moves_the_plan_makes_new_baselines_and_moves_the_money(
    client, s: Setting, world: World
):
    change, (a, _) = awaiting(client, s)

    decided = step(
        client,
        s,
        change["id"],
        "decision",
        decision="approved",
        option_id=a["id"],
        option_version=a["version"],
        stakeholder_id=s.zhang,
        decided_on="2026-12-03",
        comment="同意方案A",
    )

    body = decided.json()
    decision = body["decision"]
    assert (decision["option_id"], decision["option_version"], decision["signer_name"]) == (
        a["id"],
        a["version"],
        "张伟",
    )
    assert (decision["decided_on"], decision["channel"], decision["comment"]) == (
        "2026-12-03",
        "recorded",
        "同意方案A",
    )
    tasks = {t["name"]: (t["start_on"], t["end_on"]) for t in _get(client, s, "/tasks")}
    assert tasks["开发"] == ("2027-01-11", "2027-01-29")
    assert tasks["上线"] == ("2027-02-04", "2027-02-04")
    assert tasks["文档"] == ("2027-01-11", "2027-01-15")
    baselines = client.get(f"/api/v1/projects/{s.project}/baselines", headers=s.h()).json()
    assert sorted((x["kind"], x["number"], x["status"]) for x in baselines) == [
        ("plan", 1, "approved"),
        ("plan", 2, "approved"),
        ("requirements", 1, "approved"),
    ]
    plan_v2 = next(x for x in baselines if x["kind"] == "plan" and x["number"] == 2)
    assert body["plan_baseline_id"] == plan_v2["id"]
    gantt = _get(client, s, "/gantt")
    assert (gantt["baseline"]["number"], gantt["variance_days"]) == (2, 0)
    assert gantt["previous_baseline"]["number"] == 1
    launch = next(t for t in gantt["tasks"] if t["name"] == "上线")
    assert (launch["baseline_end_on"], launch["previous_end_on"]) == ("2027-02-04", "2027-02-01")
    assert _get(client, s)["budget_amount"] == "1030000.00"
    opportunity = client.get(f"/api/v1/opportunities/{world.opportunity_id}", headers=s.h()).json()
    assert Decimal(opportunity["awarded_amount"]) == Decimal("1030000")
    requirement = client.get(f"/api/v1/requirements/{s.requirement}", headers=s.h()).json()
    assert requirement["status"] == "confirmed"


def test_a_decision_by_a_non_approver_on_a_stale_option_or_without_an_option_writes_nothing(
    client, s: Setting, world: World, uow
):
    change, (a, _) = awaiting(client, s)
    url = f"{s.base}/{change['id']}"
    changed = client.patch(
        f"{url}/options/{a['id']}",
        json={"cost_delta": "90000"},
        headers=s.h() | {"If-Match": f'"v{a["version"]}"'},
    )
    assert changed.status_code == 200, changed.text
    before = counts(uow)
    budget = _get(client, s)["budget_amount"]

    by_user = step(
        client,
        s,
        change["id"],
        "decision",
        decision="approved",
        option_id=a["id"],
        option_version=a["version"] + 1,
        stakeholder_id=s.li,
    )
    stale = step(
        client,
        s,
        change["id"],
        "decision",
        decision="approved",
        option_id=a["id"],
        option_version=a["version"],
        stakeholder_id=s.zhang,
    )
    no_option = step(
        client,
        s,
        change["id"],
        "decision",
        decision="approved",
        stakeholder_id=s.zhang,
        decided_on="2999-01-01",
    )

    assert (by_user.status_code, _errors(by_user)) == (
        422,
        [("stakeholder_id", "Only a stakeholder marked as approver may decide a change.")],
    )
    assert (stale.status_code, stale.json()["detail"]) == (
        409,
        "The option has changed since the customer saw it: reload and record the decision on "
        "the current version.",
    )
    assert _errors(no_option) == [
        ("decided_on", "The date cannot be in the future."),
        ("option_id", "Choose the option the customer approved."),
        ("option_version", "Give the version of the option decided on."),
    ]
    assert counts(uow) == before
    assert _get(client, s)["budget_amount"] == budget


def test_edits_and_steps_need_the_current_etag(client, s: Setting, uow):
    change = raise_change(client, s)
    url = f"{s.base}/{change['id']}"
    before = counts(uow)

    missing = client.post(f"{url}/analysis", headers=s.h())
    old = client.patch(url, json={"title": "新标题"}, headers=s.h() | {"If-Match": '"v99"'})

    assert (missing.status_code, old.status_code) == (428, 412)
    assert counts(uow) == before


def test_another_workspace_sees_nothing_and_a_viewer_writes_nothing(client, s: Setting, uow):
    change = raise_change(client, s)
    url = f"{s.base}/{change['id']}"
    before = counts(uow)
    stranger = bearer(s.world.team.tokens["stranger"]) | EN

    read = client.get(url, headers=stranger)
    listed = client.get(s.base, headers=stranger)
    write = client.patch(url, json={"title": "x"}, headers=stranger | {"If-Match": '"v1"'})
    viewer = client.post(
        s.base,
        json={"title": "x", "origin": "us", "reason": "r", "category": "cost"},
        headers=bearer(s.world.team.tokens["viewer"]),
    )

    assert (read.status_code, listed.status_code, write.status_code) == (404, 404, 404)
    assert viewer.status_code == 403
    assert counts(uow) == before


def test_the_figures_count_changes_per_requirement_and_the_approved_cost(client, s: Setting):
    change, (a, _) = awaiting(client, s)
    step(
        client,
        s,
        change["id"],
        "decision",
        decision="approved",
        option_id=a["id"],
        option_version=a["version"],
        stakeholder_id=s.zhang,
    )
    raise_change(client, s)

    figures = _get(client, s, "/changes/figures")

    assert figures["changes"] == 2
    assert (figures["by_state"]["approved"], figures["by_state"]["submitted"]) == (1, 1)
    assert figures["per_requirement"] == {str(s.requirement): 2}
    assert Decimal(figures["approved_cost_delta"]) == Decimal("80000")


def test_a_change_names_the_activity_where_it_was_discussed_and_is_edited_until_sent(
    client, s: Setting, world: World
):
    meeting = client.post(
        "/api/v1/activities",
        headers=s.h(),
        json={
            "type": "meeting",
            "occurred_at": "2026-11-30T10:00:00+08:00",
            "account_id": world.account_id,
            "contact_id": world.zhang,
            "subject": "需求变更沟通会",
        },
    ).json()
    change = raise_change(client, s, activity_ids=[meeting["id"]])
    url = f"{s.base}/{change['id']}"

    edited = client.patch(
        url,
        json={"title": "增加访客人脸识别与测温", "task_ids": [], "billable": True},
        headers=s.h() | {"If-Match": '"v1"'},
    )
    add_option(client, s, change["id"], title="加价", cost_delta="5000")
    step(client, s, change["id"], "analysis")
    step(client, s, change["id"], "sending")
    late = client.patch(url, json={"title": "再改"}, headers=current(client, url, s.h()))

    assert [a["label"] for a in change["activities"]] == ["2026-11-30 · 需求变更沟通会"]
    assert edited.status_code == 200, edited.text
    assert (edited.json()["title"], edited.json()["tasks"], edited.json()["billable"]) == (
        "增加访客人脸识别与测温",
        [],
        True,
    )
    assert (late.status_code, late.json()["detail"]) == (
        409,
        "A change request can be edited only until it goes to the customer for a decision.",
    )
    page = client.get(f"/projects/{s.project}/changes/{change['id']}", headers=s.h()).text
    history = page.split('data-testid="change-history"')[1]
    # the lists of ids read as names: the requirement, the task, the activity
    assert "R-001 访客预约" in history
    assert "需求变更沟通会" in history
    assert f"[{meeting['id']}]" not in history


def test_the_figures_of_an_account_sum_its_projects_changes(client, s: Setting, world: World, uow):
    from pcrm.identity.public import operator_principal
    from pcrm.projects.public import account_change_figures

    change, (a, _) = awaiting(client, s)
    step(client, s, change["id"], "decision", decision="approved", option_id=a["id"],
         option_version=a["version"], stakeholder_id=s.zhang)  # fmt: skip
    other = client.post(
        "/api/v1/projects",
        json={"name": "机房改造", "account_id": world.account_id},
        headers=s.h(),
    ).json()["id"]
    client.post(
        f"/api/v1/projects/{other}/changes",
        json={"title": "增加UPS", "origin": "us", "reason": "供电冗余", "category": "scope"},
        headers=s.h(),
    )

    with uow() as db:
        figures = account_change_figures(
            db, operator_principal(db, "acme", "owner@acme.example"), world.account_id
        )

    assert (figures.changes, figures.approved_cost_delta) == (2, Decimal("80000"))
    assert (figures.by_state["approved"], figures.by_state["submitted"]) == (1, 1)
    assert figures.per_requirement == {s.requirement: 1}


def test_a_change_names_the_meetings_where_it_was_discussed_and_they_name_it(
    client, s: Setting, world: World
):
    meeting = client.post(
        f"/api/v1/projects/{s.project}/meetings",
        json={"kind": "customer", "title": "客户沟通会", "held_on": "2026-12-02"},
        headers=s.h(),
    ).json()
    change = raise_change(client, s, meeting_ids=[meeting["id"], meeting["id"]])
    url = f"{s.base}/{change['id']}"

    cleared = client.patch(url, json={"meeting_ids": []}, headers=s.h() | {"If-Match": '"v1"'})
    again = client.patch(
        url, json={"meeting_ids": [meeting["id"]]}, headers=s.h() | {"If-Match": '"v2"'}
    )
    page = client.get(f"/projects/{s.project}/changes/{change['id']}", headers=s.h()).text
    tab = client.get(f"/projects/{s.project}?tab=meetings", headers=s.h()).text

    assert change["meetings"] == [{"id": meeting["id"], "label": "2026-12-02 · 客户沟通会"}]
    assert cleared.json()["meetings"] == []
    assert again.json()["meetings"] == change["meetings"]
    assert f'href="/projects/{s.project}?tab=meetings#meeting-{meeting["id"]}"' in page
    assert "Discussed at meetings" in page.split('data-testid="change-history"')[1]
    listed = tab.split(f'data-testid="meeting-changes-{meeting["id"]}"')[1][:400]
    assert f'href="/projects/{s.project}/changes/{change["id"]}">CR-001 ' in listed
