"""Permissions of the relationships API: a viewer reads every route but never writes."""

from __future__ import annotations

import pytest

from pcrm.relationships.competitors.models import Competitor, CompetitorTie
from pcrm.relationships.graph.models import Acquaintance, Influence
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer
from tests.relationships.builders import (
    acquaintance,
    competitor,
    dotted_line,
    influence,
    profile,
    row_counts,
    stored,
    tie,
)
from tests.relationships.route_requests import (
    UNSAFE,
    Target,
    relationships_routes,
    requests_for,
    url_for,
)


@pytest.fixture
def targets(client, acme):
    """Acme's 张总 linked every way, and a second set of acme's records (李财, the admin, a
    second competitor) that the request bodies link 张总 to."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "张总", importance="key")["id"]
    cfo = new_contact(client, token, account["id"], "李财", reports_to_id=boss)["id"]
    clerk = new_contact(client, token, account["id"], "王工")["id"]
    rival = competitor(client, token, "竞品甲")["id"]
    profile(client, token, boss, relationship_status="neutral")
    return {
        "target": Target(
            account=account["id"],
            contact=boss,
            user=acme.sales.user_id,
            influence=influence(client, token, cfo, boss, 3)["id"],
            dotted_line=dotted_line(client, token, boss, cfo)["id"],
            acquaintance=acquaintance(client, token, acme.sales.user_id, boss, 4)["id"],
            competitor=rival,
            tie=tie(client, token, rival, boss, 5)["id"],
            competitor_name="竞品丙",
        ),
        "second": Target(
            account=account["id"],
            contact=clerk,
            user=acme.admin.user_id,
            influence=0,
            dotted_line=0,
            acquaintance=0,
            competitor=competitor(client, token, "竞品乙")["id"],
            tie=0,
            competitor_name="竞品丁",
        ),
    }


def _rows(uow, target):
    return {
        "influence": stored(uow, Influence, target.influence),
        "acquaintance": stored(uow, Acquaintance, target.acquaintance),
        "competitor": stored(uow, Competitor, target.competitor),
        "tie": stored(uow, CompetitorTie, target.tie),
    }


def test_a_viewer_gets_403_on_every_unsafe_route_and_nothing_changes(
    app, client, acme, uow, targets
):
    target = targets["target"]
    requests = requests_for(target, targets["second"])
    unsafe = sorted(route for route in relationships_routes(app) if route[0] in UNSAFE)
    before = (row_counts(uow), _rows(uow, target))

    observed = {
        (method, path): client.request(
            method,
            url_for(path, target),
            headers=bearer(acme.tokens["viewer"]),
            **requests[method, path],
        ).status_code
        for method, path in unsafe
    }

    assert observed == dict.fromkeys(unsafe, 403)
    assert (row_counts(uow), _rows(uow, target)) == before


def test_a_viewer_reads_every_safe_route(app, client, acme, targets):
    target = targets["target"]
    requests = requests_for(target, targets["second"])
    safe = sorted(route for route in relationships_routes(app) if route[0] not in UNSAFE)

    observed = {
        (method, path): client.request(
            method,
            url_for(path, target),
            headers=bearer(acme.tokens["viewer"]),
            **requests[method, path],
        ).status_code
        for method, path in safe
    }

    assert observed == dict.fromkeys(safe, 200)


def test_the_same_unsafe_requests_succeed_for_a_salesperson(app, client, acme, uow, targets):
    """The viewer's 403s are about the role, not about requests that would fail anyway."""
    target = targets["target"]
    requests = requests_for(target, targets["second"])
    # Deleting first would leave nothing to change; changes before deletes, by path.
    order = {"POST": 0, "PUT": 1, "PATCH": 1, "DELETE": 2}
    unsafe = sorted(
        (route for route in relationships_routes(app) if route[0] in UNSAFE),
        key=lambda route: (order[route[0]], route[1]),
    )

    observed = {
        (method, path): client.request(
            method,
            url_for(path, target),
            headers=bearer(acme.tokens["sales"]) | {"If-Match": "*"},
            **requests[method, path],
        ).status_code
        for method, path in unsafe
    }

    assert observed == {
        route: {"POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 204}[route[0]] for route in unsafe
    }
