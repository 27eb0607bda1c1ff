"""A syntactically valid request for every route of the relationships API, aimed at given
records.

Tests that must cover every route enumerate the app's routes whose paths are those of the
relationships area's API routers and compare them with the keys here, so a new route fails
those tests until it is given a request below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from pcrm.relationships.area import AREA
from tests.factories import api_routes

UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}


@dataclass(frozen=True, slots=True)
class Target:
    """The records a request is aimed at."""

    account: int
    contact: int
    user: int
    influence: int
    dotted_line: int
    acquaintance: int
    competitor: int
    tie: int
    competitor_name: str


def relationships_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves at a path of the relationships API."""
    paths = {
        route.path_format
        for router in AREA.api
        for route in router.routes
        if isinstance(route, APIRoute)
    }
    return {
        (method, path) for path, methods in api_routes(app) if path in paths for method in methods
    }


def requests_for(target: Target, own: Target) -> dict[tuple[str, str], dict[str, Any]]:
    """Keyword arguments of `client.request` per route; `own` gives records of the caller's
    workspace where a body links the target to a second record."""
    t = target
    return {
        ("GET", "/api/v1/contacts/{contact_id}/profile"): {},
        ("POST", "/api/v1/contacts/{contact_id}/profile"): {
            "json": {"relationship_status": "supporter", "effective_on": "2026-03-01"}
        },
        ("PUT", "/api/v1/contacts/{contact_id}/reports-to"): {"json": {"manager_id": None}},
        ("POST", "/api/v1/influences"): {
            "json": {"from_contact_id": own.contact, "to_contact_id": t.contact, "strength": 3}
        },
        ("PATCH", "/api/v1/influences/{edge_id}"): {"json": {"strength": 1}},
        ("DELETE", "/api/v1/influences/{edge_id}"): {},
        ("POST", "/api/v1/dotted-lines"): {
            "json": {"contact_id": own.contact, "manager_id": t.contact}
        },
        ("DELETE", "/api/v1/dotted-lines/{edge_id}"): {},
        ("POST", "/api/v1/acquaintances"): {
            "json": {"user_id": own.user, "contact_id": t.contact, "closeness": 3}
        },
        ("PATCH", "/api/v1/acquaintances/{edge_id}"): {"json": {"closeness": 1}},
        ("DELETE", "/api/v1/acquaintances/{edge_id}"): {},
        ("GET", "/api/v1/contacts/{contact_id}/known-by"): {},
        ("GET", "/api/v1/users/{user_id}/acquaintances"): {},
        ("GET", "/api/v1/competitors"): {},
        ("POST", "/api/v1/competitors"): {"json": {"name": t.competitor_name}},
        ("GET", "/api/v1/competitors/{competitor_id}"): {},
        ("PUT", "/api/v1/competitors/{competitor_id}"): {"json": {"name": "改名的对手"}},
        ("GET", "/api/v1/competitors/{competitor_id}/ties"): {},
        ("POST", "/api/v1/competitor-ties"): {
            "json": {"competitor_id": t.competitor, "contact_id": own.contact, "closeness": 3}
        },
        ("PATCH", "/api/v1/competitor-ties/{tie_id}"): {"json": {"closeness": 1}},
        ("DELETE", "/api/v1/competitor-ties/{tie_id}"): {},
        ("GET", "/api/v1/accounts/{account_id}/relationship-graph"): {},
        ("GET", "/api/v1/accounts/{account_id}/closeness"): {},
        ("GET", "/api/v1/contacts/{contact_id}/paths"): {"params": {"mode": "fewest"}},
    }


def url_for(path: str, target: Target) -> str:
    edges = {
        "/api/v1/influences/": target.influence,
        "/api/v1/dotted-lines/": target.dotted_line,
        "/api/v1/acquaintances/": target.acquaintance,
    }
    edge = next((i for prefix, i in edges.items() if path.startswith(prefix)), 0)
    return path.format(
        account_id=target.account,
        contact_id=target.contact,
        user_id=target.user,
        edge_id=edge,
        competitor_id=target.competitor,
        tie_id=target.tie,
    )
