"""Permissions of the accounts API: a viewer reads but never writes."""

from __future__ import annotations

from tests.accounts.builders import (
    CREDIT_CODE,
    new_account,
    new_activity,
    new_contact,
    row_counts,
)
from tests.accounts.route_requests import (
    UNSAFE,
    Target,
    accounts_routes,
    requests_for,
    url_for,
)
from tests.factories import bearer


def test_a_viewer_gets_403_on_every_unsafe_route_and_nothing_changes(app, client, acme, uow):
    token = acme["tokens"]["owner"]
    account = new_account(client, token, "华为技术有限公司", credit_code=CREDIT_CODE)
    twin = new_account(client, token, "华为技术股份有限公司")
    contact = new_contact(client, token, account["id"], "张伟", mobile="13812345678")
    twin_contact = new_contact(client, token, account["id"], "张伟 ")
    activity = new_activity(
        client, token, account["id"], next_step="寄送方案", next_step_due="2026-03-10"
    )
    client.post(f"/api/v1/accounts/{twin['id']}/archive", headers=bearer(token))
    target = Target(
        account["id"],
        contact["id"],
        activity["id"],
        "华为技术有限公司",
        CREDIT_CODE,
        "13812345678",
        "",
    )
    second = Target(twin["id"], twin_contact["id"], activity["id"], "", "", "", "")
    requests = requests_for(target, second)
    unsafe = sorted(route for route in accounts_routes(app) if route[0] in UNSAFE)
    before = row_counts(uow)

    observed = {
        (method, path): client.request(
            method,
            url_for(path, target),
            headers=bearer(acme["tokens"]["viewer"]),
            **requests[method, path],
        ).status_code
        for method, path in unsafe
    }

    assert observed == dict.fromkeys(unsafe, 403)
    assert row_counts(uow) == before


def test_a_viewer_reads_every_safe_route(app, client, acme):
    token = acme["tokens"]["owner"]
    account = new_account(client, token, "华为技术有限公司")
    contact = new_contact(client, token, account["id"], "张伟")
    activity = new_activity(client, token, account["id"])
    target = Target(account["id"], contact["id"], activity["id"], "华为", "", "", "")
    requests = requests_for(target, target)
    safe = sorted(route for route in accounts_routes(app) if route[0] not in UNSAFE)

    observed = {
        (method, path): client.request(
            method,
            url_for(path, target),
            headers=bearer(acme["tokens"]["viewer"]),
            **requests[method, path],
        ).status_code
        for method, path in safe
    }

    assert observed == dict.fromkeys(safe, 200)
