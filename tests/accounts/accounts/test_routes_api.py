"""The accounts JSON API: create, list, detail, optimistic locking, archive, bulk, duplicates,
merge, org chart and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from pcrm.accounts.accounts.models import Account
from pcrm.core.audit import AuditEntry
from tests.accounts.builders import (
    CREDIT_CODE,
    fields_of,
    new_account,
    new_activity,
    new_contact,
    row_counts,
)
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


def _names(response):
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def _history(client, token, account_id):
    response = client.get(f"/api/v1/accounts/{account_id}/history", headers=bearer(token))
    assert response.status_code == 200
    return response.json()


def test_create_answers_201_with_etag_location_and_the_detail(client, acme):
    response = client.post(
        "/api/v1/accounts",
        headers=bearer(acme.tokens["owner"]),
        json={
            "name": "  华为技术有限公司 ",
            "credit_code": CREDIT_CODE.lower(),
            "industry": "telecom",
            "province": "guangdong",
            "tags": ["重点", "重点", "华南"],
            "team": [{"user_id": acme.admin.user_id, "role": "technical"}],
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert response.headers["etag"] == '"v1"'
    assert response.headers["location"] == f"/api/v1/accounts/{body['id']}"
    assert {
        k: body[k]
        for k in (
            "name",
            "credit_code",
            "industry",
            "province",
            "tags",
            "owner_id",
            "lifecycle_stage",
            "status",
            "team",
            "contact_count",
            "archived_at",
            "version",
        )
    } == {
        "name": "华为技术有限公司",
        "credit_code": CREDIT_CODE,
        "industry": "telecom",
        "province": "guangdong",
        "tags": ["重点", "华南"],
        "owner_id": acme.owner.user_id,
        "lifecycle_stage": "potential",
        "status": "active",
        "team": [{"user_id": acme.admin.user_id, "role": "technical", "name": "管理员"}],
        "contact_count": 0,
        "archived_at": None,
        "version": 1,
    }
    read = client.get(response.headers["location"], headers=bearer(acme.tokens["viewer"]))
    assert (read.headers["etag"], read.json()) == ('"v1"', body)


def test_list_sorts_names_by_pinyin_and_paginates(client, acme):
    token = acme.tokens["owner"]
    for name in ("华为", "Zeta", "百度", "阿里巴巴"):
        new_account(client, token, name)
    headers = bearer(acme.tokens["viewer"])

    first = client.get("/api/v1/accounts?page_size=3", headers=headers).json()
    second = client.get("/api/v1/accounts?page_size=3&page=2", headers=headers).json()
    descending = client.get("/api/v1/accounts?sort=-name", headers=headers)

    assert [a["name"] for a in first["items"]] == ["阿里巴巴", "百度", "华为"]
    assert (first["total"], first["page"], first["page_size"], first["pages"]) == (4, 1, 3, 2)
    assert first["total_capped"] is False
    assert [a["name"] for a in second["items"]] == ["Zeta"]
    assert (second["total"], second["page"], second["pages"]) == (4, 2, 2)
    assert _names(descending) == ["Zeta", "华为", "百度", "阿里巴巴"]


def test_list_filters_by_each_field(client, acme, uow):
    token = acme.tokens["owner"]
    grid = new_account(
        client,
        token,
        "国家电网",
        industry="energy",
        province="beijing",
        ownership="state_owned",
        lifecycle_stage="bidding",
        owner_id=acme.admin.user_id,
        tags=["重点"],
    )
    tencent = new_account(
        client,
        token,
        "腾讯",
        industry="internet",
        province="guangdong",
        ownership="private",
        tags=["互联网"],
    )
    boc = new_account(
        client,
        token,
        "中国银行",
        industry="finance",
        province="beijing",
        ownership="state_owned",
        lifecycle_stage="execution",
        tags=["重点", "银行"],
    )
    created = {  # the workspace's day is Asia/Shanghai (UTC+8)
        grid["id"]: datetime(2026, 3, 1, 15, 59, 59, tzinfo=UTC),  # 03-01 23:59:59 local
        tencent["id"]: datetime(2026, 3, 1, 16, 0, tzinfo=UTC),  # 03-02 00:00 local
        boc["id"]: datetime(2026, 3, 5, 2, 0, tzinfo=UTC),
    }
    with uow() as db:
        for account_id, at in created.items():
            db.execute(
                update(Account)
                .where(Account.workspace_id == acme.workspace.id, Account.id == account_id)
                .values(created_at=at)
            )
    headers = bearer(acme.tokens["viewer"])
    queries = [
        "industry=energy",
        "province=beijing",
        "ownership=private",
        "ownership=state_owned",
        "stage=execution",
        "stage=potential",
        f"owner_id={acme.admin.user_id}",
        "tag=重点",
        "tag=银行",
        "tag=无此标签",
        "created_to=2026-03-01",
        "created_from=2026-03-02",
        "created_from=2026-03-02&created_to=2026-03-02",
        "industry=finance&province=beijing",
    ]

    found = {q: _names(client.get(f"/api/v1/accounts?{q}", headers=headers)) for q in queries}

    assert found == {
        "industry=energy": ["国家电网"],
        "province=beijing": ["国家电网", "中国银行"],
        "ownership=private": ["腾讯"],
        "ownership=state_owned": ["国家电网", "中国银行"],
        "stage=execution": ["中国银行"],
        "stage=potential": ["腾讯"],
        f"owner_id={acme.admin.user_id}": ["国家电网"],
        "tag=重点": ["国家电网", "中国银行"],
        "tag=银行": ["中国银行"],
        "tag=无此标签": [],
        "created_to=2026-03-01": ["国家电网"],
        "created_from=2026-03-02": ["腾讯", "中国银行"],
        "created_from=2026-03-02&created_to=2026-03-02": ["腾讯"],
        "industry=finance&province=beijing": ["中国银行"],
    }
    page = client.get("/api/v1/accounts?province=beijing&page_size=1", headers=headers).json()
    assert (page["total"], page["pages"]) == (2, 2)


def test_detail_has_the_team_and_counts_only_current_contacts(client, acme):
    token = acme.tokens["owner"]
    account = new_account(
        client,
        token,
        "中国银行",
        team=[
            {"user_id": acme.admin.user_id, "role": "sales"},
            {"user_id": acme.viewer.user_id, "role": "after_sales"},
        ],
    )
    new_contact(client, token, account["id"], "张伟")
    gone = new_contact(client, token, account["id"], "李娜")
    client.post(
        f"/api/v1/contacts/{gone['id']}/archive",
        headers=current(client, f"/api/v1/contacts/{gone['id']}", bearer(token)),
    )

    response = client.get(
        f"/api/v1/accounts/{account['id']}", headers=bearer(acme.tokens["viewer"])
    )

    assert response.status_code == 200
    assert response.headers["etag"] == '"v1"'
    assert response.json()["team"] == [
        {"user_id": acme.admin.user_id, "role": "sales", "name": "管理员"},
        {"user_id": acme.viewer.user_id, "role": "after_sales", "name": "访客"},
    ]
    assert response.json()["contact_count"] == 1


def test_team_is_replaced_by_a_patch(client, acme):
    token = acme.tokens["owner"]
    account = new_account(
        client, token, "中国银行", team=[{"user_id": acme.admin.user_id, "role": "sales"}]
    )
    response = client.patch(
        f"/api/v1/accounts/{account['id']}",
        headers=current(client, f"/api/v1/accounts/{account['id']}", bearer(token)),
        json={"team": [{"user_id": acme.owner.user_id, "role": "technical"}]},
    )
    assert response.status_code == 200
    assert response.json()["team"] == [
        {"user_id": acme.owner.user_id, "role": "technical", "name": "王总"}
    ]


def test_a_patch_with_a_stale_etag_is_412_and_changes_nothing(client, acme, uow):
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    url = f"/api/v1/accounts/{account['id']}"
    first = client.patch(
        url, json={"name": "华为技术"}, headers={**bearer(token), "If-Match": '"v1"'}
    )
    assert first.status_code == 200
    assert first.headers["etag"] == '"v2"'
    before = row_counts(uow)

    stale = client.patch(
        url, json={"name": "华为终端"}, headers={**bearer(token), "If-Match": '"v1"'}
    )

    assert stale.status_code == 412
    assert stale.json()["status"] == 412
    after = client.get(url, headers=bearer(token))
    assert (after.json()["name"], after.headers["etag"]) == ("华为技术", '"v2"')
    assert row_counts(uow) == before


def test_archive_hides_from_lists_and_restore_brings_back(client, acme):
    token = acme.tokens["owner"]
    new_account(client, token, "百度")
    account = new_account(client, token, "华为")
    headers = bearer(token)

    archived = client.post(
        f"/api/v1/accounts/{account['id']}/archive",
        headers=current(client, f"/api/v1/accounts/{account['id']}", headers),
    )

    assert archived.status_code == 200
    assert archived.headers["etag"] == '"v2"'
    assert archived.json()["archived_at"] is not None
    assert _names(client.get("/api/v1/accounts", headers=headers)) == ["百度"]
    assert _names(client.get("/api/v1/accounts?include_archived=true", headers=headers)) == [
        "百度",
        "华为",
    ]
    detail = client.get(f"/api/v1/accounts/{account['id']}", headers=headers)
    assert (detail.status_code, detail.json()["archived_at"]) == (
        200,
        archived.json()["archived_at"],
    )

    restored = client.post(
        f"/api/v1/accounts/{account['id']}/restore",
        headers=current(client, f"/api/v1/accounts/{account['id']}", headers),
    )

    assert (restored.status_code, restored.json()["archived_at"]) == (200, None)
    assert _names(client.get("/api/v1/accounts", headers=headers)) == ["百度", "华为"]


def test_bulk_assigns_an_owner_adds_a_tag_and_archives(client, acme):
    token = acme.tokens["owner"]
    a = new_account(client, token, "阿里巴巴", tags=["重点"])
    b = new_account(client, token, "百度")
    c = new_account(client, token, "华为")
    headers = bearer(token)

    assigned = client.post(
        "/api/v1/accounts/bulk",
        headers=headers,
        json={
            "ids": [a["id"], b["id"]],
            "action": "assign_owner",
            "owner_id": acme.admin.user_id,
        },
    )
    tagged = client.post(
        "/api/v1/accounts/bulk",
        headers=headers,
        json={"ids": [a["id"], c["id"]], "action": "add_tag", "tag": "重点"},
    )
    archived = client.post(
        "/api/v1/accounts/bulk", headers=headers, json={"ids": [b["id"]], "action": "archive"}
    )

    assert [r.json() for r in (assigned, tagged, archived)] == [
        {"updated": 2},
        {"updated": 2},
        {"updated": 1},
    ]
    admin = acme.admin.user_id
    assert _names(client.get(f"/api/v1/accounts?owner_id={admin}", headers=headers)) == ["阿里巴巴"]
    assert _names(client.get("/api/v1/accounts?tag=重点", headers=headers)) == ["阿里巴巴", "华为"]
    assert client.get(f"/api/v1/accounts/{a['id']}", headers=headers).json()["tags"] == ["重点"]
    assert _names(client.get("/api/v1/accounts", headers=headers)) == ["阿里巴巴", "华为"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (lambda acme: {"action": "archive", "extra_ids": [999_999]}, "ids"),
        (
            lambda acme: {"action": "assign_owner", "owner_id": acme.stranger.user_id},
            "owner_id",
        ),
        (lambda acme: {"action": "assign_owner"}, "owner_id"),
        (lambda acme: {"action": "add_tag"}, "tag"),
    ],
    ids=["unknown id", "owner of another workspace", "no owner", "no tag"],
)
def test_a_bulk_action_is_all_or_nothing(client, acme, uow, body, field):
    token = acme.tokens["owner"]
    a = new_account(client, token, "阿里巴巴")
    b = new_account(client, token, "百度")
    request = body(acme)
    request["ids"] = [a["id"], b["id"], *request.pop("extra_ids", [])]
    before = row_counts(uow)

    response = client.post("/api/v1/accounts/bulk", headers=bearer(token), json=request)

    assert response.status_code == 422
    assert fields_of(response) == [field]
    assert row_counts(uow) == before
    listed = client.get("/api/v1/accounts", headers=bearer(token)).json()["items"]
    assert [(x["name"], x["owner_id"], x["tags"], x["archived_at"]) for x in listed] == [
        ("阿里巴巴", acme.owner.user_id, [], None),
        ("百度", acme.owner.user_id, [], None),
    ]


def test_duplicates_are_the_same_credit_code_or_a_near_identical_name(client, acme):
    token = acme.tokens["owner"]
    huawei = new_account(client, token, "华为技术有限公司", credit_code=CREDIT_CODE)
    new_account(client, token, "中兴通讯股份有限公司")
    headers = bearer(acme.tokens["viewer"])

    def duplicates(**params):
        response = client.get("/api/v1/accounts/duplicates", params=params, headers=headers)
        assert response.status_code == 200
        return response.json()

    by_code = {
        "id": huawei["id"],
        "name": "华为技术有限公司",
        "reason": "credit_code",
        "score": 100,
    }
    by_name = {"id": huawei["id"], "name": "华为技术有限公司", "reason": "name", "score": 100}
    assert duplicates(name="完全不同的单位", credit_code=CREDIT_CODE.lower()) == [by_code]
    assert duplicates(name="华为技术股份有限公司") == [by_name]
    assert duplicates(name="华为技术有限公司", credit_code=CREDIT_CODE) == [by_code]
    assert duplicates(name="华为技术有限公司", exclude_id=huawei["id"]) == []
    # A branch is another organisation: ratio 80 of the full names, under the threshold of 90.
    assert duplicates(name="华为技术有限公司（深圳）") == []


def test_merge_moves_everything_onto_the_kept_account(client, acme):
    token = acme.tokens["owner"]
    headers = bearer(token)
    keep = new_account(
        client,
        token,
        "华为技术有限公司",
        tags=["重点"],
        team=[{"user_id": acme.admin.user_id, "role": "technical"}],
    )
    duplicate = new_account(
        client,
        token,
        "华为技术股份有限公司",
        aliases=["华为"],
        province="guangdong",
        tags=["华南"],
        team=[
            {"user_id": acme.owner.user_id, "role": "sales"},
            {"user_id": acme.admin.user_id, "role": "marketing"},
        ],
    )
    child = new_account(client, token, "华为深圳研究所", parent_id=duplicate["id"])
    person = new_contact(client, token, duplicate["id"], "张伟", title="采购总监")
    activity = new_activity(client, token, duplicate["id"], contact_id=person["id"])

    merged = client.post(
        f"/api/v1/accounts/{keep['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers={**headers, "If-Match": '"v1"'},
    )

    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert merged.headers["etag"] == '"v2"'
    assert {k: body[k] for k in ("aliases", "tags", "province", "team", "contact_count")} == {
        "aliases": ["华为技术股份有限公司", "华为"],
        "tags": ["重点", "华南"],
        "province": "guangdong",
        "team": [
            {"user_id": acme.admin.user_id, "role": "technical", "name": "管理员"},
            {"user_id": acme.owner.user_id, "role": "sales", "name": "王总"},
        ],
        "contact_count": 1,
    }
    gone = client.get(f"/api/v1/accounts/{duplicate['id']}", headers=headers).json()
    assert gone["merged_into_id"] == keep["id"]
    assert gone["archived_at"] is not None
    assert (
        client.get(f"/api/v1/accounts/{child['id']}", headers=headers).json()["parent_id"]
        == keep["id"]
    )
    assert (
        client.get(f"/api/v1/contacts/{person['id']}", headers=headers).json()["account_id"]
        == keep["id"]
    )
    employments = client.get(f"/api/v1/contacts/{person['id']}/employments", headers=headers)
    assert [(e["account_id"], e["account_name"]) for e in employments.json()] == [
        (keep["id"], "华为技术有限公司")
    ]
    moved = client.get(f"/api/v1/activities?account_id={keep['id']}", headers=headers).json()
    assert [a["id"] for a in moved["items"]] == [activity["id"]]
    left = client.get(f"/api/v1/activities?account_id={duplicate['id']}", headers=headers)
    assert left.json()["items"] == []
    assert _names(client.get("/api/v1/accounts?tag=华南", headers=headers)) == ["华为技术有限公司"]
    history = _history(client, token, duplicate["id"])
    assert [e["action"] for e in history] == ["update", "create"]
    assert sorted(history[0]["changes"]) == ["archived_at", "merged_into_id"]
    assert history[0]["changes"]["merged_into_id"] == [None, keep["id"]]


def test_a_merged_account_cannot_be_restored_or_merged_again(client, acme, uow):
    token = acme.tokens["owner"]
    keep = new_account(client, token, "华为技术有限公司")
    duplicate = new_account(client, token, "华为技术股份有限公司")
    other = new_account(client, token, "中兴通讯")
    client.post(
        f"/api/v1/accounts/{keep['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=current(client, f"/api/v1/accounts/{keep['id']}", bearer(token)),
    )
    before = row_counts(uow)

    restore = client.post(
        f"/api/v1/accounts/{duplicate['id']}/restore",
        headers=current(client, f"/api/v1/accounts/{duplicate['id']}", bearer(token)),
    )
    again = client.post(
        f"/api/v1/accounts/{other['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=current(client, f"/api/v1/accounts/{other['id']}", bearer(token)),
    )
    itself = client.post(
        f"/api/v1/accounts/{other['id']}/merge",
        json={"duplicate_id": other["id"]},
        headers=current(client, f"/api/v1/accounts/{other['id']}", bearer(token)),
    )

    assert [(r.status_code, fields_of(r)) for r in (restore, again, itself)] == [
        (422, ["archived_at"]),
        (422, ["duplicate_id"]),
        (422, ["duplicate_id"]),
    ]
    assert row_counts(uow) == before


def test_merging_a_duplicate_with_a_credit_code_into_an_older_account_keeps_the_code(client, acme):
    token = acme.tokens["owner"]
    keep = new_account(client, token, "华为技术有限公司")
    duplicate = new_account(client, token, "华为技术股份有限公司", credit_code=CREDIT_CODE)

    merged = client.post(
        f"/api/v1/accounts/{keep['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=current(client, f"/api/v1/accounts/{keep['id']}", bearer(token)),
    )

    assert merged.status_code == 200
    assert merged.json()["credit_code"] == CREDIT_CODE


def test_merging_a_child_account_into_its_parent_makes_no_self_parent(client, acme):
    token = acme.tokens["owner"]
    keep = new_account(client, token, "华为技术有限公司")
    duplicate = new_account(client, token, "华为技术股份有限公司", parent_id=keep["id"])

    merged = client.post(
        f"/api/v1/accounts/{keep['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=current(client, f"/api/v1/accounts/{keep['id']}", bearer(token)),
    )

    assert merged.status_code == 200
    assert merged.json()["parent_id"] is None


def test_nothing_can_be_merged_into_a_merged_account(client, acme, uow):
    token = acme.tokens["owner"]
    keep = new_account(client, token, "华为技术有限公司")
    merged_away = new_account(client, token, "华为技术股份有限公司")
    late = new_account(client, token, "华为技术集团")
    client.post(
        f"/api/v1/accounts/{keep['id']}/merge",
        json={"duplicate_id": merged_away["id"]},
        headers=current(client, f"/api/v1/accounts/{keep['id']}", bearer(token)),
    )
    before = row_counts(uow)

    response = client.post(
        f"/api/v1/accounts/{merged_away['id']}/merge",
        json={"duplicate_id": late["id"]},
        headers=current(client, f"/api/v1/accounts/{merged_away['id']}", bearer(token)),
    )

    assert response.status_code == 422
    assert row_counts(uow) == before


def test_accounts_sort_by_lifecycle_stage_in_stage_order(client, acme):
    token = acme.tokens["owner"]
    new_account(client, token, "丢单", lifecycle_stage="lost", lost_reason="价格")
    new_account(client, token, "交付", lifecycle_stage="delivered")
    new_account(client, token, "执行", lifecycle_stage="execution")
    new_account(client, token, "投标", lifecycle_stage="bidding")
    new_account(client, token, "潜在", lifecycle_stage="potential")

    response = client.get(
        "/api/v1/accounts?sort=lifecycle_stage", headers=bearer(acme.tokens["viewer"])
    )

    assert _names(response) == ["潜在", "投标", "执行", "交付", "丢单"]


def test_blank_values_sort_last_in_both_directions_on_both_databases(client, acme):
    token = acme.tokens["owner"]
    new_account(client, token, "北京客户", province="beijing")
    new_account(client, token, "未填省份")
    new_account(client, token, "广东客户", province="guangdong")
    headers = bearer(acme.tokens["viewer"])

    ascending = _names(client.get("/api/v1/accounts?sort=province", headers=headers))
    descending = _names(client.get("/api/v1/accounts?sort=-province", headers=headers))

    assert (ascending, descending) == (
        ["北京客户", "广东客户", "未填省份"],
        ["广东客户", "北京客户", "未填省份"],
    )


def test_org_chart_nests_contacts_under_whom_they_report_to(client, acme):
    token = acme.tokens["owner"]
    account = new_account(client, token, "中国银行")
    boss = new_contact(client, token, account["id"], "张总", title="总经理", importance="key")
    deputy = new_contact(client, token, account["id"], "李四", reports_to_id=boss["id"])
    clerk = new_contact(client, token, account["id"], "王五", reports_to_id=deputy["id"])
    loner = new_contact(client, token, account["id"], "赵六")

    response = client.get(
        f"/api/v1/accounts/{account['id']}/org-chart", headers=bearer(acme.tokens["viewer"])
    )

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": boss["id"],
            "name": "张总",
            "title": "总经理",
            "importance": "key",
            "children": [
                {
                    "id": deputy["id"],
                    "name": "李四",
                    "title": "",
                    "importance": "normal",
                    "children": [
                        {
                            "id": clerk["id"],
                            "name": "王五",
                            "title": "",
                            "importance": "normal",
                            "children": [],
                        }
                    ],
                }
            ],
        },
        {"id": loner["id"], "name": "赵六", "title": "", "importance": "normal", "children": []},
    ]


def test_create_and_update_write_audit_rows_without_the_search_columns(client, acme):
    token = acme.tokens["owner"]
    created = client.post(
        "/api/v1/accounts",
        headers=bearer(token),
        json={"name": "华为技术有限公司", "industry": "telecom", "tags": ["重点"]},
    )
    account_id = created.json()["id"]

    updated = client.patch(
        f"/api/v1/accounts/{account_id}",
        headers=current(client, f"/api/v1/accounts/{account_id}", bearer(token)),
        json={"name": "华为终端有限公司", "province": "guangdong", "industry": "telecom"},
    )

    assert updated.status_code == 200
    history = _history(client, acme.tokens["viewer"], account_id)
    assert [(e["action"], e["actor_label"], e["entity_type"]) for e in history] == [
        ("update", "王总", "account"),
        ("create", "王总", "account"),
    ]
    assert history[1]["request_id"] == created.headers["x-request-id"]
    assert history[1]["changes"] == {
        "name": [None, "华为技术有限公司"],
        "aliases": [None, []],
        "industry": [None, "telecom"],
        "owner_id": [None, acme.owner.user_id],
        "lifecycle_stage": [None, "potential"],
        "status": [None, "active"],
        "tags": [None, ["重点"]],
    }
    assert history[0]["changes"] == {
        "name": ["华为技术有限公司", "华为终端有限公司"],
        "province": [None, "guangdong"],
    }


def test_no_audit_entry_records_the_search_columns(client, acme, uow):
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为技术有限公司", aliases=["华为"])
    client.patch(
        f"/api/v1/accounts/{account['id']}",
        json={"short_name": "华为"},
        headers=current(client, f"/api/v1/accounts/{account['id']}", bearer(token)),
    )
    contact = new_contact(client, token, account["id"], "张伟", mobile="13812345678")
    client.patch(
        f"/api/v1/contacts/{contact['id']}",
        json={"title": "CTO"},
        headers=current(client, f"/api/v1/contacts/{contact['id']}", bearer(token)),
    )

    history = client.get(f"/api/v1/contacts/{contact['id']}/history", headers=bearer(token))

    entries = history.json()
    assert [e["action"] for e in entries] == ["update", "create"]
    assert entries[0]["changes"] == {"title": [None, "CTO"]}
    with uow() as db:
        logged = db.scalars(
            select(AuditEntry).where(
                AuditEntry.workspace_id == acme.workspace.id,
                AuditEntry.entity_type.in_(["account", "contact", "employment"]),
            )
        ).all()
    assert sorted((e.entity_type, e.action) for e in logged) == [
        ("account", "create"),
        ("account", "update"),
        ("contact", "create"),
        ("contact", "update"),
        ("employment", "create"),
        ("employment", "update"),
    ]
    assert {k for e in logged for k in e.changes} & {
        "search_text",
        "search_grams",
        "sort_name",
    } == (set())


# --- bad input: a 422 naming the field, and nothing written ---------------------------------


def test_bad_account_input(client, acme, uow):
    token = acme.tokens["owner"]
    new_account(client, token, "华为", credit_code=CREDIT_CODE)
    group = new_account(client, token, "集团")
    subsidiary = new_account(client, token, "子公司", parent_id=group["id"])
    branch = new_account(client, token, "分公司", parent_id=subsidiary["id"])
    stranger = acme.stranger.user_id
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
        "website not a url": ("POST", "/api/v1/accounts", {"name": "甲", "website": "not a url"}),
        "website not http": ("POST", "/api/v1/accounts", {"name": "甲", "website": "ftp://a.cn"}),
        "website without a dot, by update": (
            "PATCH",
            f"/api/v1/accounts/{group['id']}",
            {"website": "http://intranet"},
        ),
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

    results = {case: send(client, token, *request) for case, request in cases.items()}

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
        "website not a url": (422, ["website"]),
        "website not http": (422, ["website"]),
        "website without a dot, by update": (422, ["website"]),
        "self parent": (422, ["parent_id"]),
        "parent cycle of two": (422, ["parent_id"]),
        "parent cycle of three": (422, ["parent_id"]),
        "credit code taken": (422, ["credit_code"]),
        "lost without a reason, by update": (422, ["lost_reason"]),
        "null name": (422, ["name"]),
        "owner of another workspace, by update": (422, ["owner_id"]),
    }
    assert row_counts(uow) == before


def test_a_website_is_kept_as_a_web_address(client, acme):
    token = acme.tokens["owner"]

    bare = new_account(client, token, "甲", website=" www.huawei.com ")
    full = new_account(client, token, "乙", website="https://jtys.sz.gov.cn/xxgk/")
    blank = new_account(client, token, "丙", website="")

    assert (bare["website"], full["website"], blank["website"]) == (
        "https://www.huawei.com",
        "https://jtys.sz.gov.cn/xxgk/",
        None,
    )


# --- another workspace's records, a viewer, the list's queries ------------------------------

MODULE = ("pcrm.accounts.accounts.routes_api",)
# Routes that take no record id in the path answer like this for a missing record too.
NOT_404 = {
    ("GET", "/api/v1/accounts"): 200,
    ("POST", "/api/v1/accounts"): 422,
    ("GET", "/api/v1/accounts/duplicates"): 200,
    ("POST", "/api/v1/accounts/bulk"): 422,
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
    assert routes == {route for route in requested if route[1].startswith("/api/v1/accounts")}
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
            "/api/v1/accounts",
            "/api/v1/accounts/duplicates",
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
    }


def test_another_workspaces_records_in_a_body_are_like_missing_ones(client, acme, uow, records):
    stranger = bearer(acme.tokens["stranger"])
    own = records["theirs"]

    def requests(t):
        return {
            "parent": (
                "PATCH",
                f"/api/v1/accounts/{own.account}",
                {"parent_id": t.account},
            ),
            "merge account": (
                "POST",
                f"/api/v1/accounts/{own.account}/merge",
                {"duplicate_id": t.account},
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
        "parent": (422, True),
        "merge account": (404, True),
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
    cached yet), the page's ids, its rows and its count."""
    headers = bearer(acme.tokens["viewer"])
    add_rows(uow, acme, 0, 3)
    with_3 = list_cost(client, count_queries, headers, "/api/v1/accounts")
    add_rows(uow, acme, 3, 30)
    with_30 = list_cost(client, count_queries, headers, "/api/v1/accounts")

    assert (with_3, with_30) == ((3, 4), (30, 4))
