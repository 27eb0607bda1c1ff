"""Links between people in the relationships API as resources: create (201, ETag), change
with If-Match (a stale tag is a 412 that changes nothing), delete, and the audit rows of
each."""

from __future__ import annotations

import pytest

from pcrm.relationships.graph.models import Acquaintance, Influence
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer
from tests.relationships.builders import (
    audit_trail,
    influence,
    row_counts,
    stored,
)


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


def test_an_influence_is_created_changed_with_if_match_and_deleted(client, acme, uow, people):
    token = acme.tokens["owner"]

    created = client.post(
        "/api/v1/influences",
        json={
            "from_contact_id": people["consultant"],
            "to_contact_id": people["boss"],
            "strength": 3,
            "note": " 多年顾问 ",
        },
        headers=bearer(token),
    )
    edge_id = created.json()["id"]
    changed = client.patch(
        f"/api/v1/influences/{edge_id}", json={"strength": 5}, headers=_with_tag(token, '"v1"')
    )
    before_stale = row_counts(uow)
    stale = client.patch(
        f"/api/v1/influences/{edge_id}",
        json={"strength": 1, "note": "过时"},
        headers=_with_tag(token, '"v1"'),
    )
    after_stale = row_counts(uow)
    kept = stored(uow, Influence, edge_id)
    deleted = client.delete(
        f"/api/v1/influences/{edge_id}", headers=_with_tag(token, changed.headers["ETag"])
    )

    assert (created.status_code, "Location" in created.headers, created.headers["ETag"]) == (
        201,
        False,
        '"v1"',
    )
    assert created.json() == {
        "id": edge_id,
        "from_contact_id": people["consultant"],
        "to_contact_id": people["boss"],
        "strength": 3,
        "note": "多年顾问",
        "version": 1,
    }
    assert (changed.status_code, changed.headers["ETag"], changed.json()["version"]) == (
        200,
        '"v2"',
        2,
    )
    assert stale.status_code == 412
    assert after_stale == before_stale
    assert (kept["strength"], kept["note"], kept["version"]) == (5, "多年顾问", 2)
    assert deleted.status_code == 204
    assert row_counts(uow)["influences"] == 0
    assert audit_trail(client, token, "influence", edge_id) == [
        (
            "delete",
            {
                "from_contact_id": [people["consultant"], None],
                "to_contact_id": [people["boss"], None],
                "strength": [5, None],
                "note": ["多年顾问", None],
            },
        ),
        ("update", {"strength": [3, 5]}),
        (
            "create",
            {
                "from_contact_id": [None, people["consultant"]],
                "to_contact_id": [None, people["boss"]],
                "strength": [None, 3],
                "note": [None, "多年顾问"],
            },
        ),
    ]


def test_a_dotted_line_is_created_and_deleted(client, acme, uow, people):
    token = acme.tokens["owner"]

    created = client.post(
        "/api/v1/dotted-lines",
        json={"contact_id": people["cfo"], "manager_id": people["consultant"], "note": "项目"},
        headers=bearer(token),
    )
    line_id = created.json()["id"]
    deleted = client.delete(f"/api/v1/dotted-lines/{line_id}", headers=bearer(token))
    missing = client.delete(f"/api/v1/dotted-lines/{line_id}", headers=bearer(token))

    assert (created.status_code, "Location" in created.headers, "ETag" in created.headers) == (
        201,
        False,
        False,
    )
    assert created.json() == {
        "id": line_id,
        "contact_id": people["cfo"],
        "manager_id": people["consultant"],
        "note": "项目",
    }
    assert (deleted.status_code, missing.status_code) == (204, 404)
    assert row_counts(uow)["dotted_lines"] == 0
    assert audit_trail(client, token, "dotted_line", line_id) == [
        (
            "delete",
            {
                "contact_id": [people["cfo"], None],
                "manager_id": [people["consultant"], None],
                "note": ["项目", None],
            },
        ),
        (
            "create",
            {
                "contact_id": [None, people["cfo"]],
                "manager_id": [None, people["consultant"]],
                "note": [None, "项目"],
            },
        ),
    ]


