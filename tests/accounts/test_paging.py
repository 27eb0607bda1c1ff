"""Pages are read as ids first, then rows by id (core.pagination.page_keys): every page must
hold the rows, in the order, that one sorted read of the whole list gives. And a count that
reached its cap is remembered for a while; one below the cap never is."""

from __future__ import annotations

import pytest

from pcrm.accounts.lists import service as lists_service
from pcrm.core import pagination
from tests.accounts.builders import new_account, new_activity, new_contact
from tests.factories import bearer

NAMES = ["甲乙", "丙丁", "Alpha", "beta", "戊己", "Gamma", "庚辛"]


@pytest.fixture
def listed(client, acme):
    token = acme["tokens"]["owner"]
    account = new_account(client, token, "分页客户")
    for n, name in enumerate(NAMES):
        new_account(client, token, f"{name}公司", industry="energy" if n % 2 else "finance")
        new_contact(
            client,
            token,
            account["id"],
            name,
            importance=("key", "normal", "key")[n % 3],
            title=("经理", None, "总监")[n % 3],
        )
        new_activity(
            client, token, account["id"], f"拜访{n}", occurred_at=f"2026-0{n % 3 + 1}-01T09:00:00Z"
        )
    headers = bearer(acme["tokens"]["viewer"])

    def ids(path, **params):
        response = client.get(path, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [row["id"] for row in response.json()["items"]]

    return ids


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/contacts", {"sort": "name"}),
        ("/api/v1/contacts", {"sort": "-importance,name"}),
        ("/api/v1/contacts", {"sort": "title"}),  # blanks last
        ("/api/v1/contacts", {"sort": "-added"}),
        ("/api/v1/contacts", {"q": "a"}),  # newest matches first
        ("/api/v1/contacts", {"importance": "key"}),
        ("/api/v1/accounts", {"sort": "-name"}),
        ("/api/v1/accounts", {"sort": "industry,name"}),
        ("/api/v1/accounts", {"q": "公司"}),
        ("/api/v1/activities", {}),
    ],
)
def test_every_page_holds_the_rows_of_one_sorted_read(listed, path, params):
    whole = listed(path, page_size=200, **params)
    paged = [i for page in range(1, 6) for i in listed(path, page=page, page_size=2, **params)]

    assert paged == whole
    assert len(whole) == len(set(whole))


def test_a_count_that_reached_its_cap_is_remembered_for_30_seconds(client, acme, monkeypatch):
    token = acme["tokens"]["owner"]
    accounts = [new_account(client, token, f"计数{n}") for n in range(5)]
    monkeypatch.setattr(lists_service, "LIST_COUNT_CAP", 3)
    now = [1_000.0]
    monkeypatch.setattr(pagination.time, "monotonic", lambda: now[0])
    headers = bearer(acme["tokens"]["viewer"])

    def counted():
        body = client.get("/api/v1/accounts", params={"page_size": 1}, headers=headers).json()
        return body["total"], body["total_capped"], len(body["items"])

    assert counted() == (3, True, 1)
    for account in accounts[:4]:
        response = client.post(f"/api/v1/accounts/{account['id']}/archive", headers=bearer(token))
        assert response.status_code == 200, response.text

    now[0] += 29
    assert counted() == (3, True, 1)  # remembered: "3+" still
    now[0] += 2
    assert counted() == (1, False, 1)  # counted again


def test_a_count_below_its_cap_is_counted_every_time(client, acme, monkeypatch):
    token = acme["tokens"]["owner"]
    monkeypatch.setattr(lists_service, "LIST_COUNT_CAP", 3)
    headers = bearer(acme["tokens"]["viewer"])

    def total():
        return client.get("/api/v1/accounts", headers=headers).json()["total"]

    new_account(client, token, "计数一")
    assert total() == 1
    new_account(client, token, "计数二")
    assert total() == 2
