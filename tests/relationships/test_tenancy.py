"""Tenancy of the relationships API: another workspace's record is indistinguishable from a
missing one on every route, and asking for it changes nothing."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_contact, problem_without_instance
from tests.factories import bearer
from tests.relationships.builders import (
    acquaintance,
    competitor,
    dotted_line,
    influence,
    profile,
    row_counts,
    tie,
)
from tests.relationships.route_requests import Target, relationships_routes, requests_for, url_for

MISSING = Target(
    account=999_999,
    contact=999_998,
    user=999_997,
    influence=999_996,
    dotted_line=999_995,
    acquaintance=999_994,
    competitor=999_993,
    tie=999_992,
    competitor_name="无此对手",
)
# Routes that take no record id in the path answer like this for a missing record too.
NOT_404 = {
    ("GET", "/api/v1/competitors"): 200,
    ("POST", "/api/v1/competitors"): 201,
    ("POST", "/api/v1/influences"): 422,
    ("POST", "/api/v1/dotted-lines"): 422,
    ("POST", "/api/v1/acquaintances"): 422,
    ("POST", "/api/v1/competitor-ties"): 422,
}
# What differs between two competitors created alike: their id and the name that was asked for.
CREATED_FIELDS = {"id", "name"}


@pytest.fixture
def records(client, acme):
    """Acme's account with 张总 linked every way (influence, dotted line, our and a
    competitor's relationship, a profile); the stranger's own contact, user and competitor."""
    token = acme.tokens["owner"]
    stranger = acme.tokens["stranger"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "张总", importance="key")["id"]
    cfo = new_contact(client, token, account["id"], "李财", reports_to_id=boss)["id"]
    rival = competitor(client, token, "竞品甲")["id"]
    profile(client, token, boss, relationship_status="neutral")
    theirs = new_account(client, stranger, "外部单位")
    return {
        "acme": Target(
            account=account["id"],
            contact=boss,
            user=acme.sales.user_id,
            influence=influence(client, token, cfo, boss, 3)["id"],
            dotted_line=dotted_line(client, token, boss, cfo)["id"],
            acquaintance=acquaintance(client, token, acme.sales.user_id, boss, 4)["id"],
            competitor=rival,
            tie=tie(client, token, rival, boss, 5)["id"],
            competitor_name="竞品甲",
        ),
        "theirs": Target(
            account=theirs["id"],
            contact=new_contact(client, stranger, theirs["id"], "外人")["id"],
            user=acme.stranger.user_id,
            influence=0,
            dotted_line=0,
            acquaintance=0,
            competitor=competitor(client, stranger, "外部竞品")["id"],
            tie=0,
            competitor_name="外部竞品",
        ),
    }


def _answer(route, response):
    body = response.json() if response.content else None
    if route == ("POST", "/api/v1/competitors"):
        body = {k: v for k, v in body.items() if k not in CREATED_FIELDS}
    return response.status_code, problem_without_instance(body)


def test_every_route_answers_for_another_workspaces_record_as_for_a_missing_one(
    app, client, acme, uow, records
):
    stranger = bearer(acme.tokens["stranger"])
    aimed_at_acme = requests_for(records["acme"], records["theirs"])
    aimed_at_nothing = requests_for(MISSING, records["theirs"])
    assert relationships_routes(app) == set(aimed_at_acme)  # a new route needs a request here
    before = row_counts(uow)

    observed = {}
    for route in sorted(aimed_at_acme):
        method, path = route
        theirs = client.request(
            method, url_for(path, records["acme"]), headers=stranger, **aimed_at_acme[route]
        )
        missing = client.request(
            method, url_for(path, MISSING), headers=stranger, **aimed_at_nothing[route]
        )
        observed[route] = (theirs.status_code, _answer(route, theirs) == _answer(route, missing))

    assert observed == {route: (NOT_404.get(route, 404), True) for route in aimed_at_acme}
    # Only the two competitors the stranger created in its own workspace were written: acme's
    # competitor's name is free there.
    assert row_counts(uow) == {
        **before,
        "competitors": before["competitors"] + 2,
        "audit_entries": before["audit_entries"] + 2,
    }


def test_a_missing_record_is_the_plain_not_found_problem(client, acme, records):
    response = client.get(
        f"/api/v1/accounts/{records['acme'].account}/relationship-graph",
        headers=bearer(acme.tokens["stranger"]),
    )

    assert problem_without_instance(response.json()) == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "Not found",
    }


def test_lists_return_nothing_of_another_workspace(client, acme, records):
    stranger = bearer(acme.tokens["stranger"])
    their_user = records["theirs"].user

    competitors = client.get("/api/v1/competitors", headers=stranger)
    known = client.get(f"/api/v1/users/{their_user}/acquaintances", headers=stranger)
    their_ties = client.get(
        f"/api/v1/competitors/{records['theirs'].competitor}/ties", headers=stranger
    )

    assert [c["name"] for c in competitors.json()] == ["外部竞品"]
    assert (known.status_code, known.json()) == (200, [])
    assert (their_ties.status_code, their_ties.json()) == (200, [])


def test_recording_a_profile_of_another_workspaces_contact_is_a_404(client, acme, uow, records):
    before = row_counts(uow)

    response = client.post(
        f"/api/v1/contacts/{records['acme'].contact}/profile",
        json={"relationship_status": "opponent"},
        headers=bearer(acme.tokens["stranger"]),
    )

    assert response.status_code == 404
    assert row_counts(uow) == before
