"""What the three lists share: their count caps and default orders, and a count that reached
its cap remembered for a while (one below the cap never is)."""

from __future__ import annotations

from pcrm.accounts.lists import service as lists_service
from pcrm.core import pagination
from tests.accounts.builders import new_account
from tests.factories import bearer


def test_a_searched_list_counts_to_its_own_lower_cap(client, acme, monkeypatch):
    token = acme["tokens"]["owner"]
    for name in ("华为一", "华为二", "华为三", "其他"):
        new_account(client, token, name)
    monkeypatch.setattr(lists_service, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(lists_service, "LIST_COUNT_CAP", 3)
    headers = bearer(acme["tokens"]["viewer"])

    def counted(**params):
        body = client.get("/api/v1/accounts", params=params, headers=headers).json()
        return body["total"], body["total_capped"], body["pages"]

    assert counted(q="华为", page_size=1) == (2, True, 2)
    assert counted(q="华为三") == (1, False, 1)
    assert counted(page_size=1) == (3, True, 3)
    assert counted(q="  ", page_size=1) == (3, True, 3)  # blank: not a search


def test_the_caps_and_default_orders_are_the_documented_ones():
    assert (lists_service.SEARCH_COUNT_CAP, lists_service.LIST_COUNT_CAP) == (1_000, 10_000)
    assert lists_service.default_sort("华为") == "-added"
    assert lists_service.default_sort(" ") == "name"


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
