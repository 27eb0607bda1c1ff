"""Bad input to the accounts API: each request is a 422 naming the field, and nothing is
written (rows of every accounts table and of the audit trail are counted before and after)."""

from __future__ import annotations

from tests.accounts.builders import (
    CREDIT_CODE,
    fields_of,
    new_account,
    new_activity,
    new_contact,
    row_counts,
)
from tests.factories import bearer


def _send(client, token, method, url, body):
    response = client.request(method, url, json=body, headers=bearer(token))
    if response.status_code != 422:
        return response.status_code, response.text
    return 422, fields_of(response)


def test_bad_account_input(client, acme, uow):
    token = acme["tokens"]["owner"]
    new_account(client, token, "华为", credit_code=CREDIT_CODE)
    group = new_account(client, token, "集团")
    subsidiary = new_account(client, token, "子公司", parent_id=group["id"])
    branch = new_account(client, token, "分公司", parent_id=subsidiary["id"])
    stranger = acme["stranger"].user_id
    cases = {
        "empty name": ("POST", "/api/v1/accounts", {"name": ""}),
        "blank name": ("POST", "/api/v1/accounts", {"name": "   "}),
        "missing name": ("POST", "/api/v1/accounts", {"industry": "energy"}),
        "name over 200": ("POST", "/api/v1/accounts", {"name": "长" * 201}),
        "invalid credit code": (
            "POST",
            "/api/v1/accounts",
            {"name": "甲", "credit_code": CREDIT_CODE[:17] + "4"},
        ),
        "short credit code": ("POST", "/api/v1/accounts", {"name": "甲", "credit_code": "9135"}),
        "duplicate credit code": (
            "POST",
            "/api/v1/accounts",
            {"name": "甲", "credit_code": CREDIT_CODE},
        ),
        "unknown industry": ("POST", "/api/v1/accounts", {"name": "甲", "industry": "mining"}),
        "unknown ownership": ("POST", "/api/v1/accounts", {"name": "甲", "ownership": "mixed"}),
        "unknown stage": ("POST", "/api/v1/accounts", {"name": "甲", "lifecycle_stage": "won"}),
        "province not in list": (
            "POST",
            "/api/v1/accounts",
            {"name": "甲", "province": "california"},
        ),
        "unknown parent": ("POST", "/api/v1/accounts", {"name": "甲", "parent_id": 999_999}),
        "owner of another workspace": (
            "POST",
            "/api/v1/accounts",
            {"name": "甲", "owner_id": stranger},
        ),
        "team user of another workspace": (
            "POST",
            "/api/v1/accounts",
            {"name": "甲", "team": [{"user_id": stranger, "role": "sales"}]},
        ),
        "lost without a reason": (
            "POST",
            "/api/v1/accounts",
            {"name": "甲", "lifecycle_stage": "lost"},
        ),
        "unknown field": ("POST", "/api/v1/accounts", {"name": "甲", "colour": "red"}),
        "self parent": (
            "PATCH",
            f"/api/v1/accounts/{group['id']}",
            {"parent_id": group["id"]},
        ),
        "parent cycle of two": (
            "PATCH",
            f"/api/v1/accounts/{subsidiary['id']}",
            {"parent_id": branch["id"]},
        ),
        "parent cycle of three": (
            "PATCH",
            f"/api/v1/accounts/{group['id']}",
            {"parent_id": branch["id"]},
        ),
        "credit code taken": (
            "PATCH",
            f"/api/v1/accounts/{group['id']}",
            {"credit_code": CREDIT_CODE},
        ),
        "lost without a reason, by update": (
            "PATCH",
            f"/api/v1/accounts/{group['id']}",
            {"lifecycle_stage": "lost"},
        ),
        "null name": ("PATCH", f"/api/v1/accounts/{group['id']}", {"name": None}),
        "owner of another workspace, by update": (
            "PATCH",
            f"/api/v1/accounts/{group['id']}",
            {"owner_id": stranger},
        ),
    }
    before = row_counts(uow)

    results = {case: _send(client, token, *request) for case, request in cases.items()}

    assert results == {
        "empty name": (422, ["name"]),
        "blank name": (422, ["name"]),
        "missing name": (422, ["name"]),
        "name over 200": (422, ["name"]),
        "invalid credit code": (422, ["credit_code"]),
        "short credit code": (422, ["credit_code"]),
        "duplicate credit code": (422, ["credit_code"]),
        "unknown industry": (422, ["industry"]),
        "unknown ownership": (422, ["ownership"]),
        "unknown stage": (422, ["lifecycle_stage"]),
        "province not in list": (422, ["province"]),
        "unknown parent": (422, ["parent_id"]),
        "owner of another workspace": (422, ["owner_id"]),
        "team user of another workspace": (422, ["team"]),
        "lost without a reason": (422, ["lost_reason"]),
        "unknown field": (422, ["colour"]),
        "self parent": (422, ["parent_id"]),
        "parent cycle of two": (422, ["parent_id"]),
        "parent cycle of three": (422, ["parent_id"]),
        "credit code taken": (422, ["credit_code"]),
        "lost without a reason, by update": (422, ["lost_reason"]),
        "null name": (422, ["name"]),
        "owner of another workspace, by update": (422, ["owner_id"]),
    }
    assert row_counts(uow) == before


