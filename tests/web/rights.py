"""What the role x route matrix needs: the right each route asks for, the records a request is
aimed at, and a request for every route.

`RULES` names, for every route of the app, what it needs: nothing (public), a signed-in user
(their own things), or one right of `pcrm.identity.permissions`. The expected answer of every
principal follows from that and the permission table; a new route fails the matrix until a
rule here covers it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import BigInteger, DateTime, cast, func, literal, null, select, union_all
from sqlalchemy.engine import Connection

from pcrm.identity.permissions import Permission
from pcrm.models import metadata
from tests.accounts.builders import new_account, new_activity, new_contact
from tests.factories import bearer
from tests.opportunities.builders import account, opportunity, tender, today, vendor
from tests.relationships.builders import acquaintance, competitor, dotted_line, influence, tie

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
DELIVERABLE = "/api/v1/projects/{project_id}/deliverables/{deliverable_id}"


class Open(StrEnum):
    PUBLIC = "public"  # no sign-in needed
    SIGNED_IN = "signed_in"  # any signed-in user: their own profile, tokens, reminders, views
    PORTAL = "portal"  # a portal principal only (tests/portal): no staff session reaches it


Need = Open | Permission
P = Permission

# (methods or "*", path pattern, need): the first rule whose pattern matches the whole path
# wins. "R" stands for reads (GET), "W" for writes (POST, PUT, PATCH, DELETE); HTML forms that
# only a writer may open are listed as reads of the write right.
RULES: list[tuple[str, str, Need]] = [
    ("*", r"/login|/logout|/language|/invite/\{token\}|/healthz|/api/docs", Open.PUBLIC),
    ("*", r"/portal/(login|logout|language|join/\{token\})", Open.PUBLIC),
    ("*", r"/portal|/portal/.*", Open.PORTAL),
    ("*", r"/|/api/v1/me|/settings/.*|/api/v1/api-tokens.*", Open.SIGNED_IN),
    ("*", r"/reminders/.*|/api/v1/reminders.*|/lists/.*", Open.SIGNED_IN),
    ("R", r"/api/v1/workspace", P.READ),
    ("R", r"/api/v1/audit-entries|/admin/audit", P.VIEW_AUDIT),
    ("R", r"/api/v1/security-events|/admin/security", P.VIEW_AUDIT),
    ("W", r"/api/v1/workspace|/admin/workspace", P.MANAGE_WORKSPACE),
    ("R", r"/admin/workspace", P.MANAGE_WORKSPACE),
    ("R", r"/api/v1/users|/api/v1/users/\{user_id\}(/acquaintances)?", P.READ),
    (
        "*",
        r"/api/v1/users.*|/api/v1/invitations.*|/admin/users.*|/admin/invitations.*",
        P.MANAGE_USERS,
    ),
    # relationships: profiles, org chart, influence, acquaintances; competitors
    ("W", r"/api/v1/contacts/\{contact_id\}/reports-to", P.WRITE_CONTACTS),
    ("W", r"/accounts/\{account_id\}/org-chart/move", P.WRITE_CONTACTS),
    ("W", r"/api/v1/contacts/\{contact_id\}/profile", P.WRITE_RELATIONSHIPS),
    ("W", r"/contacts/\{contact_id\}/profile", P.WRITE_RELATIONSHIPS),
    ("W", r"/api/v1/(influences|dotted-lines|acquaintances).*", P.WRITE_RELATIONSHIPS),
    ("W", r"/relationships/.*|/accounts/\{account_id\}/org-chart/.*", P.WRITE_RELATIONSHIPS),
    ("W", r"/accounts/\{account_id\}/relationships/competitor-ties", P.WRITE_COMPETITORS),
    ("W", r"/accounts/\{account_id\}/relationships/.*", P.WRITE_RELATIONSHIPS),
    ("W", r"/api/v1/competitor.*|/competitors.*", P.WRITE_COMPETITORS),
    # opportunities: tenders and quotes apart from the rest
    (
        "W",
        r"/api/v1/opportunities/\{opportunity_id\}/(tender|vendors|quote-rounds).*",
        P.WRITE_TENDERS,
    ),
    ("W", r"/opportunities/\{opportunity_id\}/bid/.*", P.WRITE_TENDERS),
    ("W", r"(/api/v1)?/opportunit.*", P.WRITE_OPPORTUNITIES),
    (
        "R",
        r"/opportunities/new|/opportunities/\{opportunity_id\}/(edit|review/edit|move|close)",
        P.WRITE_OPPORTUNITIES,
    ),
    # projects and what hangs on them (the conversion of a won opportunity too)
    (
        "W",
        r"(/api/v1)?/projects.*|/api/v1/(requirements|clarifications|baselines)/.*",
        P.WRITE_PROJECTS,
    ),
    (
        "R",
        r"/projects/new|/projects/\{project_id\}/(.*/)?edit",
        P.WRITE_PROJECTS,
    ),
    # after-sales: the service hours, calendar and default targets are workspace settings
    (
        "W",
        r"/api/v1/service/(settings|calendar.*|targets)|/service/settings.*",
        P.MANAGE_WORKSPACE,
    ),
    ("W", r"(/api/v1)?/service.*", P.WRITE_SERVICE),
    ("R", r"/service/(requests|plans)/new", P.WRITE_SERVICE),
    # accounts, contacts, activities
    ("W", r"(/api/v1)?/accounts.*", P.WRITE_ACCOUNTS),
    ("R", r"/accounts/new|/accounts/\{account_id\}/(edit|merge)", P.WRITE_ACCOUNTS),
    ("W", r"(/api/v1)?/contacts.*", P.WRITE_CONTACTS),
    ("R", r"/contacts/new|/contacts/\{contact_id\}/(edit|merge)", P.WRITE_CONTACTS),
    ("W", r"(/api/v1)?/activities.*", P.WRITE_ACTIVITIES),
    ("R", r"/activities/new", P.WRITE_ACTIVITIES),
    # everything else is a read of a workspace's records
    ("R", r"/api/v1/.*|/.*", P.READ),
]


def need(method: str, path: str) -> Need | None:
    kind = "W" if method in UNSAFE else "R"
    for methods, pattern, needed in RULES:
        if methods in ("*", kind) and re.fullmatch(pattern, path):
            return needed
    return None


def routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    """(method, path, route) of every endpoint, HEAD left out."""
    found: list[tuple[str, str, APIRoute]] = []

    def walk(items: list[Any], prefix: str) -> None:
        for route in items:
            if isinstance(route, APIRoute):
                for method in sorted(route.methods - {"HEAD"}):
                    found.append((method, prefix + route.path_format, route))
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes, prefix + route.include_context.prefix)

    walk(app.routes, "")
    return sorted(found, key=lambda r: (r[1], r[0]))


@dataclass(frozen=True, slots=True)
class World:
    """Acme's records every path parameter points at, and bodies that name acme's records."""

    ids: dict[str, int | str]
    bodies: dict[str, dict[str, Any]]


def seed(client: Any, token: str, user_id: int) -> World:
    """One of every kind of record in acme, written through the API as its owner."""
    h = bearer(token)
    customer = account(client, token)
    other = new_account(client, token, "中兴通讯")
    boss = new_contact(client, token, customer["id"], "张总")["id"]
    cfo = new_contact(client, token, customer["id"], "李财", reports_to_id=boss)["id"]
    activity = new_activity(client, token, account_id=customer["id"], subject="拜访")["id"]
    earlier = opportunity(client, token, customer["id"], "一期")["id"]
    opp = opportunity(client, token, customer["id"], "二期")["id"]
    relation = client.post(
        f"/api/v1/opportunities/{opp}/relations",
        json={"earlier_id": earlier, "kind": "phase_2_of"},
        headers=h,
    ).json()[0]["id"]
    tender(client, token, opp)
    rival = competitor(client, token, "东方信联")["id"]
    rival_vendor = vendor(client, token, opp, rival)["id"]
    us = client.get(f"/api/v1/opportunities/{opp}/vendors", headers=h).json()[0]["id"]
    rounds = client.post(
        f"/api/v1/opportunities/{opp}/quote-rounds",
        json={"quoted_on": today().isoformat(), "quotes": [{"vendor_id": us, "amount": "9"}]},
        headers=h,
    ).json()
    member = client.post(
        f"/api/v1/opportunities/{opp}/decision-chain",
        json={"contact_id": boss, "decision_role": "decision_maker"},
        headers=h,
    ).json()["id"]
    document = client.post(
        f"/api/v1/opportunities/{opp}/documents",
        data={"kind": "rfp"},
        files={"file": ("rfp.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        headers=h,
    )
    assert document.status_code == 201, document.text
    invitation = client.post(
        "/api/v1/invitations",
        json={"email": "new@acme.example", "name": "新人", "role": "sales"},
        headers=h,
    ).json()["id"]
    api_token = client.get("/api/v1/api-tokens", headers=h).json()[0]["id"]
    project = client.post(
        "/api/v1/projects", json={"name": "机房改造", "account_id": customer["id"]}, headers=h
    ).json()["id"]
    stakeholder = client.post(
        f"/api/v1/projects/{project}/stakeholders",
        json={
            "contact_id": boss,
            "project_role": "management",
            "stakes": ["decides"],
            "power": 5,
            "interest": 4,
            "is_approver": True,
        },
        headers=h,
    ).json()["id"]
    team_member = client.post(
        f"/api/v1/projects/{project}/team",
        json={"user_id": user_id, "role": "pm", "allocation": 50},
        headers=h,
    ).json()["id"]
    constraint = client.post(
        f"/api/v1/projects/{project}/constraints",
        json={"kind": "standard", "statement": "等保三级"},
        headers=h,
    ).json()["id"]
    requirement = client.post(
        f"/api/v1/projects/{project}/requirements",
        json={"title": "统一认证", "kano": "basic"},
        headers=h,
    ).json()["id"]
    clarification = client.post(
        f"/api/v1/requirements/{requirement}/clarifications", json={"question": "？"}, headers=h
    ).json()["id"]
    client.patch(
        f"/api/v1/clarifications/{clarification}",
        json={"answer": "好"},
        headers={**h, "If-Match": '"v1"'},
    )
    baseline = client.post(
        f"/api/v1/projects/{project}/baselines/requirements", json={}, headers=h
    ).json()["id"]
    first_task = client.post(
        f"/api/v1/projects/{project}/tasks",
        json={"name": "调研", "start_on": "2027-01-04", "end_on": "2027-01-08"},
        headers=h,
    ).json()["id"]
    milestone = client.post(
        f"/api/v1/projects/{project}/tasks",
        json={"name": "评审", "start_on": "2027-01-11", "is_milestone": True},
        headers=h,
    ).json()["id"]
    dependency = client.post(
        f"/api/v1/projects/{project}/dependencies",
        json={"predecessor_id": first_task, "successor_id": milestone},
        headers=h,
    ).json()["id"]
    buffer = client.post(f"/api/v1/projects/{project}/buffers", json={"days": 5}, headers=h).json()[
        "id"
    ]
    deliverable = client.post(
        f"/api/v1/projects/{project}/deliverables",
        json={"name": "调研报告", "milestone_id": milestone},
        headers=h,
    ).json()["id"]
    standard = client.post(
        f"/api/v1/projects/{project}/deliverables/{deliverable}/standards",
        json={"kind": "performance", "metric": "响应时间", "target_value": "2"},
        headers=h,
    ).json()["standards"][0]["id"]
    goal = client.post(
        f"/api/v1/projects/{project}/goals", json={"statement": "按期上线"}, headers=h
    ).json()["id"]
    need = client.post(
        f"/api/v1/projects/{project}/training-needs",
        json={"contact_id": boss, "topic": "系统操作"},
        headers=h,
    ).json()["id"]
    session = client.post(
        f"/api/v1/projects/{project}/training-sessions",
        json={"topic": "系统操作", "held_on": "2026-12-20", "trainer": "王工"},
        headers=h,
    ).json()["id"]
    risk_body = {"description": "交期风险", "category": "customer", "probability": 3, "impact": 3}
    risk = client.post(f"/api/v1/projects/{project}/risks", json=risk_body, headers=h).json()["id"]
    opportunity_risk = client.post(
        f"/api/v1/opportunities/{opp}/risks", json=risk_body, headers=h
    ).json()["id"]
    conflict = client.post(
        f"/api/v1/projects/{project}/conflicts",
        json={"kind": "other", "title": "口径不一致", "contact_ids": [boss]},
        headers=h,
    ).json()["id"]
    meeting = client.post(
        f"/api/v1/projects/{project}/meetings",
        json={"kind": "weekly", "title": "周例会", "held_on": "2026-12-07", "contact_ids": [boss]},
        headers=h,
    ).json()["id"]
    meeting_action = client.post(
        f"/api/v1/projects/{project}/meetings/{meeting}/actions",
        json={"description": "跟进", "owner_id": user_id, "due_on": "2026-12-10"},
        headers=h,
    ).json()["id"]
    material = client.post(
        f"/api/v1/projects/{project}/training-sessions/{session}/materials",
        files={"file": ("讲义.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        headers=h,
    )
    assert material.status_code == 201, material.text
    change = client.post(
        f"/api/v1/projects/{project}/changes",
        json={"title": "增加报表", "origin": "us", "reason": "范围调整", "category": "scope"},
        headers=h,
    ).json()["id"]
    option = client.post(
        f"/api/v1/projects/{project}/changes/{change}/options",
        json={"title": "方案一", "cost_delta": "1000"},
        headers=h,
    ).json()["id"]
    ids: dict[str, int | str] = {
        "account_id": customer["id"],
        "contact_id": boss,
        "activity_id": activity,
        "opportunity_id": opp,
        "relation_id": relation,
        "vendor_id": rival_vendor,
        "round_id": rounds[-1]["id"],
        "member_id": member,
        "document_id": document.json()["id"],
        "competitor_id": rival,
        "tie_id": tie(client, token, rival, cfo, 3)["id"],
        "influence": influence(client, token, cfo, boss, 3)["id"],
        "dotted_line": dotted_line(client, token, boss, cfo)["id"],
        "acquaintance": acquaintance(client, token, user_id, boss, 4)["id"],
        "user_id": user_id,
        "invitation_id": invitation,
        "token_id": api_token,
        "reminder_id": 999_999_999,
        "view_id": 999_999_999,
        "list_name": "accounts",
        "kind": "influences",
        "token": "no-such-invitation",
        "project_id": project,
        "stakeholder_id": stakeholder,
        "constraint_id": constraint,
        "requirement_id": requirement,
        "clarification_id": clarification,
        "baseline_id": baseline,
        "team_member": team_member,
        "task_id": first_task,
        "dependency_id": dependency,
        "buffer_id": buffer,
        "deliverable_id": deliverable,
        "standard_id": standard,
        "goal_id": goal,
        "need_id": need,
        "session_id": session,
        "file_id": material.json()["id"],
        "change_id": change,
        "option_id": option,
        "risk_id": risk,
        "opportunity_risk": opportunity_risk,
        "conflict_id": conflict,
        "meeting_id": meeting,
        "action_id": meeting_action,
        **_service_records(client, h, customer["id"]),
        **_closure_records(client, h, project, customer["id"], boss, user_id),
        "report_id": client.post(
            f"/api/v1/projects/{project}/reports", json={"summary": "本月进展"}, headers=h
        ).json()["id"],
    }
    bodies = {
        "account": {"name": "新单位", "parent_id": customer["id"]},
        "contact": {"name": "新人", "account_id": customer["id"]},
        "opportunity": {"account_id": customer["id"], "name": "三期"},
        "other_account": {"duplicate_id": other["id"]},
        "cfo": {"duplicate_id": cfo, "contact_id": cfo},
    }
    return World(ids, bodies)


def _lesson_and_improvement(
    client: Any, h: dict[str, str], project: int, user_id: int
) -> tuple[int, int]:
    lesson = client.post(
        f"/api/v1/projects/{project}/lessons",
        json={"category": "went_well", "text": "周会有效"},
        headers=h,
    ).json()["id"]
    improvement = client.post(
        f"/api/v1/projects/{project}/improvements",
        json={"title": "模板化", "source": "lesson", "lesson_id": lesson, "owner_id": user_id,
              "due_on": "2026-12-31"},
        headers=h,
    ).json()["id"]  # fmt: skip
    return lesson, improvement


def _closed_project(client: Any, h: dict[str, str], account_id: int, boss: int) -> tuple[int, int]:
    """A project closed through its gate (a stakeholder, the lessons-learned meeting with the
    customer, both evaluation forms, a lesson), and the first of its follow-ups."""
    pid = client.post("/api/v1/projects", json={"name": "已收尾", "account_id": account_id},
                      headers=h).json()["id"]  # fmt: skip
    path = f"/api/v1/projects/{pid}"
    writes = (
        (f"{path}/stakeholders", {"contact_id": boss, "project_role": "management",
                                  "stakes": ["decides"], "power": 5, "interest": 4}),
        (f"{path}/meetings", {"kind": "lessons_learned", "title": "总结会",
                              "held_on": "2026-12-07", "contact_ids": [boss]}),
        (f"{path}/lessons", {"category": "went_well", "text": "沟通顺畅"}),
    )  # fmt: skip
    for url_, body in writes:
        assert client.post(url_, json=body, headers=h).status_code == 201
    scores = dict.fromkeys(("communication", "responsiveness", "quality", "schedule", "cost",
                            "team", "service"), 4)  # fmt: skip
    ratings = dict.fromkeys(("communication", "responsiveness", "needs_understanding",
                             "delivery_quality", "schedule", "cost_control", "change_handling",
                             "professionalism"), 4)  # fmt: skip
    client.put(f"{path}/satisfaction-analysis", json={"respondent_id": boss, "scores": scores},
               headers=h)  # fmt: skip
    client.put(f"{path}/organisation-evaluation", json={"evaluator_id": boss, "ratings": ratings},
               headers=h)  # fmt: skip
    for step in ("status", "closure"):
        version = client.get(path, headers=h).headers["ETag"]
        body = {"status": "active"} if step == "status" else {}
        moved = client.post(f"{path}/{step}", json=body, headers={**h, "If-Match": version})
        assert moved.status_code == 200, moved.text
    follow_ups = client.get(f"{path}/follow-ups", headers=h).json()
    return pid, follow_ups[0]["id"]


def url(path: str, world: World) -> str:
    ids = dict(world.ids)
    edges = {
        "influences": "influence",
        "dotted-lines": "dotted_line",
        "acquaintances": "acquaintance",
    }
    for part, name in edges.items():
        if f"/{part}/" in path or path.startswith("/relationships/{kind}"):
            ids["edge_id"] = world.ids["influence" if "{kind}" in path else name]
    if "/team/{member_id}" in path:  # a project's team member, not a decision-chain member
        ids["member_id"] = world.ids["team_member"]
    if "{follow_up_id}" in path:  # a follow-up hangs on a closed project
        ids["project_id"] = world.ids["closed_project"]
    if path.startswith(("/opportunities/", "/api/v1/opportunities/")) and "{risk_id}" in path:
        ids["risk_id"] = world.ids["opportunity_risk"]
    return path.format(**ids)


def snapshot(connection: Connection, skip: frozenset[str]) -> dict[str, tuple[Any, ...]]:
    """Per table but `skip` (what signing in itself writes): its rows, and the sum of their
    versions and the latest change where it has those columns. One query for all tables."""
    parts = []
    for table in metadata.sorted_tables:
        if table.name in skip:
            continue
        columns = [literal(table.name).label("t"), func.count().label("n")]
        version = table.c.get("version")
        changed = table.c.get("updated_at")
        # typed NULLs: PostgreSQL types a UNION's column by its first part
        nothing_summed = cast(null(), BigInteger).label("v")
        nothing_changed = cast(null(), DateTime(timezone=True)).label("u")
        columns.append(func.sum(version).label("v") if version is not None else nothing_summed)
        columns.append(func.max(changed).label("u") if changed is not None else nothing_changed)
        parts.append(select(*columns).select_from(table))
    rows = connection.execute(union_all(*parts)).all()
    return {row[0]: tuple(row[1:]) for row in rows}


_RISK = {"description": "新风险", "category": "supplier", "probability": 2, "impact": 4}


def _plan(account_id: int) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "name": "质保期维护",
        "starts_on": "2026-01-01",
        "ends_on": "2030-12-31",
        "targets": [{"priority": "p3", "response_minutes": 240, "resolution_minutes": 1620}],
    }


def _closure_records(
    client: Any, h: dict[str, str], project: int, account_id: int, boss: int, user_id: int
) -> dict[str, int | str]:
    """A lesson with its improvement action, and a closed project with a follow-up visit."""
    lesson, improvement = _lesson_and_improvement(client, h, project, user_id)
    closed, follow_up = _closed_project(client, h, account_id, boss)
    return {
        "lesson_id": lesson,
        "improvement_id": improvement,
        "closed_project": closed,
        "follow_up_id": follow_up,
    }


def _service_records(client: Any, h: dict[str, str], account_id: int) -> dict[str, int | str]:
    """A maintenance plan, a service request under it and a day of the service calendar."""
    plan = client.post("/api/v1/service/plans", json=_plan(account_id), headers=h)
    made = client.post("/api/v1/service/requests", json=_request(account_id), headers=h)
    day = client.post(
        "/api/v1/service/calendar",
        json={"day": "2030-01-02", "kind": "holiday", "name": "公司年会"},
        headers=h,
    )
    return {
        "plan_id": plan.json()["id"],
        "request_id": made.json()["id"],
        "day_id": day.json()["id"],
    }


def _request(account_id: int) -> dict[str, Any]:
    return {
        "account_id": account_id,
        "channel": "phone",
        "category": "fault",
        "priority": "p3",
        "title": "系统无法登录",
    }


def api_bodies(world: World) -> dict[tuple[str, str], dict[str, Any]]:
    """`client.request` keyword arguments of the JSON API's writes: valid bodies, so that only
    the caller's rights decide the answer. The areas' own catalogues give theirs."""
    from tests.accounts import route_requests as accounts_requests
    from tests.opportunities.test_tenancy import BODIES
    from tests.relationships import route_requests as relationships_requests

    i: dict[str, Any] = world.ids
    accounts = accounts_requests.Target(
        i["account_id"], i["contact_id"], i["activity_id"], "华为技术有限公司", "", "", ""
    )
    relationships = relationships_requests.Target(
        account=i["account_id"],
        contact=i["contact_id"],
        user=i["user_id"],
        influence=i["influence"],
        dotted_line=i["dotted_line"],
        acquaintance=i["acquaintance"],
        competitor=i["competitor_id"],
        tie=i["tie_id"],
        competitor_name="新对手",
    )
    requests: dict[tuple[str, str], dict[str, Any]] = {}
    requests.update(accounts_requests.requests_for(accounts, accounts))
    requests.update(relationships_requests.requests_for(relationships, relationships))
    named = {
        "opportunity": world.bodies["opportunity"],
        "relation": {"earlier_id": i["opportunity_id"], "kind": "follow_on_of"},
        "vendor": {"competitor_id": i["competitor_id"]},
        "round": {
            "quoted_on": today().isoformat(),
            "quotes": [{"vendor_id": i["vendor_id"], "amount": "8"}],
        },
        "member": {"contact_id": i["contact_id"], "decision_role": "user"},
    }
    for key, body in BODIES.items():
        requests[key] = {"json": named[body] if isinstance(body, str) else body}
    requests[("POST", "/api/v1/accounts/{account_id}/merge")] = {
        "json": world.bodies["other_account"]
    }
    requests[("POST", "/api/v1/contacts/{contact_id}/merge")] = {
        "json": {"duplicate_id": world.bodies["cfo"]["duplicate_id"]}
    }
    requests.update(
        {
            ("PATCH", "/api/v1/workspace"): {"json": {"name": "改名"}},
            ("POST", "/api/v1/users"): {
                "json": {
                    "email": "x@acme.example",
                    "name": "新人",
                    "role": "viewer",
                    "password": "correct-horse-42",
                }
            },
            ("PATCH", "/api/v1/users/{user_id}"): {"json": {"name": "改名"}},
            ("POST", "/api/v1/invitations"): {
                "json": {"email": "y@acme.example", "name": "新人", "role": "viewer"}
            },
            ("POST", "/api/v1/api-tokens"): {"json": {"name": "新令牌"}},
            ("POST", "/api/v1/projects"): {
                "json": {"name": "新项目", "account_id": i["account_id"]}
            },
            ("PUT", "/api/v1/projects/{project_id}/liaison"): {
                "json": {"liaison_id": i["contact_id"], "appointed_by_id": i["contact_id"]}
            },
            ("POST", "/api/v1/projects/{project_id}/phase"): {"json": {}},
            ("POST", "/api/v1/projects/{project_id}/status"): {"json": {"status": "active"}},
            ("POST", "/api/v1/projects/{project_id}/termination"): {
                "json": {
                    "terminated_on": today().isoformat(),
                    "reason": "客户终止",
                    "terminated_by_id": i["contact_id"],
                }
            },
            ("POST", "/api/v1/projects/{project_id}/team"): {
                "json": {"user_id": i["user_id"], "role": "technical"}
            },
            ("POST", "/api/v1/projects/{project_id}/stakeholders"): {
                "json": {
                    "contact_id": i["contact_id"],
                    "project_role": "user",
                    "power": 1,
                    "interest": 1,
                }
            },
            ("POST", "/api/v1/projects/{project_id}/constraints"): {
                "json": {"kind": "other", "statement": "无"}
            },
            ("POST", "/api/v1/projects/{project_id}/requirements"): {
                "json": {"title": "新需求", "kano": "expected"}
            },
            ("POST", "/api/v1/requirements/{requirement_id}/clarifications"): {
                "json": {"question": "何时？"}
            },
            ("POST", "/api/v1/projects/{project_id}/baselines/requirements"): {"json": {}},
            ("POST", "/api/v1/projects/{project_id}/tasks"): {
                "json": {"name": "新任务", "start_on": "2027-02-01", "duration_days": 3}
            },
            ("POST", "/api/v1/projects/{project_id}/dependencies"): {
                "json": {"predecessor_id": i["task_id"], "successor_id": i["task_id"]}
            },
            ("POST", "/api/v1/projects/{project_id}/buffers"): {"json": {"days": 3}},
            ("POST", "/api/v1/projects/{project_id}/deliverables"): {"json": {"name": "手册"}},
            ("POST", f"{DELIVERABLE}/delivery"): {"json": {"delivery_note": "已交付"}},
            ("POST", f"{DELIVERABLE}/decision"): {
                "json": {"outcome": "waived", "stakeholder_id": 1, "note": "客户豁免"}
            },
            ("POST", f"{DELIVERABLE}/standards"): {
                "json": {"kind": "security", "metric": "高危漏洞", "target_value": "0"}
            },
            ("PATCH", f"{DELIVERABLE}/standards/{{standard_id}}"): {"json": {"metric": "漏洞"}},
            ("POST", f"{DELIVERABLE}/inspections"): {"json": {"passed": True}},
            ("POST", "/api/v1/projects/{project_id}/baselines/plan"): {"json": {}},
            ("PATCH", "/api/v1/projects/{project_id}/dependencies/{dependency_id}"): {
                "json": {"lag_days": 0}
            },
            ("POST", "/api/v1/baselines/{baseline_id}/sign-offs"): {
                "json": {
                    "stakeholder_id": i["stakeholder_id"],
                    "baseline_number": 1,
                    "decision": "approved",
                }
            },
            ("POST", "/api/v1/projects/{project_id}/goals"): {"json": {"statement": "新目标"}},
            ("PUT", "/api/v1/projects/{project_id}/goals/{goal_id}/achievable"): {"json": {}},
            ("POST", "/api/v1/projects/{project_id}/training-needs"): {
                "json": {"contact_id": i["contact_id"], "topic": "运维"}
            },
            ("POST", "/api/v1/projects/{project_id}/training-sessions"): {
                "json": {"topic": "运维", "held_on": today().isoformat(), "trainer": "王工"}
            },
            (
                "POST",
                "/api/v1/projects/{project_id}/training-sessions/{session_id}/attendance",
            ): {"json": {"marks": [{"contact_id": i["contact_id"], "attendance": "present"}]}},
            ("POST", "/api/v1/projects/{project_id}/training-sessions/{session_id}/materials"): {
                "files": {"file": ("讲义.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
            },
            ("POST", "/api/v1/projects/{project_id}/training-reviews"): {"json": {}},
            # change requests
            ("POST", "/api/v1/projects/{project_id}/changes"): {
                "json": {"title": "新变更", "origin": "us", "reason": "调整", "category": "cost"}
            },
            ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/options"): {
                "json": {"title": "方案二", "new_risks": "延期"}
            },
            ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/analysis"): {},
            ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/sending"): {"json": {}},
            ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/implementation"): {
                "json": {}
            },
            ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/withdrawal"): {
                "json": {"reason": "撤回"}
            },
            ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/decision"): {
                "json": {"decision": "rejected", "stakeholder_id": i["stakeholder_id"]}
            },
            ("PATCH", "/api/v1/projects/{project_id}/changes/{change_id}/options/{option_id}"): {
                "json": {"title": "方案一（修订）"}
            },
            ("POST", "/api/v1/projects/{project_id}/risks"): {"json": _RISK},
            ("POST", "/api/v1/projects/{project_id}/reports"): {"json": {"summary": "新报告"}},
            ("POST", "/api/v1/opportunities/{opportunity_id}/risks"): {"json": _RISK},
            ("POST", "/api/v1/projects/{project_id}/conflicts"): {
                "json": {"kind": "other", "title": "新问题"}
            },
            ("POST", "/api/v1/projects/{project_id}/conflicts/{conflict_id}/status"): {
                "json": {"status": "negotiating"}
            },
            ("POST", "/api/v1/projects/{project_id}/meetings"): {
                "json": {"kind": "customer", "title": "沟通会", "held_on": "2026-12-08"}
            },
            ("POST", "/api/v1/projects/{project_id}/meetings/{meeting_id}/actions"): {
                "json": {"description": "新待办", "owner_id": i["user_id"], "due_on": "2026-12-11"}
            },
            **_closure_bodies(i),
            **{
                ("PATCH", path): {"json": {}}
                for path in (
                    "/api/v1/projects/{project_id}",
                    "/api/v1/projects/{project_id}/team/{member_id}",
                    "/api/v1/projects/{project_id}/stakeholders/{stakeholder_id}",
                    "/api/v1/projects/{project_id}/constraints/{constraint_id}",
                    "/api/v1/projects/{project_id}/tasks/{task_id}",
                    "/api/v1/projects/{project_id}/buffers/{buffer_id}",
                    "/api/v1/projects/{project_id}/deliverables/{deliverable_id}",
                    "/api/v1/projects/{project_id}/goals/{goal_id}",
                    "/api/v1/projects/{project_id}/training-needs/{need_id}",
                    "/api/v1/projects/{project_id}/training-sessions/{session_id}",
                    "/api/v1/projects/{project_id}/risks/{risk_id}",
                    "/api/v1/opportunities/{opportunity_id}/risks/{risk_id}",
                    "/api/v1/projects/{project_id}/conflicts/{conflict_id}",
                    "/api/v1/projects/{project_id}/meetings/{meeting_id}",
                    "/api/v1/projects/{project_id}/meeting-actions/{action_id}",
                    "/api/v1/requirements/{requirement_id}",
                    "/api/v1/clarifications/{clarification_id}",
                    "/api/v1/projects/{project_id}/changes/{change_id}",
                    "/api/v1/projects/{project_id}/lessons/{lesson_id}",
                    "/api/v1/projects/{project_id}/improvements/{improvement_id}",
                    "/api/v1/projects/{project_id}/follow-ups/{follow_up_id}",
                    "/api/v1/projects/{project_id}/reports/{report_id}",
                )
            },
            # after-sales
            ("PATCH", "/api/v1/service/settings"): {"json": {"day_starts_at": "08:30"}},
            ("POST", "/api/v1/service/calendar"): {
                "json": {"day": "2030-01-03", "kind": "workday", "name": "调休"}
            },
            ("PUT", "/api/v1/service/targets"): {
                "json": [{"priority": "p1", "response_minutes": 30, "resolution_minutes": 240}]
            },
            ("POST", "/api/v1/service/plans"): {"json": _plan(i["account_id"])},
            ("PATCH", "/api/v1/service/plans/{plan_id}"): {"json": {"note": "续签"}},
            ("POST", "/api/v1/service/requests"): {"json": _request(i["account_id"])},
            ("PATCH", "/api/v1/service/requests/{request_id}"): {"json": {"title": "改名"}},
            ("POST", "/api/v1/service/requests/{request_id}/response"): {"json": {}},
            ("POST", "/api/v1/service/requests/{request_id}/status"): {
                "json": {"status": "closed", "resolution": "已解决"}
            },
            ("POST", "/api/v1/service/requests/{request_id}/notes"): {"json": {"body": "备注"}},
            ("POST", "/api/v1/opportunities/{opportunity_id}/documents"): {
                "data": {"kind": "qa"},
                "files": {"file": ("qa.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
            },
        }
    )
    return requests


def form_body(route: APIRoute, world: World) -> tuple[dict[str, Any], dict[str, Any]]:
    """Form fields and files naming acme's records for every Form or File parameter the HTML
    route reads (other fields get a short text)."""
    data: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for field in route.dependant.body_params:
        name = field.alias
        if "UploadFile" in str(field.field_info.annotation):
            files[name] = ("qa.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        elif name in world.ids:
            data[name] = str(world.ids[name])
        elif name == "ids":
            data[name] = [str(world.ids["account_id"])]
        elif name.endswith("_id") or name in ("version", "strength", "closeness"):
            data[name] = str(world.ids["contact_id"])
        else:
            data[name] = "测试"
    return data, files


def _closure_bodies(i: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Valid bodies of the closure's writes (projects/closure)."""
    p = "/api/v1/projects/{project_id}"
    fours = ("communication", "responsiveness", "quality", "schedule", "cost", "team", "service")
    ratings = ("communication", "responsiveness", "needs_understanding", "delivery_quality",
               "schedule", "cost_control", "change_handling", "professionalism")  # fmt: skip
    return {
        ("POST", f"{p}/closure"): {"json": {}},
        ("PUT", f"{p}/satisfaction-analysis"): {
            "json": {"respondent_id": i["contact_id"], "scores": dict.fromkeys(fours, 4)}
        },
        ("PUT", f"{p}/organisation-evaluation"): {
            "json": {"evaluator_id": i["contact_id"], "ratings": dict.fromkeys(ratings, 4)}
        },
        ("POST", f"{p}/lessons"): {"json": {"category": "to_improve", "text": "新经验"}},
        ("POST", f"{p}/improvements"): {
            "json": {
                "title": "新改进",
                "source": "lesson",
                "lesson_id": i["lesson_id"],
                "owner_id": i["user_id"],
                "due_on": "2026-12-31",
            }
        },
        ("POST", f"{p}/improvements/{{improvement_id}}/status"): {
            "json": {"status": "in_progress"}
        },
        ("POST", f"{p}/follow-ups"): {"json": {"due_on": "2027-03-01"}},
        ("POST", f"{p}/follow-ups/{{follow_up_id}}/done"): {"json": {}},
    }
