"""Competitors and their ties in the relationships API as resources: create (201, Location,
ETag), change with If-Match (a stale tag is a 412 that changes nothing), delete, and the audit
rows of each."""

from __future__ import annotations

import pytest

from pcrm.relationships.competitors.models import Competitor, CompetitorTie
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer
from tests.relationships.builders import audit_trail, competitor, row_counts, stored, tie


@pytest.fixture
def people(client, acme):
    """Two contacts of acme's account 华为, and a consultant at another account."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    consultancy = new_account(client, token, "德勤咨询")
    return {
        "boss": new_contact(client, token, account["id"], "张总", importance="key")["id"],
        "cfo": new_contact(client, token, account["id"], "李财", importance="important")["id"],
        "consultant": new_contact(client, token, consultancy["id"], "顾问")["id"],
    }


def _with_tag(token, tag):
    return {**bearer(token), "If-Match": tag}


def test_a_competitor_is_created_read_changed_with_if_match_and_listed(client, acme, uow):
    token = acme.tokens["owner"]
    competitor(client, token, "竞品乙")

    created = client.post(
        "/api/v1/competitors",
        json={"name": " 竞品甲 ", "strengths": "价格低", "website": "https://rival.example"},
        headers=bearer(token),
    )
    rival_id = created.json()["id"]
    read = client.get(f"/api/v1/competitors/{rival_id}", headers=bearer(token))
    changed = client.put(
        f"/api/v1/competitors/{rival_id}",
        json={"name": "竞品甲", "strengths": "价格低", "weaknesses": "服务差"},
        headers=_with_tag(token, read.headers["ETag"]),
    )
    before_stale = row_counts(uow)
    stale = client.put(
        f"/api/v1/competitors/{rival_id}",
        json={"name": "竞品丙"},
        headers=_with_tag(token, read.headers["ETag"]),
    )
    after_stale = row_counts(uow)
    listed = client.get("/api/v1/competitors", headers=bearer(token))

    assert (created.status_code, created.headers["Location"], created.headers["ETag"]) == (
        201,
        f"/api/v1/competitors/{rival_id}",
        '"v1"',
    )
    assert (read.status_code, read.headers["ETag"]) == (200, '"v1"')
    assert read.json() == {
        "id": rival_id,
        "name": "竞品甲",
        "website": "https://rival.example",
        "strengths": "价格低",
        "weaknesses": None,
        "notes": None,
        "version": 1,
    }
    assert (changed.status_code, changed.headers["ETag"]) == (200, '"v2"')
    assert changed.json() == {
        "id": rival_id,
        "name": "竞品甲",
        "website": None,
        "strengths": "价格低",
        "weaknesses": "服务差",
        "notes": None,
        "version": 2,
    }
    assert stale.status_code == 412
    assert after_stale == before_stale
    assert stored(uow, Competitor, rival_id)["name"] == "竞品甲"
    assert [(c["name"], c["version"]) for c in listed.json()] == [("竞品乙", 1), ("竞品甲", 2)]
    assert audit_trail(client, token, "competitor", rival_id) == [
        ("update", {"website": ["https://rival.example", None], "weaknesses": [None, "服务差"]}),
        (
            "create",
            {
                "name": [None, "竞品甲"],
                "website": [None, "https://rival.example"],
                "strengths": [None, "价格低"],
            },
        ),
    ]


def test_a_competitor_tie_is_created_changed_with_if_match_listed_and_deleted(
    client, acme, uow, people
):
    token = acme.tokens["owner"]
    rival = competitor(client, token, "竞品甲")["id"]
    other_rival = competitor(client, token, "竞品乙")["id"]
    tie(client, token, other_rival, people["boss"], 5)
    close = tie(client, token, rival, people["boss"], 5)["id"]

    created = client.post(
        "/api/v1/competitor-ties",
        json={
            "competitor_id": rival,
            "contact_id": people["cfo"],
            "closeness": 3,
            "source": "展会听说",
        },
        headers=bearer(token),
    )
    tie_id = created.json()["id"]
    changed = client.patch(
        f"/api/v1/competitor-ties/{tie_id}",
        json={"closeness": 2, "source": "内部消息"},
        headers=_with_tag(token, '"v1"'),
    )
    before_stale = row_counts(uow)
    stale = client.patch(
        f"/api/v1/competitor-ties/{tie_id}", json={"closeness": 5}, headers=_with_tag(token, '"v1"')
    )
    after_stale = row_counts(uow)
    kept = stored(uow, CompetitorTie, tie_id)
    listed = client.get(f"/api/v1/competitors/{rival}/ties", headers=bearer(token))
    deleted = client.delete(
        f"/api/v1/competitor-ties/{tie_id}", headers=_with_tag(token, changed.headers["ETag"])
    )
    listed_after = client.get(f"/api/v1/competitors/{rival}/ties", headers=bearer(token))

    assert (created.status_code, "Location" in created.headers, created.headers["ETag"]) == (
        201,
        False,
        '"v1"',
    )
    assert created.json() == {
        "id": tie_id,
        "competitor_id": rival,
        "contact_id": people["cfo"],
        "closeness": 3,
        "source": "展会听说",
        "note": None,
        "version": 1,
    }
    assert (changed.status_code, changed.headers["ETag"]) == (200, '"v2"')
    assert stale.status_code == 412
    assert after_stale == before_stale
    assert (kept["closeness"], kept["source"], kept["version"]) == (2, "内部消息", 2)
    assert [(t["id"], t["contact_id"], t["closeness"]) for t in listed.json()] == [
        (close, people["boss"], 5),
        (tie_id, people["cfo"], 2),
    ]
    assert deleted.status_code == 204
    assert [t["id"] for t in listed_after.json()] == [close]
    assert audit_trail(client, token, "competitor_tie", tie_id) == [
        (
            "delete",
            {
                "competitor_id": [rival, None],
                "contact_id": [people["cfo"], None],
                "closeness": [2, None],
                "source": ["内部消息", None],
            },
        ),
        ("update", {"closeness": [3, 2], "source": ["展会听说", "内部消息"]}),
        (
            "create",
            {
                "competitor_id": [None, rival],
                "contact_id": [None, people["cfo"]],
                "closeness": [None, 3],
                "source": [None, "展会听说"],
            },
        ),
    ]


def test_a_competitor_website_that_is_not_a_web_address_is_refused(client, acme, uow):
    token = acme.tokens["owner"]
    before = row_counts(uow)

    refused = client.post(
        "/api/v1/competitors",
        json={"name": "竞品乙", "website": "not a url"},
        headers=bearer(token) | {"Accept-Language": "zh-CN"},
    )

    assert refused.status_code == 422
    assert [(e["field"], e["message"]) for e in refused.json()["errors"]] == [
        ("website", "请输入网址，例如 https://www.example.com。")
    ]
    assert row_counts(uow) == before
