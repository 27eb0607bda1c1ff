"""The global search through the JSON API, on both databases: accounts and contacts grouped
by kind, exact and leading names first, nothing of another workspace, nothing for a blank
query, LIKE for a query without grams; and who may ask."""

from __future__ import annotations

import pytest

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.identity.public import operator_principal
from tests.accounts.builders import new_account, new_contact, row_counts
from tests.accounts.records import (
    MISSING,
    make_catalogue,
    read_target,
    tenancy_records,
    write_targets,
)
from tests.accounts.route_requests import (
    UNSAFE,
    accounts_routes,
    requests_for,
    statuses,
    stranger_answers,
)
from tests.factories import bearer


def hits(body, kind, *, rank=False):
    """The hits of one kind's group (none when the group is left out), without their rank."""
    found = next((g["hits"] for g in body["groups"] if g["kind"] == kind), [])
    return found if rank else [{k: v for k, v in h.items() if k != "rank"} for h in found]


@pytest.fixture
def catalogue(client, acme):
    """Accounts and contacts of acme, one archived account and one of another workspace."""
    return make_catalogue(client, acme)


def test_the_search_box_puts_exact_then_leading_matches_first(client, acme):
    token = acme.tokens["owner"]
    shenzhen = new_account(client, token, "深圳华为")
    new_account(client, token, "华为终端")
    new_account(client, token, "华为技术有限公司")
    exact = new_account(client, token, "华为", short_name="HW")
    zhang = new_contact(
        client, token, shenzhen["id"], "张伟", title="采购总监", department="华为事业部"
    )

    response = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme.tokens["viewer"])
    )

    assert response.status_code == 200
    body = response.json()
    assert [hit["name"] for hit in hits(body, "account")] == [
        "华为",
        "华为技术有限公司",
        "华为终端",
        "深圳华为",
    ]
    assert hits(body, "account")[0] == {
        "kind": "account",
        "id": exact["id"],
        "name": "华为",
        "detail": "HW",
        "url": f"/accounts/{exact['id']}",
    }
    assert body["query"] == "华为"
    assert hits(body, "contact") == [
        {
            "kind": "contact",
            "id": zhang["id"],
            "name": "张伟",
            "detail": "深圳华为 · 采购总监",
            "url": f"/contacts/{zhang['id']}",
        }
    ]


def test_the_search_box_never_shows_another_workspaces_rows(client, acme, catalogue):
    mine = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme.tokens["viewer"])
    ).json()
    theirs = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme.tokens["stranger"])
    ).json()
    assert [h["name"] for h in hits(mine, "account")] == ["华为技术有限公司", "华为为技集团"]
    assert [h["name"] for h in hits(theirs, "account")] == ["华为云计算技术有限公司"]
    by_phone = client.get(
        "/api/v1/search", params={"q": "13812345678"}, headers=bearer(acme.tokens["stranger"])
    ).json()
    assert [h["name"] for h in hits(by_phone, "contact")] == ["张伟外"]


def test_a_blank_search_finds_nothing_instead_of_everything(client, acme):
    account = new_account(client, acme.tokens["owner"], "华为技术有限公司")
    new_contact(client, acme.tokens["owner"], account["id"], "张伟", mobile="13812345678")

    response = client.get(
        "/api/v1/search", params={"q": " - "}, headers=bearer(acme.tokens["viewer"])
    )
    assert response.json() == {"query": " - ", "groups": []}


def test_an_exact_name_is_first_even_among_many_partial_matches(client, acme, uow):
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        account_service.create_account(db, principal, AccountCreate(name="华为"))
        for n in range(50):
            account_service.create_account(db, principal, AccountCreate(name=f"华为分公司{n:02d}"))

    response = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme.tokens["viewer"])
    )

    assert hits(response.json(), "account")[0]["name"] == "华为"


def test_a_query_without_grams_is_searched_by_like_alone(client, acme):
    token = acme.tokens["owner"]
    account = new_account(client, token, "C++ 培训中心")
    new_account(client, token, "C 语言学院")
    new_contact(client, token, account["id"], "讲师", title="++ 课程主管")

    body = client.get(
        "/api/v1/search", params={"q": "++"}, headers=bearer(acme.tokens["viewer"])
    ).json()

    assert [a["name"] for a in hits(body, "account")] == ["C++ 培训中心"]
    assert [c["name"] for c in hits(body, "contact")] == ["讲师"]


# --- another workspace's records, a viewer, the list's queries ------------------------------

MODULE = ("pcrm.web.routes_search",)
# Routes that take no record id in the path answer like this for a missing record too.
NOT_404 = {
    ("GET", "/api/v1/search"): 200,
}


@pytest.fixture
def records(client, acme):
    """An account, contact and activity of acme; an account and contact of the stranger's."""
    return tenancy_records(client, acme)


def test_every_route_answers_for_another_workspaces_record_as_for_a_missing_one(
    app, client, acme, uow, records
):
    routes = {r for r in accounts_routes(app, MODULE) if r[1].startswith("/api/")}
    requested = requests_for(records["acme"], records["theirs"])
    # a new route needs a request in route_requests.py
    assert routes == {route for route in requested if route[1].startswith("/api/v1/search")}
    before = row_counts(uow)

    observed = stranger_answers(client, acme.tokens["stranger"], routes, records, MISSING)

    assert observed == {route: (NOT_404.get(route, 404), True) for route in routes}
    assert row_counts(uow) == before


def test_lists_and_duplicate_checks_return_nothing_of_another_workspace(client, acme, records):
    stranger = bearer(acme.tokens["stranger"])
    requests = requests_for(records["acme"], records["theirs"])
    answers = {
        path: client.get(path, headers=stranger, **requests["GET", path]).json()
        for path in ("/api/v1/search",)
    }
    assert answers == {
        "/api/v1/search": {"query": "华为", "groups": []},
    }


def test_a_viewer_gets_403_on_every_unsafe_route_and_nothing_changes(app, client, acme, uow):
    target, second = write_targets(client, acme)
    unsafe = {route for route in accounts_routes(app, MODULE) if route[0] in UNSAFE}
    before = row_counts(uow)

    observed = statuses(client, acme.tokens["viewer"], unsafe, target, second)

    assert observed == dict.fromkeys(unsafe, 403)
    assert row_counts(uow) == before


def test_a_viewer_reads_every_safe_route(app, client, acme):
    target = read_target(client, acme)
    safe = {
        route
        for route in accounts_routes(app, MODULE)
        if route[0] not in UNSAFE and route[1].startswith("/api/")
    }

    observed = statuses(client, acme.tokens["viewer"], safe, target, target)

    assert observed == dict.fromkeys(safe, 200)
