"""Contacts through the JSON API: normalised phones and e-mails, moving between accounts with
the employment history, duplicates and merge."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.models import Contact
from pcrm.identity import principal as principal_module
from tests.accounts.builders import new_account, new_activity, new_contact, row_counts
from tests.accounts.records import (
    ANY_VERSION,
    MISSING,
    add_rows,
    list_cost,
    read_target,
    send,
    tenancy_records,
    write_targets,
)
from tests.accounts.route_requests import (
    UNSAFE,
    accounts_routes,
    answer,
    requests_for,
    statuses,
    stranger_answers,
)
from tests.factories import bearer, current


class Clock:
    """Stands in for `utcnow` in the contact service, which dates employments."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(datetime(2026, 1, 5, 4, 0, tzinfo=UTC))
    monkeypatch.setattr(contact_service, "utcnow", fake)
    monkeypatch.setattr(principal_module, "utcnow", fake)  # Principal.today()
    return fake


def test_create_answers_201_with_normalised_phones_and_email(client, acme):
    account = new_account(client, acme.tokens["owner"], "中国银行")

    response = client.post(
        "/api/v1/contacts",
        headers=bearer(acme.tokens["owner"]),
        json={
            "account_id": account["id"],
            "name": " 张伟 ",
            "mobile": "138 1234 5678",
            "office_phone": "010-88886666",
            "email": "Zhang.Wei@Huawei.COM",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert response.headers["etag"] == '"v1"'
    assert response.headers["location"] == f"/api/v1/contacts/{body['id']}"
    assert {
        k: body[k]
        for k in ("name", "account_id", "account_name", "mobile", "office_phone", "email")
    } == {
        "name": "张伟",
        "account_id": account["id"],
        "account_name": "中国银行",
        "mobile": "+8613812345678",
        "office_phone": "+861088886666",
        "email": "zhang.wei@huawei.com",
    }


def _names(response):
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_list_filters_by_each_field_and_pairs_of_them(client, acme, uow):
    """Each filter alone and together, those on the contact's account (owner, industry,
    province) included: an unsearched list runs statements built once per set of filters."""
    token = acme.tokens["owner"]
    admin = acme.admin.user_id
    grid = new_account(
        client, token, "国家电网", industry="energy", province="beijing", owner_id=admin
    )
    tencent = new_account(client, token, "腾讯", industry="internet", province="guangdong")
    boc = new_account(client, token, "中国银行", industry="finance", province="beijing")
    contacts = {
        "王芳": new_contact(client, token, grid["id"], "王芳", importance="key"),
        "李娜": new_contact(
            client, token, tencent["id"], "李娜", status="left", left_on="2026-02-01"
        ),
        "刘洋": new_contact(client, token, boc["id"], "刘洋", importance="key"),
        "陈静": new_contact(client, token, boc["id"], "陈静"),
    }
    updated = {  # the workspace's day is Asia/Shanghai (UTC+8)
        "王芳": datetime(2026, 3, 1, 15, 59, 59, tzinfo=UTC),  # 03-01 23:59:59 local
        "李娜": datetime(2026, 3, 1, 16, 0, tzinfo=UTC),  # 03-02 00:00 local
        "刘洋": datetime(2026, 3, 5, 2, 0, tzinfo=UTC),
        "陈静": datetime(2026, 3, 6, 2, 0, tzinfo=UTC),
    }
    with uow() as db:
        for name, at in updated.items():
            db.execute(
                update(Contact)
                .where(
                    Contact.workspace_id == acme.workspace.id,
                    Contact.id == contacts[name]["id"],
                )
                .values(updated_at=at)
            )
    archived = client.post(
        f"/api/v1/contacts/{contacts['陈静']['id']}/archive",
        headers={**bearer(token), "If-Match": '"v1"'},
    )
    assert archived.status_code == 200, archived.text
    headers = bearer(acme.tokens["viewer"])
    queries = [
        f"account_id={boc['id']}",
        "importance=key",
        "status=left",
        f"owner_id={admin}",
        "industry=internet",
        "province=beijing",
        "updated_to=2026-03-01",
        "updated_from=2026-03-02",
        "updated_from=2026-03-02&updated_to=2026-03-02",
        "importance=key&province=beijing",
        "industry=finance&province=beijing",
        "industry=energy&province=guangdong",
        f"account_id={boc['id']}&include_archived=true",
        "province=beijing&sort=-name",
        "province=beijing&sort=-added",
    ]

    found = {q: _names(client.get(f"/api/v1/contacts?{q}", headers=headers)) for q in queries}

    assert found == {
        f"account_id={boc['id']}": ["刘洋"],
        "importance=key": ["刘洋", "王芳"],
        "status=left": ["李娜"],
        f"owner_id={admin}": ["王芳"],
        "industry=internet": ["李娜"],
        "province=beijing": ["刘洋", "王芳"],
        "updated_to=2026-03-01": ["王芳"],
        "updated_from=2026-03-02": ["李娜", "刘洋"],
        "updated_from=2026-03-02&updated_to=2026-03-02": ["李娜"],
        "importance=key&province=beijing": ["刘洋", "王芳"],
        "industry=finance&province=beijing": ["刘洋"],
        "industry=energy&province=guangdong": [],
        f"account_id={boc['id']}&include_archived=true": ["陈静", "刘洋"],
        "province=beijing&sort=-name": ["王芳", "刘洋"],
        "province=beijing&sort=-added": ["刘洋", "王芳"],
    }


def test_moving_a_contact_closes_the_old_employment_and_opens_a_new_one(client, acme, clock):
    token = acme.tokens["owner"]
    headers = bearer(token)
    boc = new_account(client, token, "中国银行")
    ccb = new_account(client, token, "建设银行")
    boss = new_contact(client, token, boc["id"], "张总")
    zhang = new_contact(
        client,
        token,
        boc["id"],
        "张伟",
        reports_to_id=boss["id"],
        title="采购总监",
        department="采购部",
    )
    report = new_contact(client, token, boc["id"], "小王", reports_to_id=zhang["id"])
    clock.now = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)

    moved = client.patch(
        f"/api/v1/contacts/{zhang['id']}",
        json={"account_id": ccb["id"], "title": "CIO"},
        headers={**headers, "If-Match": '"v1"'},
    )

    assert moved.status_code == 200
    assert moved.headers["etag"] == '"v2"'
    assert {k: moved.json()[k] for k in ("account_id", "account_name", "reports_to_id")} == {
        "account_id": ccb["id"],
        "account_name": "建设银行",
        "reports_to_id": None,
    }
    assert (
        client.get(f"/api/v1/contacts/{report['id']}", headers=headers).json()["reports_to_id"]
        is None
    )
    employments = client.get(f"/api/v1/contacts/{zhang['id']}/employments", headers=headers)
    assert employments.json() == [
        {
            "account_id": ccb["id"],
            "account_name": "建设银行",
            "title": "CIO",
            "department": "采购部",
            "started_on": "2026-03-02",
            "ended_on": None,
        },
        {
            "account_id": boc["id"],
            "account_name": "中国银行",
            "title": "采购总监",
            "department": "采购部",
            "started_on": "2026-01-05",
            "ended_on": "2026-03-02",
        },
    ]


def test_a_new_title_at_the_same_account_updates_the_open_employment(client, acme, clock):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")
    zhang = new_contact(client, token, boc["id"], "张伟", title="采购经理")

    client.patch(
        f"/api/v1/contacts/{zhang['id']}",
        json={"title": "采购总监"},
        headers=current(client, f"/api/v1/contacts/{zhang['id']}", bearer(token)),
    )

    employments = client.get(
        f"/api/v1/contacts/{zhang['id']}/employments", headers=bearer(token)
    ).json()
    assert [(e["account_id"], e["title"], e["ended_on"]) for e in employments] == [
        (boc["id"], "采购总监", None)
    ]


def test_employment_dates_are_the_workspaces_local_date(client, acme, clock):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")
    clock.now = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)  # 2026-03-02 01:00 in Asia/Shanghai

    zhang = new_contact(client, token, boc["id"], "张伟")

    employments = client.get(
        f"/api/v1/contacts/{zhang['id']}/employments", headers=bearer(token)
    ).json()
    assert [e["started_on"] for e in employments] == ["2026-03-02"]