def test_an_acquaintance_is_created_changed_with_if_match_and_deleted(client, acme, uow, people):
    token = acme.tokens["owner"]
    sales = acme.sales.user_id

    created = client.post(
        "/api/v1/acquaintances",
        json={
            "user_id": sales,
            "contact_id": people["cfo"],
            "closeness": 2,
            "kind": "classmate",
            "since": "2010-09-01",
        },
        headers=bearer(token),
    )
    edge_id = created.json()["id"]
    changed = client.patch(
        f"/api/v1/acquaintances/{edge_id}",
        json={"closeness": 4, "kind": "friend"},
        headers=_with_tag(token, created.headers["ETag"]),
    )
    before_stale = row_counts(uow)
    stale = client.patch(
        f"/api/v1/acquaintances/{edge_id}",
        json={"closeness": 1},
        headers=_with_tag(token, created.headers["ETag"]),
    )
    after_stale = row_counts(uow)
    kept = stored(uow, Acquaintance, edge_id)
    deleted = client.delete(
        f"/api/v1/acquaintances/{edge_id}", headers=_with_tag(token, changed.headers["ETag"])
    )

    assert (created.status_code, "Location" in created.headers, created.headers["ETag"]) == (
        201,
        False,
        '"v1"',
    )
    assert created.json() == {
        "id": edge_id,
        "user_id": sales,
        "contact_id": people["cfo"],
        "closeness": 2,
        "kind": "classmate",
        "since": "2010-09-01",
        "note": None,
        "last_interaction": None,
        "version": 1,
    }
    assert (changed.status_code, changed.headers["ETag"]) == (200, '"v2"')
    assert (changed.json()["closeness"], changed.json()["kind"]) == (4, "friend")
    assert stale.status_code == 412
    assert after_stale == before_stale
    assert (kept["closeness"], kept["kind"].value, kept["version"]) == (4, "friend", 2)
    assert deleted.status_code == 204
    assert row_counts(uow)["acquaintances"] == 0
    assert audit_trail(client, token, "acquaintance", edge_id) == [
        (
            "delete",
            {
                "user_id": [sales, None],
                "contact_id": [people["cfo"], None],
                "closeness": [4, None],
                "kind": ["friend", None],
                "since": ["2010-09-01", None],
            },
        ),
        ("update", {"closeness": [2, 4], "kind": ["classmate", "friend"]}),
        (
            "create",
            {
                "user_id": [None, sales],
                "contact_id": [None, people["cfo"]],
                "closeness": [None, 2],
                "kind": [None, "classmate"],
                "since": [None, "2010-09-01"],
            },
        ),
    ]


def test_an_edge_change_or_delete_without_if_match_is_a_428_and_a_malformed_tag_a_422(
    client, acme, uow, people
):
    token = acme.tokens["owner"]
    edge = influence(client, token, people["cfo"], people["boss"], 2)["id"]
    before = row_counts(uow)

    untagged = client.patch(
        f"/api/v1/influences/{edge}", json={"note": "汇报线外"}, headers=bearer(token)
    )
    undeleted = client.delete(f"/api/v1/influences/{edge}", headers=bearer(token))
    malformed = client.patch(
        f"/api/v1/influences/{edge}", json={"strength": 4}, headers=_with_tag(token, "v2")
    )

    assert (untagged.status_code, untagged.json()["title"]) == (428, "Precondition required")
    assert undeleted.status_code == 428
    assert (malformed.status_code, [e["field"] for e in malformed.json()["errors"]]) == (
        422,
        ["if-match"],
    )
    assert row_counts(uow) == before
    assert stored(uow, Influence, edge)["strength"] == 2
    assert stored(uow, Influence, edge)["note"] != "汇报线外"


def test_a_created_edge_points_nowhere_it_cannot_be_read(client, acme, people):
    """Edges are read through the graph and the lists, so creating one names no Location."""
    token = acme.tokens["owner"]
    response = client.post(
        "/api/v1/influences",
        headers=bearer(token),
        json={"from_contact_id": people["cfo"], "to_contact_id": people["boss"], "strength": 2},
    )
    assert response.status_code == 201
    assert "location" not in response.headers
    assert response.headers["etag"] == '"v1"'
