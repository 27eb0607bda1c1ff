"""Numbers past 64 bits: an id or a page number above 2^63 - 1 cannot name a record and SQLite
refuses to bind it (OverflowError, a 500 before core.types). Every id and page a client sends
is bounded: the API answers 422 with the field, a page answers 404 (an id in its path) or 422."""

from __future__ import annotations

import re

import pytest

from tests.factories import Team, api_routes, bearer, make_team, sign_in

TOO_BIG = 2**63
PARAM = re.compile(r"\{(\w+)\}")


@pytest.fixture
def acme(uow) -> Team:
    with uow() as db:
        return make_team(db, with_sales=False)


def _routes(app, api: bool) -> list[tuple[str, str]]:
    return sorted(
        (method, path)
        for path, methods in api_routes(app)
        for method in methods - {"HEAD"}
        if path.startswith("/api/") == api
        and PARAM.search(path)
        and all(name.endswith("_id") for name in PARAM.findall(path))
    )


def test_every_api_route_refuses_an_id_past_64_bits_with_a_422(app, client, acme):
    routes = _routes(app, api=True)
    assert len(routes) > 50  # the walk reaches every area's routes, not a handful

    answers = {}
    for method, path in routes:
        url = PARAM.sub(str(TOO_BIG), path)
        response = client.request(
            method, url, headers={**bearer(acme.tokens["owner"]), "If-Match": '"v1"'}, json={}
        )
        answers[(method, path)] = response.status_code
        if response.status_code == 422:
            fields = {e["field"] for e in response.json()["errors"]}
            assert set(PARAM.findall(path)) & fields, (method, path, response.json())

    assert {route: status for route, status in answers.items() if status != 422} == {}


def test_every_page_with_an_id_past_64_bits_in_its_path_is_a_404(app, client, acme):
    csrf = sign_in(client, "owner@acme.example")
    answers = {}
    for method, path in _routes(app, api=False):
        if path.startswith("/portal/"):  # refuses a staff session first (tests/portal)
            continue
        url = PARAM.sub(str(TOO_BIG), path)
        response = client.request(method, url, data={"csrf_token": csrf})
        answers[(method, path)] = response.status_code

    assert {route: status for route, status in answers.items() if status != 404} == {}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/accounts?page=9223372036854775807",
        f"/api/v1/accounts?page_size=50&page={TOO_BIG}",
        f"/api/v1/accounts?owner_id={TOO_BIG}",
        f"/api/v1/contacts?account_id={TOO_BIG}",
        f"/api/v1/activities?contact_id={TOO_BIG}",
        f"/api/v1/opportunities?page={TOO_BIG}",
        f"/api/v1/opportunities?account_id={TOO_BIG}",
        f"/api/v1/users?page={TOO_BIG}",
        f"/api/v1/audit-entries?page={TOO_BIG}",
        f"/api/v1/audit-entries?entity_id={TOO_BIG}",
        f"/api/v1/accounts/duplicates?name=x&exclude_id={TOO_BIG}",
    ],
)
def test_a_query_filter_or_page_past_its_bound_is_a_422_on_that_field(client, acme, url):
    response = client.get(url, headers=bearer(acme.tokens["owner"]))

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    field = [k for k, v in (p.split("=") for p in url.split("?")[1].split("&")) if int_or(v)][-1]
    assert [e["field"] for e in response.json()["errors"]] == [field]


def int_or(value: str) -> bool:
    return value.isdigit() and int(value) > 2**62


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/accounts", {"name": "甲", "owner_id": TOO_BIG}, "owner_id"),
        ("/api/v1/accounts", {"name": "甲", "parent_id": TOO_BIG}, "parent_id"),
        ("/api/v1/contacts", {"name": "甲", "account_id": TOO_BIG}, "account_id"),
        ("/api/v1/accounts/bulk", {"ids": [TOO_BIG], "action": "archive"}, "ids.0"),
    ],
)
def test_an_id_past_64_bits_in_a_json_body_is_a_422_on_that_field(client, acme, path, body, field):
    response = client.post(path, json=body, headers=bearer(acme.tokens["owner"]))

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_list_pages_refuse_a_page_past_the_bound(client, acme):
    sign_in(client, "owner@acme.example")
    for url in ("/accounts", "/contacts", "/opportunities", "/admin/users", "/admin/audit"):
        response = client.get(f"{url}?page={TOO_BIG}")
        assert response.status_code == 422, (url, response.status_code)


@pytest.mark.parametrize(
    ("path", "form", "field"),
    [
        ("/accounts", {"name": "甲", "parent_id": str(TOO_BIG)}, "parent_id"),
        ("/accounts", {"name": "甲", "owner_id": str(TOO_BIG)}, "owner_id"),
        ("/contacts", {"name": "甲", "account_id": str(TOO_BIG)}, "account_id"),
        ("/activities", {"subject": "甲", "account_id": str(TOO_BIG)}, "account_id"),
        ("/opportunities", {"name": "甲", "account_id": str(TOO_BIG)}, "account_id"),
    ],
)
def test_an_id_past_64_bits_in_a_form_is_refused_inline(client, uow, acme, path, form, field):
    csrf = sign_in(client, "owner@acme.example")

    response = client.post(path, data={**form, "csrf_token": csrf}, headers={"HX-Request": "1"})

    assert response.status_code == 422, response.text[:500]
    assert f'data-testid="error-{field}"' in response.text
