"""The portal's authorization matrix: every portal route (pages and forms; the portal has no
JSON endpoint and no download yet) for a portal viewer, a portal approver, another account's
portal user, another workspace's portal user, a deactivated portal user, a staff session and
an anonymous visitor: the expected status, no foreign name in any body, and no row changed by
a refused write. Then every staff route refuses a portal session."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import make_team, sign_in
from tests.portal.builders import (
    INTERNAL_RISK,
    OTHER_ACCOUNT_PROJECT,
    OTHER_WORKSPACE_PROJECT,
    portal_csrf,
    portal_sign_in,
    portal_world,
)
from tests.web.rights import UNSAFE, Open, need, routes, snapshot

MACHINERY = frozenset(
    {
        "user_sessions",
        "api_tokens",
        "login_attempts",
        "security_events",
        "portal_sessions",
        "portal_login_attempts",
    }
)
WHO = ("viewer", "approver", "other_account", "other_workspace", "deactivated", "staff", "anon")
HOME_PROJECT = "智慧园区"
HOME_REQUIREMENT = "园区门禁统一认证"
# what each visitor must never read on a portal page
FOREIGN = {
    "viewer": (OTHER_ACCOUNT_PROJECT, OTHER_WORKSPACE_PROJECT, INTERNAL_RISK),
    "approver": (OTHER_ACCOUNT_PROJECT, OTHER_WORKSPACE_PROJECT, INTERNAL_RISK),
    "other_account": (HOME_PROJECT, HOME_REQUIREMENT, OTHER_WORKSPACE_PROJECT, INTERNAL_RISK),
    "other_workspace": (HOME_PROJECT, HOME_REQUIREMENT, OTHER_ACCOUNT_PROJECT, INTERNAL_RISK),
}
EVERYTHING = (HOME_PROJECT, HOME_REQUIREMENT, OTHER_ACCOUNT_PROJECT, OTHER_WORKSPACE_PROJECT)
SIGNED_OUT = ("deactivated", "staff", "anon")


@pytest.fixture
def acme(uow):
    with uow() as db:
        return make_team(db)


def _visitors(make_client: Any, world: Any) -> dict[str, tuple[TestClient, str]]:
    """A client per visitor and the portal CSRF token of its cookie jar (a valid one for
    everybody, so that what refuses a write is who asks, never a missing token)."""
    visitors: dict[str, tuple[TestClient, str]] = {}
    for who, key in (
        ("viewer", "viewer"),
        ("approver", "approver"),
        ("other_account", "other_account"),
        ("other_workspace", "other_workspace"),
        ("deactivated", "leaver"),
    ):
        client = make_client()
        visitors[who] = (client, portal_sign_in(client, world.emails[key]))
    staff = make_client()
    sign_in(staff, "owner@acme.example")
    visitors["staff"] = (staff, portal_csrf(staff))
    anon = make_client()
    visitors["anon"] = (anon, portal_csrf(anon))
    return visitors


def _deactivate(client: TestClient, make_client: Any, world: Any) -> None:
    staff = make_client()
    csrf = sign_in(staff, "owner@acme.example")
    ended = staff.post(
        f"/projects/{world.project_id}/stakeholders/{world.leaver_stakeholder}/portal-revocation",
        data={"csrf_token": csrf},
    )
    assert ended.status_code == 303


def _expected(who: str, method: str, path: str) -> int | None:  # noqa: PLR0911 - the table
    """The status `who` must get on a portal route (None: any answer but a 5xx)."""
    if need(method, path) is Open.PUBLIC:
        if path == "/portal/login" and method == "GET":
            return 200 if who in SIGNED_OUT else 303
        return {
            "/portal/login": 400,  # no credentials given
            "/portal/logout": 303,
            "/portal/language": 303,
            "/portal/join/{token}": 404,  # no such invitation
        }[path]
    if who in SIGNED_OUT:
        return 303
    if path == "/portal":
        return 200
    ours = who in ("viewer", "approver")
    if not ours:
        return 404
    if method not in UNSAFE:
        return 200
    if path.endswith("/changes"):
        return 303  # any stakeholder of the customer may ask for a change
    if path.endswith("/decision"):
        return 303 if who == "approver" else 403
    if path.endswith("/answer"):
        return 303 if who == "approver" else 404  # the question was asked to the approver
    raise AssertionError(path)


def _target(path: str, world: Any) -> str:
    ids = {
        "project_id": world.project_id,
        "baseline_id": world.baseline_id,
        "clarification_id": world.question_id,
        "change_id": world.change_id,
        "token": "no-such-invitation",
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


def _form(path: str, world: Any, csrf: str) -> dict[str, str]:
    if path.endswith("/changes"):
        return {
            "csrf_token": csrf,
            "title": "增加停车场引导",
            "reason": "访客停车难",
            "category": "scope",
        }
    if "/changes/" in path:
        option = "{}:{}".format(*world.options[0])
        return {"csrf_token": csrf, "option": option, "decision": "approved"}
    if path.endswith("/decision"):
        return {"csrf_token": csrf, "baseline_number": "1", "decision": "approved"}
    if path.endswith("/answer"):
        return {"csrf_token": csrf, "version": str(world.question_version), "answer": "需要"}
    return {"csrf_token": csrf}


def test_every_portal_route_answers_each_visitor_as_it_should(
    app, client, make_client, acme, request
):
    world = portal_world(client, make_client(), acme)
    visitors = _visitors(make_client, world)
    _deactivate(visitors["deactivated"][0], make_client, world)
    connection = request.getfixturevalue("_database").connection
    portal_routes = [r for r in routes(app) if r[1] == "/portal" or r[1].startswith("/portal/")]
    assert {path for _method, path, _route in portal_routes} == {
        "/portal",
        "/portal/login",
        "/portal/logout",
        "/portal/language",
        "/portal/join/{token}",
        "/portal/projects/{project_id}",
        "/portal/projects/{project_id}/baselines/{baseline_id}/decision",
        "/portal/projects/{project_id}/changes",
        "/portal/projects/{project_id}/changes/{change_id}/decision",
        "/portal/projects/{project_id}/questions/{clarification_id}/answer",
    }
    wrong: list[tuple[str, str, str, int | None, int]] = []
    leaks: list[tuple[str, str, str, str]] = []
    changed: list[tuple[str, str, str, list[str]]] = []
    for method, path, _route in portal_routes:
        # logging out first would sign the visitor out for the routes after it
        if path == "/portal/logout":
            continue
        for who in WHO:
            visitor, csrf = visitors[who]
            expected = _expected(who, method, path)
            before = snapshot(connection, MACHINERY)
            savepoint = connection.begin_nested()
            try:
                target = _target(path, world)
                if method in UNSAFE:
                    response = visitor.request(method, target, data=_form(path, world, csrf))
                    if response.status_code in (400, 401, 403, 404, 409, 422) or (
                        expected == 303 and who in SIGNED_OUT
                    ):
                        diff = [
                            name
                            for name, row in snapshot(connection, MACHINERY).items()
                            if before[name] != row
                        ]
                        if diff:
                            changed.append((who, method, path, diff))
                else:
                    response = visitor.request(method, target)
            finally:
                savepoint.rollback()
            if response.status_code != expected:
                wrong.append((who, method, path, expected, response.status_code))
            forbidden = FOREIGN.get(who, EVERYTHING)
            leaks += [(who, method, path, name) for name in forbidden if name in response.text]
    for who in WHO:
        visitor, csrf = visitors[who]
        out = visitor.post("/portal/logout", data={"csrf_token": csrf})
        if out.status_code != 303:
            wrong.append((who, "POST", "/portal/logout", 303, out.status_code))
    assert wrong == []
    assert leaks == []
    assert changed == []


def test_staff_routes_refuse_a_portal_session(app, client, make_client, acme, request):
    world = portal_world(client, make_client(), acme)
    portal = make_client()
    csrf = portal_sign_in(portal, world.emails["approver"])
    connection = request.getfixturevalue("_database").connection
    before = snapshot(connection, MACHINERY)
    wrong = []
    for method, path, _route in routes(app):
        if path.startswith("/portal") or need(method, path) is Open.PUBLIC:
            continue
        target = re.sub(r"\{(\w+)\}", str(world.project_id), path)
        if method in UNSAFE:
            response = portal.request(method, target, data={"csrf_token": csrf})
        else:
            response = portal.request(method, target)
        refused = {401} if path.startswith("/api/") else {303}
        if method in UNSAFE:
            refused |= {403}  # the portal's form token is no staff form token
        if response.status_code not in refused:
            wrong.append((method, path, response.status_code))
        elif response.status_code == 303 and not response.headers["location"].startswith("/login"):
            # a page that only points at another (/relationships/open): that one refuses
            onward = portal.get(response.headers["location"])
            if not onward.headers.get("location", "").startswith("/login"):
                wrong.append((method, path, response.headers["location"]))
    assert wrong == []
    after = snapshot(connection, MACHINERY)
    assert [name for name in before if before[name] != after[name]] == []