def test_contact_duplicates_are_the_same_mobile_email_or_name_at_the_account(client, acme):
    token = acme.tokens["owner"]
    boc = new_account(client, token, "中国银行")
    ccb = new_account(client, token, "建设银行")
    zhang = new_contact(
        client, token, boc["id"], "张伟", mobile="13812345678", email="zhang@boc.example"
    )
    li = new_contact(client, token, ccb["id"], "李娜")
    headers = bearer(acme.tokens["viewer"])

    def duplicates(**params):
        response = client.get("/api/v1/contacts/duplicates", params=params, headers=headers)
        assert response.status_code == 200
        return response.json()

    assert duplicates(name="某人", mobile="138 1234 5678") == [
        {"id": zhang["id"], "name": "张伟", "reason": "mobile", "score": 100}
    ]
    assert duplicates(email="ZHANG@boc.example") == [
        {"id": zhang["id"], "name": "张伟", "reason": "email", "score": 100}
    ]
    assert duplicates(name="李娜", account_id=ccb["id"]) == [
        {"id": li["id"], "name": "李娜", "reason": "name", "score": 100}
    ]
    assert duplicates(name="李娜", account_id=boc["id"]) == []
    assert duplicates(name="张伟", mobile="13812345678", exclude_id=zhang["id"]) == []
    assert duplicates(name="某人", mobile="not a phone") == []