def test_bad_contact_input(client, acme, uow):
    token = acme["tokens"]["owner"]
    bank = new_account(client, token, "中国银行")
    other_bank = new_account(client, token, "建设银行")
    boss = new_contact(client, token, bank["id"], "张总")
    deputy = new_contact(client, token, bank["id"], "李四", reports_to_id=boss["id"])
    elsewhere = new_contact(client, token, other_bank["id"], "王五")
    archived = new_account(client, token, "已归档单位")
    client.post(f"/api/v1/accounts/{archived['id']}/archive", headers=bearer(token))
    theirs = new_account(client, acme["tokens"]["stranger"], "外部单位")
    their_contact = new_contact(client, acme["tokens"]["stranger"], theirs["id"], "外人")
    url = "/api/v1/contacts"
    boss_url = f"/api/v1/contacts/{boss['id']}"
    at_bank = {"account_id": bank["id"]}
    cases = {
        "empty name": ("POST", url, {**at_bank, "name": ""}),
        "name over 100": ("POST", url, {**at_bank, "name": "长" * 101}),
        "invalid mobile": ("POST", url, {**at_bank, "name": "甲", "mobile": "12345"}),
        "invalid office phone": ("POST", url, {**at_bank, "name": "甲", "office_phone": "1"}),
        "invalid email": ("POST", url, {**at_bank, "name": "甲", "email": "not-an-email"}),
        "unknown importance": ("POST", url, {**at_bank, "name": "甲", "importance": "vip"}),
        "reports to another account's contact": (
            "POST",
            url,
            {**at_bank, "name": "甲", "reports_to_id": elsewhere["id"]},
        ),
        "reports to another workspace's contact": (
            "POST",
            url,
            {**at_bank, "name": "甲", "reports_to_id": their_contact["id"]},
        ),
        "account of another workspace": ("POST", url, {"name": "甲", "account_id": theirs["id"]}),
        "archived account": ("POST", url, {"name": "甲", "account_id": archived["id"]}),
        "left without a date": ("POST", url, {**at_bank, "name": "甲", "status": "left"}),
        "reporting cycle": ("PATCH", boss_url, {"reports_to_id": deputy["id"]}),
        "reports to self": ("PATCH", boss_url, {"reports_to_id": boss["id"]}),
        "left without a date, by update": ("PATCH", boss_url, {"status": "left"}),
        "move to another workspace's account": ("PATCH", boss_url, {"account_id": theirs["id"]}),
        "null account": ("PATCH", boss_url, {"account_id": None}),
    }
    before = row_counts(uow)

    results = {case: _send(client, token, *request) for case, request in cases.items()}

    assert results == {
        "empty name": (422, ["name"]),
        "name over 100": (422, ["name"]),
        "invalid mobile": (422, ["mobile"]),
        "invalid office phone": (422, ["office_phone"]),
        "invalid email": (422, ["email"]),
        "unknown importance": (422, ["importance"]),
        "reports to another account's contact": (422, ["reports_to_id"]),
        "reports to another workspace's contact": (422, ["reports_to_id"]),
        "account of another workspace": (422, ["account_id"]),
        "archived account": (422, ["account_id"]),
        "left without a date": (422, ["left_on"]),
        "reporting cycle": (422, ["reports_to_id"]),
        "reports to self": (422, ["reports_to_id"]),
        "left without a date, by update": (422, ["left_on"]),
        "move to another workspace's account": (422, ["account_id"]),
        "null account": (422, ["account_id"]),
    }
    assert row_counts(uow) == before


