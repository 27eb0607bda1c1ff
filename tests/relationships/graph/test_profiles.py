"""A contact's profile over time: dated entries, newest first; the graph shows the newest."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer
from tests.relationships.builders import audit_trail, profile


@pytest.fixture
def boss(client, acme):
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    contact = new_contact(client, token, account["id"], "张总", importance="key")
    return {"account": account["id"], "contact": contact["id"]}


def _stance_in_graph(client, token, account_id, contact_id):
    nodes = client.get(
        f"/api/v1/accounts/{account_id}/relationship-graph", headers=bearer(token)
    ).json()["nodes"]
    return [n["relationship_status"] for n in nodes if n["id"] == f"c{contact_id}"]


def test_profile_entries_are_kept_over_time_newest_first(client, acme, boss):
    token = acme.tokens["owner"]
    contact = boss["contact"]
    first = profile(
        client,
        token,
        contact,
        relationship_status="neutral",
        interaction_level="occasional",
        effective_on="2025-06-01",
    )
    second = profile(
        client,
        token,
        contact,
        behaviour="technology",
        relationship_status="supporter",
        interaction_level="regular",
        effective_on="2026-01-10",
        note=" 技术交流后转为支持 ",
    )

    history = client.get(f"/api/v1/contacts/{contact}/profile", headers=bearer(token))
    stance = _stance_in_graph(client, token, boss["account"], contact)

    assert history.status_code == 200
    assert [
        (
            e["id"],
            e["contact_id"],
            e["effective_on"],
            e["behaviour"],
            e["relationship_status"],
            e["interaction_level"],
            e["note"],
        )
        for e in history.json()
    ] == [
        (
            second["id"],
            contact,
            "2026-01-10",
            "technology",
            "supporter",
            "regular",
            "技术交流后转为支持",
        ),
        (first["id"], contact, "2025-06-01", None, "neutral", "occasional", None),
    ]
    assert stance == ["supporter"]
    assert audit_trail(client, token, "profile_entry", second["id"]) == [
        (
            "create",
            {
                "contact_id": [None, contact],
                "behaviour": [None, "technology"],
                "relationship_status": [None, "supporter"],
                "interaction_level": [None, "regular"],
                "effective_on": [None, "2026-01-10"],
                "note": [None, "技术交流后转为支持"],
            },
        )
    ]


def test_a_contact_without_a_profile_is_unknown_and_has_no_history(client, acme, boss):
    token = acme.tokens["viewer"]

    history = client.get(f"/api/v1/contacts/{boss['contact']}/profile", headers=bearer(token))
    stance = _stance_in_graph(client, token, boss["account"], boss["contact"])

    assert (history.status_code, history.json(), stance) == (200, [], ["unknown"])


def test_a_back_dated_entry_does_not_replace_the_newest_stance(client, acme, boss):
    token = acme.tokens["owner"]
    contact = boss["contact"]
    profile(client, token, contact, relationship_status="supporter", effective_on="2026-01-10")
    profile(client, token, contact, relationship_status="opponent", effective_on="2025-12-01")

    history = client.get(f"/api/v1/contacts/{contact}/profile", headers=bearer(token)).json()
    stance = _stance_in_graph(client, token, boss["account"], contact)
    closeness = client.get(
        f"/api/v1/accounts/{boss['account']}/closeness", headers=bearer(token)
    ).json()

    assert [(e["effective_on"], e["relationship_status"]) for e in history] == [
        ("2026-01-10", "supporter"),
        ("2025-12-01", "opponent"),
    ]
    assert stance == ["supporter"]
    assert [c["relationship_status"] for c in closeness["contacts"]] == ["supporter"]
