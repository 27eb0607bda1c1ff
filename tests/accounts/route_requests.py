"""A syntactically valid request for every route of the accounts API, aimed at given records.

Tests that must cover every route enumerate the app's routes and compare them with the keys
here, so a new route fails those tests until it is given a request below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.accounts.builders import problem_without_instance
from tests.factories import bearer, module_routes

PREFIXES = ("/api/v1/accounts", "/api/v1/contacts", "/api/v1/activities")
MODULES = (
    "pcrm.accounts.accounts.routes_api",
    "pcrm.accounts.contacts.routes_api",
    "pcrm.accounts.activities.routes_api",
)
UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}


@dataclass(frozen=True, slots=True)
class Target:
    """The records a request is aimed at, and what identifies them in bodies and queries."""

    account: int
    contact: int
    activity: int
    account_name: str
    credit_code: str
    mobile: str
    email: str


def accounts_routes(app: FastAPI, modules: tuple[str, ...] = MODULES) -> set[tuple[str, str]]:
    """(method, path) of every route of the accounts area's JSON API, or of the given
    modules' routes."""
    return {
        (method, path)
        for module in modules
        for path, methods in module_routes(app, module)
        for method in methods
    }


def requests_for(target: Target, own: Target) -> dict[tuple[str, str], dict[str, Any]]:
    """Keyword arguments of `client.request` per route; `own` gives records of the caller's
    workspace where a body needs a second record (the duplicate of a merge)."""
    t = target
    return {
        ("GET", "/api/v1/accounts"): {"params": {"q": t.account_name}},
        ("GET", "/api/v1/search"): {"params": {"q": "华为"}},
        ("POST", "/api/v1/accounts"): {"json": {"name": "新单位", "parent_id": t.account}},
        ("GET", "/api/v1/accounts/duplicates"): {
            "params": {"name": t.account_name, "credit_code": t.credit_code}
        },
        ("POST", "/api/v1/accounts/bulk"): {"json": {"ids": [t.account], "action": "archive"}},
        ("GET", "/api/v1/accounts/{account_id}"): {},
        ("PATCH", "/api/v1/accounts/{account_id}"): {"json": {"name": "改名"}},
        ("POST", "/api/v1/accounts/{account_id}/archive"): {},
        ("POST", "/api/v1/accounts/{account_id}/restore"): {},
        ("POST", "/api/v1/accounts/{account_id}/merge"): {"json": {"duplicate_id": own.account}},
        ("GET", "/api/v1/accounts/{account_id}/history"): {},
        ("GET", "/api/v1/accounts/{account_id}/org-chart"): {},
        ("GET", "/api/v1/contacts"): {"params": {"q": t.mobile, "account_id": t.account}},
        ("POST", "/api/v1/contacts"): {"json": {"name": "新人", "account_id": t.account}},
        ("GET", "/api/v1/contacts/duplicates"): {
            "params": {
                "name": "张伟",
                "account_id": t.account,
                "mobile": t.mobile,
                "email": t.email,
            }
        },
        ("POST", "/api/v1/contacts/bulk-archive"): {
            "json": {"ids": [t.contact], "action": "archive"}
        },
        ("GET", "/api/v1/contacts/{contact_id}"): {},
        ("PATCH", "/api/v1/contacts/{contact_id}"): {"json": {"title": "总监"}},
        ("POST", "/api/v1/contacts/{contact_id}/archive"): {},
        ("POST", "/api/v1/contacts/{contact_id}/merge"): {"json": {"duplicate_id": own.contact}},
        ("GET", "/api/v1/contacts/{contact_id}/employments"): {},
        ("GET", "/api/v1/contacts/{contact_id}/history"): {},
        ("GET", "/api/v1/activities"): {
            "params": {"account_id": t.account, "contact_id": t.contact}
        },
        ("POST", "/api/v1/activities"): {
            "json": {
                "type": "call",
                "occurred_at": "2026-03-02T10:00:00+08:00",
                "account_id": t.account,
                "subject": "电话沟通",
            }
        },
        ("GET", "/api/v1/activities/{activity_id}"): {},
        ("PATCH", "/api/v1/activities/{activity_id}"): {"json": {"subject": "改期"}},
        ("DELETE", "/api/v1/activities/{activity_id}"): {},
    }


def url_for(path: str, target: Target) -> str:
    return path.format(
        account_id=target.account, contact_id=target.contact, activity_id=target.activity
    )


def answer(response: Any) -> tuple[int, Any]:
    """A response as the tenancy checks compare it: status and body, without what differs
    per request."""
    body = response.json() if response.content else None
    return response.status_code, problem_without_instance(body)


def stranger_answers(
    client: TestClient,
    token: str,
    routes: set[tuple[str, str]],
    records: dict[str, Target],
    missing: Target,
) -> dict[tuple[str, str], tuple[int, bool]]:
    """Per route: the status another workspace's user gets when aiming at acme's records, and
    whether the answer is the one they get for records that do not exist."""
    aimed_at_acme = requests_for(records["acme"], records["theirs"])
    aimed_at_nothing = requests_for(missing, records["theirs"])
    observed = {}
    for method, path in sorted(routes):
        theirs = client.request(
            method,
            url_for(path, records["acme"]),
            headers=bearer(token),
            **aimed_at_acme[method, path],
        )
        nothing = client.request(
            method, url_for(path, missing), headers=bearer(token), **aimed_at_nothing[method, path]
        )
        observed[method, path] = (theirs.status_code, answer(theirs) == answer(nothing))
    return observed


def statuses(
    client: TestClient,
    token: str,
    routes: set[tuple[str, str]],
    target: Target,
    second: Target,
) -> dict[tuple[str, str], int]:
    """The status of each route's request aimed at `target` (`second` where a body names
    another record)."""
    requests = requests_for(target, second)
    return {
        (method, path): client.request(
            method, url_for(path, target), headers=bearer(token), **requests[method, path]
        ).status_code
        for method, path in sorted(routes)
    }
