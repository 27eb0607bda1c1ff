"""Every API edit of a versioned record requires `If-Match` (docs/api.md): over every route
whose OpenAPI operation declares the header required, the owner's request without it is a 428
and one with a value that is no ETag a 422, and neither changes a row. Authorization and the
record come first: a viewer still gets 403 and another workspace 404 (test_rights_matrix)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import Team, bearer, make_team
from tests.web.rights import api_bodies, routes, seed, snapshot, url

MACHINERY = frozenset({"user_sessions", "api_tokens", "login_attempts", "security_events"})


@pytest.fixture
def team(uow) -> Team:
    with uow() as db:
        return make_team(db)


def _guarded(app: Any) -> list[tuple[str, str]]:
    document = app.openapi()
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", ()):
                if parameter["name"] == "if-match" and parameter["required"]:
                    found.append((method.upper(), path))
    return sorted(found)


def test_every_patch_and_every_delete_of_a_versioned_record_is_guarded(app):
    guarded = set(_guarded(app))
    patches = {(m, p) for m, p, _ in routes(app) if m == "PATCH" and p.startswith("/api/")}
    assert patches <= guarded
    assert {
        ("DELETE", "/api/v1/activities/{activity_id}"),
        ("DELETE", "/api/v1/influences/{edge_id}"),
        ("DELETE", "/api/v1/acquaintances/{edge_id}"),
        ("DELETE", "/api/v1/competitor-ties/{tie_id}"),
        ("DELETE", "/api/v1/opportunities/{opportunity_id}/decision-chain/{member_id}"),
        ("DELETE", "/api/v1/opportunities/{opportunity_id}/vendors/{vendor_id}"),
        ("DELETE", "/api/v1/projects/{project_id}/team/{member_id}"),
        ("DELETE", "/api/v1/projects/{project_id}/stakeholders/{stakeholder_id}"),
        ("DELETE", "/api/v1/projects/{project_id}/constraints/{constraint_id}"),
        ("DELETE", "/api/v1/projects/{project_id}/risks/{risk_id}"),
        ("DELETE", "/api/v1/opportunities/{opportunity_id}/risks/{risk_id}"),
        ("DELETE", "/api/v1/projects/{project_id}/conflicts/{conflict_id}"),
        ("POST", "/api/v1/projects/{project_id}/conflicts/{conflict_id}/status"),
        ("POST", "/api/v1/projects/{project_id}/meetings/{meeting_id}/next"),
        ("DELETE", "/api/v1/projects/{project_id}/meeting-actions/{action_id}"),
        ("POST", "/api/v1/accounts/{account_id}/merge"),
        ("POST", "/api/v1/opportunities/{opportunity_id}/close"),
        ("POST", "/api/v1/projects/{project_id}/phase"),
        ("PUT", "/api/v1/contacts/{contact_id}/reports-to"),
        ("PUT", "/api/v1/opportunities/{opportunity_id}/review"),
        ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/analysis"),
        ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/sending"),
        ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/decision"),
        ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/implementation"),
        ("POST", "/api/v1/projects/{project_id}/changes/{change_id}/withdrawal"),
        ("DELETE", "/api/v1/projects/{project_id}/changes/{change_id}/options/{option_id}"),
    } <= guarded


def test_an_edit_without_if_match_is_a_428_and_a_malformed_one_a_422(app, client, team, request):
    world = seed(client, team.tokens["owner"], team.owner.user_id)
    bodies = api_bodies(world)
    owner = bearer(team.tokens["owner"])
    connection = request.getfixturevalue("_database").connection
    baseline = snapshot(connection, MACHINERY)
    answers: dict[tuple[str, str], tuple[int, int]] = {}
    changed = []
    for method, path in _guarded(app):
        statuses = []
        for extra in ({}, {"If-Match": "v1"}):
            savepoint = connection.begin_nested()
            try:
                response = client.request(
                    method,
                    url(path, world),
                    headers=owner | extra,
                    **bodies.get((method, path), {}),
                )
                if snapshot(connection, MACHINERY) != baseline:
                    changed.append((method, path, extra))
            finally:
                savepoint.rollback()
            statuses.append(response.status_code)
        answers[method, path] = (statuses[0], statuses[1])
    assert {route: a for route, a in answers.items() if a != (428, 422)} == {}
    assert changed == []
