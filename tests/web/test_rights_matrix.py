"""Every route of the app, for the six roles, another workspace's owner, nobody and a
deactivated user: the answer follows from the permission table (tests/web/rights.py says
which right each route needs), and a refused write changes no row of any table.

Two tests per database (the roles; the outsiders) walk every route for their principals, so
acme's records are written once per test; each request runs in a savepoint rolled back after
it, so every request meets the same records whatever the ones before it did. Reads every role
may make (test_every_role_reads) are asked as the viewer only; writes and the rights that
differ are asked as every role."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pcrm.core.tenancy import GLOBAL
from pcrm.identity.permissions import Permission, Role, has_permission
from pcrm.identity.public import operator_principal
from pcrm.identity.users import service as users
from pcrm.identity.users.models import User
from pcrm.identity.users.schemas import UserUpdate
from tests.factories import Team, bearer, csrf_token, make_team, make_token, make_user, sign_in
from tests.web.rights import (
    UNSAFE,
    Open,
    World,
    api_bodies,
    form_body,
    need,
    routes,
    seed,
    snapshot,
    url,
)

# What a request writes before anything is decided: the session's and token's last use.
# what signing in and refusing write themselves (the security log records every refusal)
MACHINERY = frozenset({"user_sessions", "api_tokens", "login_attempts", "security_events"})
# Path parameters that name none of acme's records.
NOT_RECORDS = {"{list_name}", "{token}"}
PRINCIPALS = [
    "owner",
    "admin",
    "manager",
    "sales",
    "delivery",
    "viewer",
    "stranger",
    "anonymous",
    "deactivated",
]


def test_every_route_has_a_rule(app):
    unknown = [(method, path) for method, path, _ in routes(app) if need(method, path) is None]
    assert unknown == []


def test_the_rules_cover_the_rights_the_services_check(app):
    """Each write right is asked for by some route (a right no route needs is a rule gone
    stale), except the projects right, whose area is not built yet."""
    asked = {need(method, path) for method, path, _ in routes(app)}
    unasked = {p for p in Permission if p not in asked}
    assert unasked == {Permission.WRITE}


def test_every_role_reads():
    assert all(has_permission(role, Permission.READ) for role in Role)


def _expected(who: str, method: str, path: str) -> int | str | None:
    """The status `who` must get, "allowed" (anything but 401, 403 and 5xx), or None where the
    principal says nothing about the route."""
    needed = need(method, path)
    api = path.startswith("/api/")
    if needed is Open.PUBLIC:
        return None
    if needed is Open.PORTAL:
        # a staff session is no portal session; a staff form token is not the portal's
        return 403 if method in UNSAFE else 303
    if who in ("anonymous", "deactivated"):
        return 401 if api else 303
    if who == "stranger":
        params = {p for p in path.split("/") if p.startswith("{")}
        return 404 if params - NOT_RECORDS else None
    if needed in (Open.SIGNED_IN, Permission.READ):
        # every role reads (test_every_role_reads): the viewer's answers stand for all
        return "allowed" if who == "viewer" else None
    assert isinstance(needed, Permission)
    return "allowed" if has_permission(Role(who), needed) else 403


@pytest.fixture
def team(uow) -> Team:
    with uow() as db:
        team = make_team(db)
        make_user(db, team.workspace, "manager@acme.example", Role.MANAGER, name="经理")
        make_user(db, team.workspace, "delivery@acme.example", Role.DELIVERY, name="交付")
        gone = make_user(db, team.workspace, "gone@acme.example", Role.SALES, name="离职")
        for role in ("manager", "delivery"):
            team.tokens[role] = make_token(db, team.workspace, f"{role}@acme.example")
        team.tokens["deactivated"] = make_token(db, team.workspace, gone.email)
    return team


def _credentials(
    who: str, team: Team, make_client: Any, uow: Any
) -> tuple[TestClient, dict[str, str]]:
    """A client signed in as `who` (for the pages) and the headers of their API token."""
    client = make_client()
    email = {
        "stranger": "owner@other.example",
        "deactivated": "gone@acme.example",
    }.get(who, f"{who}@acme.example")
    if who == "anonymous":
        return client, {"X-CSRF-Token": csrf_token(client)}
    csrf = sign_in(client, email)
    headers = {"X-CSRF-Token": csrf, **bearer(team.tokens[who])}
    if who == "deactivated":
        with uow() as db:
            admin = operator_principal(db, "acme", "owner@acme.example")
            user_id = _user_id(db, email)
            current = users.get_user(db, admin, user_id)
            users.update_user(db, admin, user_id, UserUpdate(is_active=False), current.version)
    return client, headers


def _user_id(db: Any, email: str) -> int:
    found = db.scalar(select(User.id).where(User.email == email).execution_options(**GLOBAL))
    assert found is not None
    return int(found)


def _send(
    client: TestClient,
    headers: dict[str, str],
    method: str,
    path: str,
    route: Any,
    world: World,
    bodies: dict[tuple[str, str], dict[str, Any]],
) -> Any:
    target = url(path, world)
    if path.startswith("/api/"):
        kwargs = bodies.get((method, path), {}) if method in UNSAFE else {}
        # the rights are about who, not which version: an edit names none (`If-Match: *`)
        unsafe = {"If-Match": "*"} if method in UNSAFE else {}
        return client.request(method, target, headers=headers | unsafe, **kwargs)
    page_headers = {"X-CSRF-Token": headers["X-CSRF-Token"]}
    if method not in UNSAFE:
        return client.request(method, target, headers=page_headers)
    data, files = form_body(route, world)
    return client.request(method, target, headers=page_headers, data=data, files=files or None)


@pytest.mark.parametrize(
    "principals",
    [
        pytest.param(PRINCIPALS[:6], id="roles", marks=pytest.mark.xdist_group("rights-roles")),
        pytest.param(PRINCIPALS[6:], id="outsiders", marks=pytest.mark.xdist_group("rights-out")),
    ],
)
def test_each_route_answers_as_the_permission_table_says(
    principals, app, client, make_client, uow, team, request
):
    """Many principals in one test, so that acme's records are written once for them; the
    roles and the outsiders in two groups that pytest-xdist may run side by side."""
    world = seed(client, team.tokens["owner"], team.owner.user_id)
    bodies = api_bodies(world)
    visitors = {who: _credentials(who, team, make_client, uow) for who in principals}
    wrong: list[tuple[str, str, str, object, int, str]] = []
    changed: list[tuple[str, str, str, list[str]]] = []
    connection = request.getfixturevalue("_database").connection
    baseline = snapshot(connection, MACHINERY)
    for method, path, route in routes(app):
        for who, (visitor, headers) in visitors.items():
            expected = _expected(who, method, path)
            if expected is None:
                continue
            savepoint = connection.begin_nested()
            try:
                response = _send(visitor, headers, method, path, route, world, bodies)
                if method in UNSAFE and expected != "allowed":
                    after = snapshot(connection, MACHINERY)
                    diff = sorted(name for name in baseline if baseline[name] != after[name])
                    if diff:
                        changed.append((who, method, path, diff))
            finally:
                savepoint.rollback()
            status = response.status_code
            allowed = status not in (401, 403) and status < 500
            if not (allowed if expected == "allowed" else status == expected):
                wrong.append((who, method, path, expected, status, response.text[:120]))
    assert [w[:5] for w in wrong] == [], wrong
    assert changed == []