def test_bad_activity_input(client, acme, uow):
    token = acme["tokens"]["owner"]
    bank = new_account(client, token, "中国银行")
    other_bank = new_account(client, token, "建设银行")
    elsewhere = new_contact(client, token, other_bank["id"], "王五")
    activity = new_activity(client, token, bank["id"])
    valid = {
        "type": "call",
        "occurred_at": "2026-03-02T10:00:00+08:00",
        "account_id": bank["id"],
        "subject": "电话沟通",
    }
    url = "/api/v1/activities"
    one = f"/api/v1/activities/{activity['id']}"
    cases = {
        "contact of another account": ("POST", url, {**valid, "contact_id": elsewhere["id"]}),
        "unknown type": ("POST", url, {**valid, "type": "fax"}),
        "naive occurred_at": ("POST", url, {**valid, "occurred_at": "2026-03-02T10:00:00"}),
        "negative cost": ("POST", url, {**valid, "cost": "-0.01"}),
        "cost with fractions of a fen": ("POST", url, {**valid, "cost": "1.001"}),
        "empty subject": ("POST", url, {**valid, "subject": ""}),
        "unknown participant": ("POST", url, {**valid, "participant_contact_ids": [999_999]}),
        "owner of another workspace": (
            "POST",
            url,
            {**valid, "owner_id": acme["stranger"].user_id},
        ),
        "unknown account": ("POST", url, {**valid, "account_id": 999_999}),
        "naive occurred_at, by update": ("PATCH", one, {"occurred_at": "2026-03-02T10:00:00"}),
        "contact of another account, by update": ("PATCH", one, {"contact_id": elsewhere["id"]}),
        "negative cost, by update": ("PATCH", one, {"cost": -5}),
        "null type": ("PATCH", one, {"type": None}),
    }
    before = row_counts(uow)

    results = {case: _send(client, token, *request) for case, request in cases.items()}

    assert results == {
        "contact of another account": (422, ["contact_id"]),
        "unknown type": (422, ["type"]),
        "naive occurred_at": (422, ["occurred_at"]),
        "negative cost": (422, ["cost"]),
        "cost with fractions of a fen": (422, ["cost"]),
        "empty subject": (422, ["subject"]),
        "unknown participant": (422, ["participant_contact_ids"]),
        "owner of another workspace": (422, ["owner_id"]),
        "unknown account": (422, ["account_id"]),
        "naive occurred_at, by update": (422, ["occurred_at"]),
        "contact of another account, by update": (422, ["contact_id"]),
        "negative cost, by update": (422, ["cost"]),
        "null type": (422, ["type"]),
    }
    assert row_counts(uow) == before


def test_bad_list_parameters(client, acme):
    token = acme["tokens"]["viewer"]
    common = {
        "sort=search_text": "sort",
        "sort=-sort_name": "sort",
        "color=red": "color",
        "page_size=201": "page_size",
        "page_size=0": "page_size",
        "page=0": "page",
    }
    own = {
        "accounts": {"industry=mining": "industry", "created_from=yesterday": "created_from"},
        "contacts": {"importance=vip": "importance", "province=mars": "province"},
        "activities": {"type=fax": "type.0", "occurred_to=tomorrow": "occurred_to"},
    }
    expected = {
        f"/api/v1/{path}?{query}": (422, [field])
        for path, extra in own.items()
        for query, field in {**common, **extra}.items()
    }

    results = {url: _send(client, token, "GET", url, None) for url in expected}

    assert results == expected
