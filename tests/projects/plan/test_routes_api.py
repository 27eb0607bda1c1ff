"""The plan through the API: tasks, dependencies, buffers, deliverables, the plan baseline with
the customer's hard constraints, the planning gate and the Gantt data."""

from __future__ import annotations

from typing import Any

from pcrm.identity.public import operator_principal
from pcrm.projects.plan.gantt import service as gantt_service
from tests.factories import bearer, current
from tests.projects.builders import (
    World,
    approved_plan,
    direct_project,
    row_counts,
    signed_requirements,
)

EN = {"Accept-Language": "en"}


def _h(world: World, **extra: str) -> dict[str, str]:
    return bearer(world.token) | EN | extra


def _task(client, world: World, project_id: int, **body: Any):
    fields = {"name": "任务", "start_on": "2027-01-04", "end_on": "2027-01-08"} | body
    return client.post(f"/api/v1/projects/{project_id}/tasks", json=fields, headers=_h(world))


def _made(client, world: World, project_id: int, **body: Any) -> dict[str, Any]:
    response = _task(client, world, project_id, **body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _link(client, world: World, project_id: int, before: int, after: int, lag: int = 0):
    return client.post(
        f"/api/v1/projects/{project_id}/dependencies",
        json={"predecessor_id": before, "successor_id": after, "lag_days": lag},
        headers=_h(world),
    )


def _errors(response) -> list[tuple[str, str]]:
    return [(e["field"], e["message"]) for e in response.json()["errors"]]


# --- tasks ---------------------------------------------------------------------------------


def test_a_task_takes_its_end_from_the_end_or_the_duration_and_a_milestone_no_time(
    client, world: World
):
    project = direct_project(client, world)["id"]
    by_end = _made(client, world, project, name="需求调研", end_on="2027-01-15")
    by_duration = _made(client, world, project, name="方案设计", duration_days=10, end_on=None)
    milestone = _made(client, world, project, name="方案评审", is_milestone=True, end_on=None)
    sub = _made(client, world, project, name="现场勘查", parent_id=by_end["id"], progress=40)

    assert (by_end["end_on"], by_end["duration_days"]) == ("2027-01-15", 12)
    assert (by_duration["end_on"], by_duration["duration_days"]) == ("2027-01-13", 10)
    assert (milestone["end_on"], milestone["duration_days"]) == ("2027-01-04", 0)
    assert (sub["parent_id"], sub["progress"]) == (by_end["id"], 40)


def test_bad_tasks_are_refused_with_a_message_and_nothing_written(client, world: World, uow):
    project = direct_project(client, world)["id"]
    elsewhere = _made(client, world, direct_project(client, world, name="别的项目")["id"])
    before = row_counts(uow)

    backwards = _task(client, world, project, start_on="2027-01-10", end_on="2027-01-09")
    over = _task(client, world, project, progress=101)
    under = _task(client, world, project, progress=-1)
    both = _task(client, world, project, duration_days=3)
    neither = _task(client, world, project, end_on=None)
    foreign_parent = _task(client, world, project, parent_id=elsewhere["id"])
    nobody = _task(client, world, project, owner_id=999_999)

    assert (backwards.status_code, _errors(backwards)) == (
        422,
        [("end_on", "The end comes before the start.")],
    )
    assert [r.status_code for r in (over, under, both)] == [422, 422, 422]
    assert [e["field"] for e in over.json()["errors"]] == ["progress"]
    assert [e["field"] for e in under.json()["errors"]] == ["progress"]
    assert _errors(neither) == [("end_on", "Give the end or the duration of the task.")]
    assert _errors(foreign_parent) == [
        ("parent_id", "Choose a task of this project as the parent.")
    ]
    assert _errors(nobody) == [("owner_id", "Choose an active user of this workspace.")]
    assert row_counts(uow) == before


def test_a_task_cannot_go_under_itself_or_its_subtasks(client, world: World, uow):
    project = direct_project(client, world)["id"]
    top = client.post(
        f"/api/v1/projects/{project}/tasks",
        json={"name": "实施", "start_on": "2027-01-04", "end_on": "2027-02-26"},
        headers=_h(world),
    )
    child = _made(client, world, project, name="部署", parent_id=top.json()["id"])
    before = row_counts(uow)

    refused = client.patch(
        f"/api/v1/projects/{project}/tasks/{top.json()['id']}",
        json={"parent_id": child["id"]},
        headers=_h(world, **{"If-Match": top.headers["ETag"]}),
    )

    assert (refused.status_code, _errors(refused)) == (
        422,
        [("parent_id", "A task cannot be placed under itself or one of its subtasks.")],
    )
    assert row_counts(uow) == before


def test_a_change_needs_the_current_version(client, world: World, uow):
    project = direct_project(client, world)["id"]
    created = _task(client, world, project)
    path = f"/api/v1/projects/{project}/tasks/{created.json()['id']}"
    moved = client.patch(
        path,
        json={"start_on": "2027-01-11"},
        headers=_h(world, **{"If-Match": created.headers["ETag"]}),
    )
    before = row_counts(uow)

    stale = client.patch(
        path, json={"progress": 50}, headers=_h(world, **{"If-Match": created.headers["ETag"]})
    )
    stale_delete = client.delete(path, headers=_h(world, **{"If-Match": created.headers["ETag"]}))

    # a moved start keeps the task's length
    assert (moved.json()["start_on"], moved.json()["end_on"]) == ("2027-01-11", "2027-01-15")
    assert (stale.status_code, stale_delete.status_code) == (412, 412)
    assert row_counts(uow) == before


def test_a_task_with_subtasks_stays_and_a_removed_one_takes_its_links(client, world: World, uow):
    project = direct_project(client, world)["id"]
    top = _task(client, world, project, name="实施")
    _made(client, world, project, name="部署", parent_id=top.json()["id"])
    after = _made(client, world, project, name="验收", start_on="2027-01-11", end_on="2027-01-12")
    link = _link(client, world, project, top.json()["id"], after["id"])
    assert link.status_code == 201
    before = row_counts(uow)

    kept = client.delete(
        f"/api/v1/projects/{project}/tasks/{top.json()['id']}",
        headers=_h(world, **{"If-Match": top.headers["ETag"]}),
    )
    assert (kept.status_code, kept.json()["detail"]) == (
        409,
        "This task has subtasks: move or remove them first.",
    )
    assert row_counts(uow) == before

    removed = client.delete(
        f"/api/v1/projects/{project}/tasks/{after['id']}",
        headers=_h(world, **{"If-Match": '"v1"'}),
    )
    assert removed.status_code == 204
    assert client.get(f"/api/v1/projects/{project}/dependencies", headers=_h(world)).json() == []


# --- dependencies --------------------------------------------------------------------------


def test_links_refuse_loops_other_projects_themselves_doubles_and_broken_dates(
    client, world: World, uow
):
    project = direct_project(client, world)["id"]
    a = _made(client, world, project, name="调研", start_on="2027-01-04", end_on="2027-01-08")
    b = _made(client, world, project, name="设计", start_on="2027-01-11", end_on="2027-01-15")
    c = _made(client, world, project, name="开发", start_on="2027-01-18", end_on="2027-01-29")
    other = _made(client, world, direct_project(client, world, name="别的项目")["id"])
    assert _link(client, world, project, a["id"], b["id"]).status_code == 201
    assert _link(client, world, project, b["id"], c["id"], lag=2).status_code == 201
    before = row_counts(uow)

    loop = _link(client, world, project, c["id"], a["id"], lag=-60)
    across = _link(client, world, project, a["id"], other["id"])
    itself = _link(client, world, project, a["id"], a["id"])
    double = _link(client, world, project, a["id"], b["id"])
    broken = _link(client, world, project, a["id"], c["id"], lag=10)

    assert (loop.status_code, _errors(loop)) == (
        422,
        [("successor_id", "This link would make a loop: a task would wait for itself.")],
    )
    assert _errors(across) == [("successor_id", "Link tasks of the same project.")]
    assert _errors(itself) == [("successor_id", "A task cannot depend on itself.")]
    assert (double.status_code, double.json()["detail"]) == (
        409,
        "These two tasks are already linked.",
    )
    assert (broken.status_code, [f for f, _ in _errors(broken)]) == (422, ["lag_days"])
    assert row_counts(uow) == before


def test_a_negative_lag_lets_the_successor_start_before_the_predecessor_ends(client, world: World):
    project = direct_project(client, world)["id"]
    a = _made(client, world, project, name="开发", start_on="2027-01-04", end_on="2027-01-15")
    b = _made(client, world, project, name="测试", start_on="2027-01-13", end_on="2027-01-22")

    lead = _link(client, world, project, a["id"], b["id"], lag=-3)
    too_much = client.patch(
        f"/api/v1/projects/{project}/dependencies/{lead.json()['id']}",
        json={"lag_days": 0},
        headers=_h(world, **{"If-Match": lead.headers["ETag"]}),
    )

    assert (lead.status_code, lead.json()["lag_days"]) == (201, -3)
    assert (too_much.status_code, [f for f, _ in _errors(too_much)]) == (422, ["lag_days"])


def test_moving_a_linked_task_is_checked_against_its_links(client, world: World, uow):
    project = direct_project(client, world)["id"]
    a = _task(client, world, project, name="设计", start_on="2027-01-04", end_on="2027-01-08")
    b = _task(client, world, project, name="开发", start_on="2027-01-11", end_on="2027-01-22")
    assert _link(client, world, project, a.json()["id"], b.json()["id"], 1).status_code == 201
    before = row_counts(uow)

    early = client.patch(
        f"/api/v1/projects/{project}/tasks/{b.json()['id']}",
        json={"start_on": "2027-01-08", "end_on": "2027-01-20"},
        headers=_h(world, **{"If-Match": b.headers["ETag"]}),
    )
    long = client.patch(
        f"/api/v1/projects/{project}/tasks/{a.json()['id']}",
        json={"end_on": "2027-01-12"},
        headers=_h(world, **{"If-Match": a.headers["ETag"]}),
    )
    backwards = client.patch(
        f"/api/v1/projects/{project}/tasks/{a.json()['id']}",
        json={"end_on": "2027-01-01"},
        headers=_h(world, **{"If-Match": a.headers["ETag"]}),
    )

    assert _errors(early) == [
        ("start_on", "The task would start before a predecessor finishes (with the lag).")
    ]
    assert _errors(long) == [
        ("end_on", "The task would finish after a successor is due to start (with the lag).")
    ]
    assert _errors(backwards) == [("end_on", "The end comes before the start.")]
    assert row_counts(uow) == before


# --- buffers and deliverables -------------------------------------------------------------


def test_buffers_and_deliverables_check_their_values(client, world: World, uow):
    project = direct_project(client, world)["id"]
    task = _made(client, world, project)
    milestone = _made(client, world, project, name="上线", is_milestone=True, end_on=None)
    other = direct_project(client, world, name="别的项目")["id"]
    theirs = client.post(
        f"/api/v1/projects/{other}/requirements",
        json={"title": "别的需求", "kano": "basic"},
        headers=_h(world),
    ).json()["id"]
    before = row_counts(uow)

    no_days = client.post(
        f"/api/v1/projects/{project}/buffers", json={"days": 0}, headers=_h(world)
    )
    not_milestone = client.post(
        f"/api/v1/projects/{project}/deliverables",
        json={"name": "部署手册", "milestone_id": task["id"]},
        headers=_h(world),
    )
    foreign = client.post(
        f"/api/v1/projects/{project}/deliverables",
        json={"name": "部署手册", "requirement_ids": [theirs]},
        headers=_h(world),
    )
    assert (no_days.status_code, [e["field"] for e in no_days.json()["errors"]]) == (
        422,
        ["days"],
    )
    assert _errors(not_milestone) == [("milestone_id", "Choose a milestone of this project.")]
    assert _errors(foreign) == [("requirement_ids", "Choose requirements of this project.")]
    assert row_counts(uow) == before

    buffer = client.post(
        f"/api/v1/projects/{project}/buffers",
        json={"phase": "planning", "days": 5, "note": "客户评审"},
        headers=_h(world),
    )
    deliverable = client.post(
        f"/api/v1/projects/{project}/deliverables",
        json={"name": "部署手册", "milestone_id": milestone["id"]},
        headers=_h(world),
    )
    assert (buffer.status_code, buffer.json()["days"]) == (201, 5)
    assert (deliverable.status_code, deliverable.json()["milestone_id"]) == (201, milestone["id"])


# --- the plan baseline and the customer's hard constraints -------------------------------------


def _constraint(client, world: World, project: int, **body: Any) -> int:
    response = client.post(f"/api/v1/projects/{project}/constraints", json=body, headers=_h(world))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_a_plan_breaking_a_hard_constraint_goes_only_with_a_reason(client, world: World, uow):
    project = direct_project(client, world, budget_amount="1200000")["id"]
    _made(client, world, project, name="上线试运行", start_on="2027-03-01", end_on="2027-03-20")
    client.post(f"/api/v1/projects/{project}/buffers", json={"days": 10}, headers=_h(world))
    deadline = _constraint(
        client, world, project, kind="deadline", statement="3月底前上线", due_on="2027-03-25"
    )
    ceiling = _constraint(
        client, world, project, kind="budget_ceiling", statement="不超过一百万", amount="1000000"
    )
    _constraint(
        client, world, project, kind="deadline", statement="尽量3月中", due_on="2027-03-15",
        is_hard=False,
    )  # fmt: skip
    path = f"/api/v1/projects/{project}/baselines/plan"
    breaches = client.get(f"/api/v1/projects/{project}/plan/breaches", headers=_h(world)).json()
    before = row_counts(uow)

    silent = client.post(path, json={}, headers=_h(world))
    half = client.post(
        path,
        json={"acknowledgements": [{"constraint_id": deadline, "reason": "客户同意顺延"}]},
        headers=_h(world),
    )
    assert [(b["constraint_id"], b["plan_end_on"], b["budget"]) for b in breaches] == [
        (deadline, "2027-03-30", None),
        (ceiling, None, "1200000.00"),
    ]
    assert (silent.status_code, _errors(silent)) == (
        422,
        [
            (
                "acknowledgements",
                "The plan breaks a hard constraint of the customer: acknowledge each one with "
                "a reason.",
            )
        ],
    )
    assert half.status_code == 422
    assert row_counts(uow) == before

    sent = client.post(
        path,
        json={
            "note": "计划初稿",
            "acknowledgements": [
                {"constraint_id": deadline, "reason": "客户同意顺延"},
                {"constraint_id": ceiling, "reason": "超出部分走增补合同"},
            ],
        },
        headers=_h(world),
    )
    assert (sent.status_code, sent.json()["kind"], sent.json()["number"]) == (201, "plan", 1)
    assert [(a["constraint_id"], a["reason"]) for a in sent.json()["content"]["acknowledged"]] == [
        (deadline, "客户同意顺延"),
        (ceiling, "超出部分走增补合同"),
    ]


def test_only_broken_constraints_are_acknowledged_and_an_empty_plan_is_not_sent(
    client, world: World, uow
):
    project = direct_project(client, world)["id"]
    kept = _constraint(
        client, world, project, kind="deadline", statement="年底前", due_on="2027-12-31"
    )
    path = f"/api/v1/projects/{project}/baselines/plan"
    before = row_counts(uow)

    empty = client.post(path, json={}, headers=_h(world))
    _made(client, world, project)
    needless = client.post(
        path,
        json={"acknowledgements": [{"constraint_id": kept, "reason": "以防万一"}]},
        headers=_h(world),
    )

    assert (empty.status_code, empty.json()["detail"]) == (
        409,
        "There is no task to send for approval.",
    )
    assert _errors(needless) == [
        ("acknowledgements", "Acknowledge only the hard constraints the plan breaks.")
    ]
    assert row_counts(uow) | {"tasks": 0, "audit_entries": 0} == before | {
        "tasks": 0,
        "audit_entries": 0,
    }


# --- the planning gate --------------------------------------------------------------------


def test_planning_exits_only_with_an_approved_plan_and_a_liaison(client, world: World, uow):
    project = direct_project(client, world)["id"]
    signed_requirements(client, world, project)
    url = f"/api/v1/projects/{project}"

    def phase() -> Any:
        return client.post(f"{url}/phase", json={}, headers=current(client, url, _h(world)))

    assert phase().json()["phase"] == "planning"
    # the training needs are reviewed: the training tests cover that rule
    reviewed = client.post(f"{url}/training-reviews", json={}, headers=_h(world))
    assert reviewed.status_code == 201, reviewed.text

    def blockers() -> list[str]:
        return [b["code"] for b in client.get(f"{url}/gate", headers=_h(world)).json()]

    nothing = blockers()
    before = row_counts(uow)
    refused = phase()
    assert row_counts(uow) == before
    baseline = approved_plan(client, world, project)
    approved = blockers()
    _made(client, world, project, name="新增：培训")
    resent = client.post(f"{url}/baselines/plan", json={}, headers=_h(world))
    in_review = blockers()
    register = client.get(f"{url}/stakeholders", headers=_h(world)).json()
    client.post(
        f"/api/v1/baselines/{resent.json()['id']}/sign-offs",
        json={
            "stakeholder_id": next(s["id"] for s in register if s["is_approver"]),
            "baseline_number": 2,
            "decision": "approved",
        },
        headers=_h(world),
    )
    passed = phase()

    assert nothing == ["no_liaison", "plan_not_approved"]
    assert (refused.status_code, refused.json()["detail"]) == (
        409,
        "The gate of this phase is not passed yet: see what is missing.",
    )
    assert baseline["number"] == 1
    assert approved == []
    assert in_review == ["plan_not_approved"]
    assert (passed.status_code, passed.json()["phase"]) == (200, "execution")


def test_a_plan_decision_on_a_stale_version_is_a_conflict(client, world: World, uow):
    project = direct_project(client, world)["id"]
    signed_requirements(client, world, project)
    _made(client, world, project)
    first = client.post(f"/api/v1/projects/{project}/baselines/plan", json={}, headers=_h(world))
    second = client.post(f"/api/v1/projects/{project}/baselines/plan", json={}, headers=_h(world))
    register = client.get(f"/api/v1/projects/{project}/stakeholders", headers=_h(world)).json()
    before = row_counts(uow)

    stale = client.post(
        f"/api/v1/baselines/{first.json()['id']}/sign-offs",
        json={
            "stakeholder_id": next(s["id"] for s in register if s["is_approver"]),
            "baseline_number": 1,
            "decision": "approved",
        },
        headers=_h(world),
    )

    assert second.json()["number"] == 2
    assert stale.status_code == 409
    assert row_counts(uow) == before


# --- the Gantt --------------------------------------------------------------------------


def test_the_gantt_gives_the_critical_path_the_baseline_and_the_variance(client, world: World):
    project = direct_project(client, world)["id"]
    signed_requirements(client, world, project)
    baseline = approved_plan(client, world, project)
    first = client.get(f"/api/v1/projects/{project}/tasks", headers=_h(world)).json()[0]
    side = _made(client, world, project, name="培训", start_on="2027-01-18", end_on="2027-01-19")
    last = _made(client, world, project, name="部署", start_on="2027-01-18", end_on="2027-01-29")
    moved = client.patch(
        f"/api/v1/projects/{project}/tasks/{first['id']}",
        json={"end_on": "2027-01-14"},
        headers=_h(world, **{"If-Match": f'"v{first["version"]}"'}),
    )
    assert moved.status_code == 200, moved.text
    link = _link(client, world, project, first["id"], last["id"], lag=3)
    client.post(f"/api/v1/projects/{project}/buffers", json={"days": 5}, headers=_h(world))

    gantt = client.get(f"/api/v1/projects/{project}/gantt", headers=_h(world)).json()

    tasks = {t["id"]: t for t in gantt["tasks"]}
    assert gantt["critical_path"] == [first["id"], last["id"]]
    assert [(link.json()["id"], True)] == [(x["id"], x["critical"]) for x in gantt["links"]]
    assert (tasks[side["id"]]["critical"], tasks[side["id"]]["float_days"]) == (False, 10)
    assert (tasks[first["id"]]["baseline_end_on"], tasks[first["id"]]["variance_days"]) == (
        "2027-01-15",
        -1,
    )
    assert gantt["baseline"]["number"] == baseline["number"]
    assert (gantt["end_on"], gantt["variance_days"]) == ("2027-01-29", 14)
    assert [(b["start_on"], b["end_on"]) for b in gantt["buffers"]] == [
        ("2027-01-30", "2027-02-03")
    ]


def test_the_gantt_json_carries_the_plan_tabs_model_byte_for_byte(client, world: World, uow):
    """The endpoint serializes plain values (gantt_json, for speed); the plan tab reads the
    model (gantt): subtasks, phases, owners, milestones, lags, phase and project buffers and the
    baseline come out the same in both, in the same order and form."""
    project = direct_project(client, world)["id"]
    signed_requirements(client, world, project)
    approved_plan(client, world, project)
    owner = world.team.admin.user_id
    design = _made(client, world, project, name="设计", phase="planning", owner_id=owner)
    sub = _made(client, world, project, name="接口设计", parent_id=design["id"], phase="planning")
    build = _made(
        client, world, project, name="实施", phase="execution", start_on="2027-01-11",
        end_on="2027-01-22",
    )  # fmt: skip
    review = _made(client, world, project, name="验收评审", is_milestone=True, end_on=None,
                   start_on="2027-01-25")  # fmt: skip
    assert _link(client, world, project, sub["id"], build["id"], lag=-2).status_code == 201
    assert _link(client, world, project, build["id"], review["id"], lag=1).status_code == 201
    for body in ({"days": 3, "phase": "planning"}, {"days": 5}, {"days": 2, "phase": "planning"}):
        made = client.post(f"/api/v1/projects/{project}/buffers", json=body, headers=_h(world))
        assert made.status_code == 201, made.text

    response = client.get(f"/api/v1/projects/{project}/gantt", headers=_h(world))

    assert response.status_code == 200
    with uow() as db:
        principal = operator_principal(db, "acme", world.team.owner.email)
        model = gantt_service.gantt(db, principal, project)
    assert response.content == model.model_dump_json().encode()
    tasks = {t["id"]: t for t in response.json()["tasks"]}
    assert tasks[design["id"]]["owner_name"]
    assert tasks[sub["id"]]["owner_name"] is None
    assert tasks[sub["id"]]["parent_id"] == design["id"]
    assert [(b["phase"], b["start_on"], b["end_on"]) for b in response.json()["buffers"]] == [
        ("planning", "2027-01-09", "2027-01-11"),
        (None, "2027-01-26", "2027-01-30"),
        ("planning", "2027-01-12", "2027-01-13"),
    ]