def test_merge_moves_activities_participants_reports_and_employments(client, acme):
    token = acme.tokens["owner"]
    headers = bearer(token)
    boc = new_account(client, token, "中国银行")
    keep = new_contact(client, token, boc["id"], "张伟", mobile="13812345678")
    duplicate = new_contact(
        client, token, boc["id"], "张伟", email="zhang@boc.example", title="采购总监"
    )
    other = new_contact(client, token, boc["id"], "李娜")
    report = new_contact(client, token, boc["id"], "小王", reports_to_id=duplicate["id"])
    as_contact = new_activity(
        client, token, boc["id"], "拜访", "2026-03-01T10:00:00+08:00", contact_id=duplicate["id"]
    )
    as_participant = new_activity(
        client,
        token,
        boc["id"],
        "电话",
        "2026-03-02T10:00:00+08:00",
        contact_id=other["id"],
        participant_contact_ids=[duplicate["id"]],
    )
    with_both = new_activity(
        client,
        token,
        boc["id"],
        "交流会",
        "2026-03-03T10:00:00+08:00",
        participant_contact_ids=[duplicate["id"], keep["id"]],
    )

    merged = client.post(
        f"/api/v1/contacts/{keep['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers={**headers, "If-Match": '"v1"'},
    )

    assert merged.status_code == 200, merged.text
    assert {k: merged.json()[k] for k in ("mobile", "email", "title", "version")} == {
        "mobile": "+8613812345678",
        "email": "zhang@boc.example",
        "title": "采购总监",
        "version": 2,
    }
    involved = client.get(f"/api/v1/activities?contact_id={keep['id']}", headers=headers)
    activities = {
        a["id"]: (a["contact_id"], a["participant_contact_ids"]) for a in involved.json()["items"]
    }
    assert activities == {
        with_both["id"]: (None, [keep["id"]]),
        as_participant["id"]: (other["id"], [keep["id"]]),
        as_contact["id"]: (keep["id"], []),
    }
    left = client.get(f"/api/v1/activities?contact_id={duplicate['id']}", headers=headers)
    assert left.json()["items"] == []
    assert (
        client.get(f"/api/v1/contacts/{report['id']}", headers=headers).json()["reports_to_id"]
        == keep["id"]
    )
    employments = client.get(f"/api/v1/contacts/{keep['id']}/employments", headers=headers)
    assert [(e["account_id"], e["ended_on"]) for e in employments.json()] == [
        (boc["id"], None),
        (boc["id"], None),
    ]
    gone = client.get(f"/api/v1/contacts/{duplicate['id']}", headers=headers).json()
    assert (gone["merged_into_id"], gone["archived_at"] is not None) == (keep["id"], True)
    assert (
        client.get(f"/api/v1/contacts/{duplicate['id']}/employments", headers=headers).json() == []
    )
    listed = client.get(f"/api/v1/contacts?account_id={boc['id']}", headers=headers).json()
    assert [c["id"] for c in listed["items"]] == [other["id"], report["id"], keep["id"]]


# --- bad input: a 422 naming the field, and nothing written ---------------------------------


def test_bad_contact_input(client, acme, uow):
    token = acme.tokens["owner"]
    bank = new_account(client, token, "中国银行")
    other_bank = new_account(client, token, "建设银行")
    boss = new_contact(client, token, bank["id"], "张总")
    deputy = new_contact(client, token, bank["id"], "李四", reports_to_id=boss["id"])
    elsewhere = new_contact(client, token, other_bank["id"], "王五")
    archived = new_account(client, token, "已归档单位")
    client.post(
        f"/api/v1/accounts/{archived['id']}/archive",
        headers=current(client, f"/api/v1/accounts/{archived['id']}", bearer(token)),
    )
    theirs = new_account(client, acme.tokens["stranger"], "外部单位")
    their_contact = new_contact(client, acme.tokens["stranger"], theirs["id"], "外人")
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

    results = {case: send(client, token, *request) for case, request in cases.items()}

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


