"""Tenancy and permissions of the opportunities API: on every route, another workspace's record
is indistinguishable from a missing one, a viewer cannot write, and neither changes anything."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute

from pcrm.opportunities.chain import routes_api as chain_api
from pcrm.opportunities.handover import routes_api as handover_api
from pcrm.opportunities.pipeline import routes_api
from pcrm.opportunities.review import routes_api as review_api
from pcrm.opportunities.tender import routes_api as tender_api
from tests.accounts.builders import new_contact
from tests.factories import bearer
from tests.opportunities.builders import account, opportunity, row_counts, tender, today, vendor
from tests.relationships.builders import competitor

UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}
# A valid body for each unsafe route, so that only the target decides the answer.
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/v1/opportunities"): "opportunity",
    ("PATCH", "/api/v1/opportunities/{opportunity_id}"): {"name": "改名"},
    ("POST", "/api/v1/opportunities/{opportunity_id}/archive"): None,
    ("POST", "/api/v1/opportunities/{opportunity_id}/stage"): {
        "stage": "bidding",
        "no_tender_reason": "单一来源",
    },
    ("POST", "/api/v1/opportunities/{opportunity_id}/close"): {
        "outcome": "abandoned",
        "review": {"reasons": ["budget"]},
    },
    ("PUT", "/api/v1/opportunities/{opportunity_id}/review"): {"reasons": ["price"]},
    ("PUT", "/api/v1/opportunities/{opportunity_id}/team"): [],
    ("POST", "/api/v1/opportunities/{opportunity_id}/relations"): "relation",
    ("DELETE", "/api/v1/opportunities/{opportunity_id}/relations/{relation_id}"): None,
    ("PUT", "/api/v1/opportunities/{opportunity_id}/tender"): {
        "method": "open",
        "evaluation_method": "lowest_price",
    },
    ("POST", "/api/v1/opportunities/{opportunity_id}/vendors"): "vendor",
    ("PATCH", "/api/v1/opportunities/{opportunity_id}/vendors/{vendor_id}"): {"status": "withdrew"},
    ("DELETE", "/api/v1/opportunities/{opportunity_id}/vendors/{vendor_id}"): None,
    ("PUT", "/api/v1/opportunities/{opportunity_id}/vendors/{vendor_id}/scores"): {"scores": {}},
    ("POST", "/api/v1/opportunities/{opportunity_id}/quote-rounds"): "round",
    ("DELETE", "/api/v1/opportunities/{opportunity_id}/quote-rounds/{round_id}"): None,
    ("POST", "/api/v1/opportunities/{opportunity_id}/decision-chain"): "member",
    ("PATCH", "/api/v1/opportunities/{opportunity_id}/decision-chain/{member_id}"): {"note": "改"},
    ("DELETE", "/api/v1/opportunities/{opportunity_id}/decision-chain/{member_id}"): None,
}


def routes() -> list[tuple[str, str]]:
    return sorted(
        (method, route.path_format)
        for router in (
            routes_api.router,
            review_api.router,
            handover_api.router,
            tender_api.router,
            chain_api.router,
        )
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    )


@pytest.fixture
def records(client, acme) -> dict[str, Any]:
    """An acme opportunity with every kind of child record (open, so writes are allowed)."""
    token = acme.tokens["owner"]
    h = bearer(token)
    customer = account(client, token)
    contact = new_contact(client, token, customer["id"], "张总")["id"]
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
        json={"contact_id": contact, "decision_role": "decision_maker"},
        headers=h,
    ).json()["id"]
    second_rival = competitor(client, token, "华数智通")["id"]
    return {
        "ids": {
            "opportunity_id": opp,
            "relation_id": relation,
            "vendor_id": rival_vendor,
            "round_id": rounds[-1]["id"],
            "member_id": member,
        },
        "bodies": {
            "opportunity": {"account_id": customer["id"], "name": "三期"},
            "relation": {"earlier_id": earlier, "kind": "follow_on_of"},
            "vendor": {"competitor_id": second_rival},
            "round": {
                "quoted_on": today().isoformat(),
                "quotes": [{"vendor_id": us, "amount": "8"}],
            },
            "member": {
                "contact_id": new_contact(client, token, customer["id"], "李工")["id"],
                "decision_role": "user",
            },
        },
    }


def _request(client, token, method, path, records) -> Any:
    url = path.format(**records["ids"])
    body = BODIES.get((method, path))
    if isinstance(body, str):
        body = records["bodies"][body]
    return client.request(method, url, json=body, headers=bearer(token))


def test_every_unsafe_route_has_a_request_here():
    assert {r for r in routes() if r[0] in UNSAFE} == set(BODIES)


def test_another_workspace_gets_404_on_every_route_and_changes_nothing(client, acme, records, uow):
    stranger = acme.tokens["stranger"]
    before = row_counts(uow)
    answers = {
        (method, path): _request(client, stranger, method, path, records).status_code
        for method, path in routes()
        if "{" in path
    }
    assert answers == dict.fromkeys(answers, 404)
    assert row_counts(uow) == before


def test_a_viewer_reads_but_every_write_is_refused_and_changes_nothing(client, acme, records, uow):
    """A 403 rather than a 422 also shows that each request body above is valid."""
    viewer = acme.tokens["viewer"]
    before = row_counts(uow)
    writes = {
        (method, path): _request(client, viewer, method, path, records).status_code
        for method, path in routes()
        if method in UNSAFE
    }
    assert writes == dict.fromkeys(writes, 403)
    assert row_counts(uow) == before
    reads = {
        path: _request(client, viewer, "GET", path, records).status_code
        for method, path in routes()
        if method == "GET"
    }
    handover = "/api/v1/opportunities/{opportunity_id}/handover"  # only once won
    assert reads == {key: 422 if key == handover else 200 for key in reads}
