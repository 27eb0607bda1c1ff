"""Tenancy of the accounts API: another workspace's record is indistinguishable from a missing
one on every route, and asking for it changes nothing."""

from __future__ import annotations

import pytest

from tests.accounts.builders import (
    CREDIT_CODE,
    OTHER_CREDIT_CODE,
    new_account,
    new_activity,
    new_contact,
    problem_without_instance,
    row_counts,
)
from tests.accounts.route_requests import Target, accounts_routes, requests_for, url_for
from tests.factories import bearer

MISSING = Target(
    account=999_999,
    contact=999_998,
    activity=999_997,
    account_name="无此单位",
    credit_code=OTHER_CREDIT_CODE,
    mobile="13900009999",
    email="nobody@nowhere.example",
)
# Routes that take no record id in the path answer like this for a missing record too.
NOT_404 = {
    ("GET", "/api/v1/accounts"): 200,
    ("POST", "/api/v1/accounts"): 422,
    ("GET", "/api/v1/accounts/duplicates"): 200,
    ("POST", "/api/v1/accounts/bulk"): 422,
    ("GET", "/api/v1/contacts"): 200,
    ("POST", "/api/v1/contacts"): 422,
    ("GET", "/api/v1/contacts/duplicates"): 200,
    ("POST", "/api/v1/contacts/bulk-archive"): 422,
    ("GET", "/api/v1/activities"): 200,
    ("POST", "/api/v1/activities"): 422,
    ("GET", "/api/v1/search"): 200,
}


@pytest.fixture
def records(client, acme):
    """An account, contact and activity of acme; an account and contact of the stranger's."""
    token = acme["tokens"]["owner"]
    account = new_account(client, token, "华为技术有限公司", credit_code=CREDIT_CODE)
    contact = new_contact(
        client,
        token,
        account["id"],
        "张伟",
        mobile="13812345678",
        email="zhang.wei@huawei.com",
    )
    activity = new_activity(
        client,
        token,
        account["id"],
        contact_id=contact["id"],
        next_step="寄送方案",
        next_step_due="2026-03-10",
    )
    theirs = new_account(client, acme["tokens"]["stranger"], "外部单位")
    their_contact = new_contact(client, acme["tokens"]["stranger"], theirs["id"], "外人")
    return {
        "acme": Target(
            account=account["id"],
            contact=contact["id"],
            activity=activity["id"],
            account_name="华为技术有限公司",
            credit_code=CREDIT_CODE,
            mobile="13812345678",
            email="zhang.wei@huawei.com",
        ),
        "theirs": Target(
            account=theirs["id"],
            contact=their_contact["id"],
            activity=0,
            account_name="外部单位",
            credit_code="",
            mobile="",
            email="",
        ),
    }


def _answer(response):
    body = response.json() if response.content else None
    return response.status_code, problem_without_instance(body)


def test_every_route_answers_for_another_workspaces_record_as_for_a_missing_one(
    app, client, acme, uow, records
):
    stranger = bearer(acme["tokens"]["stranger"])
    aimed_at_acme = requests_for(records["acme"], records["theirs"])
    aimed_at_nothing = requests_for(MISSING, records["theirs"])
    assert accounts_routes(app) == set(aimed_at_acme)  # a new route needs a request here
    before = row_counts(uow)

    observed = {}
    for method, path in sorted(aimed_at_acme):
        theirs = client.request(
            method, url_for(path, records["acme"]), headers=stranger, **aimed_at_acme[method, path]
        )
        missing = client.request(
            method, url_for(path, MISSING), headers=stranger, **aimed_at_nothing[method, path]
        )
        observed[method, path] = (theirs.status_code, _answer(theirs) == _answer(missing))

    assert observed == {route: (NOT_404.get(route, 404), True) for route in aimed_at_acme}
    assert row_counts(uow) == before


def test_lists_and_duplicate_checks_return_nothing_of_another_workspace(client, acme, records):
    stranger = bearer(acme["tokens"]["stranger"])
    target = records["acme"]
    requests = requests_for(target, records["theirs"])
    answers = {
        path: client.get(path, headers=stranger, **requests["GET", path]).json()
        for path in (
            "/api/v1/accounts",
            "/api/v1/accounts/duplicates",
            "/api/v1/contacts",
            "/api/v1/contacts/duplicates",
            "/api/v1/activities",
            "/api/v1/search",
        )
    }
    empty_page = {
        "items": [],
        "total": 0,
        "page": 1,
        "page_size": 50,
        "pages": 1,
        "total_capped": False,
    }
    assert answers == {
        "/api/v1/accounts": empty_page,
        "/api/v1/accounts/duplicates": [],
        "/api/v1/contacts": empty_page,
        "/api/v1/contacts/duplicates": [],
        "/api/v1/activities": empty_page,
        "/api/v1/search": {"query": "华为", "accounts": [], "contacts": []},
    }


def test_another_workspaces_records_in_a_body_are_like_missing_ones(client, acme, uow, records):
    stranger = bearer(acme["tokens"]["stranger"])
    own = records["theirs"]
    mine = new_activity(client, acme["tokens"]["stranger"], own.account)

    def requests(t):
        return {
            "parent": ("PATCH", f"/api/v1/accounts/{own.account}", {"parent_id": t.account}),
            "reports to": (
                "PATCH",
                f"/api/v1/contacts/{own.contact}",
                {"reports_to_id": t.contact},
            ),
            "move contact": ("PATCH", f"/api/v1/contacts/{own.contact}", {"account_id": t.account}),
            "activity contact": (
                "PATCH",
                f"/api/v1/activities/{mine['id']}",
                {"contact_id": t.contact},
            ),
            "participant": (
                "PATCH",
                f"/api/v1/activities/{mine['id']}",
                {"participant_contact_ids": [t.contact]},
            ),
            "merge account": (
                "POST",
                f"/api/v1/accounts/{own.account}/merge",
                {"duplicate_id": t.account},
            ),
            "merge contact": (
                "POST",
                f"/api/v1/contacts/{own.contact}/merge",
                {"duplicate_id": t.contact},
            ),
        }

    before = row_counts(uow)
    observed = {}
    for case, (method, url, body) in requests(records["acme"]).items():
        theirs = client.request(method, url, json=body, headers=stranger)
        _m, missing_url, missing_body = requests(MISSING)[case]
        missing = client.request(method, missing_url, json=missing_body, headers=stranger)
        observed[case] = (theirs.status_code, _answer(theirs) == _answer(missing))

    assert observed == {
        "parent": (422, True),
        "reports to": (422, True),
        "move contact": (422, True),
        "activity contact": (422, True),
        "participant": (422, True),
        "merge account": (404, True),
        "merge contact": (404, True),
    }
    assert row_counts(uow) == before