# --- another workspace's records, a viewer, the list's queries ------------------------------

MODULE = ("pcrm.accounts.contacts.routes_api",)
# Routes that take no record id in the path answer like this for a missing record too.
NOT_404 = {
    ("GET", "/api/v1/contacts"): 200,
    ("POST", "/api/v1/contacts"): 422,
    ("GET", "/api/v1/contacts/duplicates"): 200,
    ("POST", "/api/v1/contacts/bulk-archive"): 422,
}


@pytest.fixture
def records(client, acme):
    """An account, contact and activity of acme; an account and contact of the stranger's."""
    return tenancy_records(client, acme)


def test_every_route_answers_for_another_workspaces_record_as_for_a_missing_one(
    app, client, acme, uow, records
):
    routes = accounts_routes(app, MODULE)
    requested = requests_for(records["acme"], records["theirs"])
    # a new route needs a request in route_requests.py
    assert routes == {route for route in requested if route[1].startswith("/api/v1/contacts")}
    before = row_counts(uow)

    observed = stranger_answers(client, acme.tokens["stranger"], routes, records, MISSING)

    assert observed == {route: (NOT_404.get(route, 404), True) for route in routes}
    assert row_counts(uow) == before


def test_lists_and_duplicate_checks_return_nothing_of_another_workspace(client, acme, records):
    stranger = bearer(acme.tokens["stranger"])
    requests = requests_for(records["acme"], records["theirs"])
    answers = {
        path: client.get(path, headers=stranger, **requests["GET", path]).json()
        for path in (
            "/api/v1/contacts",
            "/api/v1/contacts/duplicates",
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
        "/api/v1/contacts": empty_page,
        "/api/v1/contacts/duplicates": [],
    }


def test_another_workspaces_records_in_a_body_are_like_missing_ones(client, acme, uow, records):
    stranger = bearer(acme.tokens["stranger"])
    own = records["theirs"]

    def requests(t):
        return {
            "reports to": (
                "PATCH",
                f"/api/v1/contacts/{own.contact}",
                {"reports_to_id": t.contact},
            ),
            "move contact": (
                "PATCH",
                f"/api/v1/contacts/{own.contact}",
                {"account_id": t.account},
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
        theirs = client.request(method, url, json=body, headers=stranger | ANY_VERSION)
        _m, missing_url, missing_body = requests(MISSING)[case]
        missing = client.request(
            method, missing_url, json=missing_body, headers=stranger | ANY_VERSION
        )
        observed[case] = (theirs.status_code, answer(theirs) == answer(missing))

    assert observed == {
        "reports to": (422, True),
        "move contact": (422, True),
        "merge contact": (404, True),
    }
    assert row_counts(uow) == before


def test_a_viewer_gets_403_on_every_unsafe_route_and_nothing_changes(app, client, acme, uow):
    target, second = write_targets(client, acme)
    unsafe = {route for route in accounts_routes(app, MODULE) if route[0] in UNSAFE}
    before = row_counts(uow)

    observed = statuses(client, acme.tokens["viewer"], unsafe, target, second)

    assert observed == dict.fromkeys(unsafe, 403)
    assert row_counts(uow) == before


def test_a_viewer_reads_every_safe_route(app, client, acme):
    target = read_target(client, acme)
    safe = {route for route in accounts_routes(app, MODULE) if route[0] not in UNSAFE}

    observed = statuses(client, acme.tokens["viewer"], safe, target, target)

    assert observed == dict.fromkeys(safe, 200)


def test_the_list_costs_the_same_queries_for_3_and_30_rows(client, acme, uow, count_queries):
    """No hidden queries. Per request: the token joined with its user and workspace (not
    cached yet), the page's ids, its rows with their accounts' names and its count."""
    headers = bearer(acme.tokens["viewer"])
    add_rows(uow, acme, 0, 3)
    with_3 = list_cost(client, count_queries, headers, "/api/v1/contacts")
    add_rows(uow, acme, 3, 30)
    with_30 = list_cost(client, count_queries, headers, "/api/v1/contacts")

    assert (with_3, with_30) == ((3, 4), (30, 4))
