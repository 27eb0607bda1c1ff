"""What the three lists share, through the service: their default order and count caps,
saved views and chosen columns, each user's own."""

from __future__ import annotations

import pytest

from pcrm.accounts.lists import service
from pcrm.accounts.lists.schemas import SavedViewWrite
from pcrm.core import pagination
from pcrm.core.errors import NotFound, ValidationFailed
from pcrm.identity.public import operator_principal
from tests.accounts.builders import new_account
from tests.factories import bearer, current


def _as(db, who="owner"):
    return operator_principal(db, "acme", f"{who}@acme.example")


def test_a_search_is_listed_newest_first_and_counted_to_a_lower_cap():
    assert (
        service.default_sort("华为"),
        service.default_sort("  "),
        service.default_sort(None),
    ) == (
        "-added",
        "name",
        "name",
    )
    assert (service.count_cap("华为"), service.count_cap(None)) == (1_000, 10_000)


def test_a_view_saved_under_a_name_it_already_has_is_overwritten(uow, acme):
    with uow() as db:
        owner = _as(db)

        first = service.save_view(
            db, owner, "accounts", SavedViewWrite(name="重点", query="?industry=energy")
        )
        again = service.save_view(
            db, owner, "accounts", SavedViewWrite(name="重点", query="industry=finance")
        )
        service.save_view(
            db, owner, "contacts", SavedViewWrite(name="重点", query="importance=key")
        )

        assert again.id == first.id
        assert [(v.name, v.query) for v in service.saved_views(db, owner, "accounts")] == [
            ("重点", "industry=finance")
        ]


def test_a_users_views_are_their_own(uow, acme):
    with uow() as db:
        owner, admin = _as(db), _as(db, "admin")
        view = service.save_view(db, owner, "accounts", SavedViewWrite(name="我的", query=""))

        with pytest.raises(NotFound):
            service.delete_view(db, admin, view.id)

        assert service.saved_views(db, admin, "accounts") == []
        assert [v.id for v in service.saved_views(db, owner, "accounts")] == [view.id]


def test_chosen_columns_keep_the_lists_order_and_refuse_unknown_ones(uow, acme):
    with uow() as db:
        owner = _as(db)

        defaults = service.chosen_columns(db, owner, "contacts")
        chosen = service.choose_columns(db, owner, "contacts", ["email", "title", "account"])
        with pytest.raises(ValidationFailed) as refused:
            service.choose_columns(db, owner, "contacts", ["title", "search_text"])

        assert defaults == ["account", "title", "mobile", "importance"]
        assert chosen == ["account", "title", "email"]
        assert service.chosen_columns(db, owner, "contacts") == ["account", "title", "email"]
        assert service.chosen_columns(db, _as(db, "admin"), "contacts") == defaults
        assert [(e.field, e.type) for e in refused.value.errors] == [("columns", "enum")]


def test_a_searched_list_counts_to_its_own_lower_cap(client, acme, monkeypatch):
    token = acme.tokens["owner"]
    for name in ("华为一", "华为二", "华为三", "其他"):
        new_account(client, token, name)
    monkeypatch.setattr(service, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(service, "LIST_COUNT_CAP", 3)
    headers = bearer(acme.tokens["viewer"])

    def counted(**params):
        body = client.get("/api/v1/accounts", params=params, headers=headers).json()
        return body["total"], body["total_capped"], body["pages"]

    assert counted(q="华为", page_size=1) == (2, True, 2)
    assert counted(q="华为三") == (1, False, 1)
    assert counted(page_size=1) == (3, True, 3)
    assert counted(q="  ", page_size=1) == (3, True, 3)  # blank: not a search


def test_the_caps_and_default_orders_are_the_documented_ones():
    assert (service.SEARCH_COUNT_CAP, service.LIST_COUNT_CAP) == (1_000, 10_000)
    assert service.default_sort("华为") == "-added"
    assert service.default_sort(" ") == "name"


def test_a_count_that_reached_its_cap_is_remembered_for_30_seconds(client, acme, monkeypatch):
    token = acme.tokens["owner"]
    accounts = [new_account(client, token, f"计数{n}") for n in range(5)]
    monkeypatch.setattr(service, "LIST_COUNT_CAP", 3)
    now = [1_000.0]
    monkeypatch.setattr(pagination.time, "monotonic", lambda: now[0])
    headers = bearer(acme.tokens["viewer"])

    def counted():
        body = client.get("/api/v1/accounts", params={"page_size": 1}, headers=headers).json()
        return body["total"], body["total_capped"], len(body["items"])

    assert counted() == (3, True, 1)
    for account in accounts[:4]:
        response = client.post(
            f"/api/v1/accounts/{account['id']}/archive",
            headers=current(client, f"/api/v1/accounts/{account['id']}", bearer(token)),
        )
        assert response.status_code == 200, response.text

    now[0] += 29
    assert counted() == (3, True, 1)  # remembered: "3+" still
    now[0] += 2
    assert counted() == (1, False, 1)  # counted again


def test_a_count_below_its_cap_is_counted_every_time(client, acme, monkeypatch):
    token = acme.tokens["owner"]
    monkeypatch.setattr(service, "LIST_COUNT_CAP", 3)
    headers = bearer(acme.tokens["viewer"])

    def total():
        return client.get("/api/v1/accounts", headers=headers).json()["total"]

    new_account(client, token, "计数一")
    assert total() == 1
    new_account(client, token, "计数二")
    assert total() == 2
