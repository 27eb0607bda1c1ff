"""Who knows whom: which of our people know a contact (closest first) and the customer people a
user knows, each with the last activity the two took part in."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_activity, new_contact
from tests.factories import bearer, current
from tests.relationships.builders import acquaintance


@pytest.fixture
def met(client, acme):
    """李四 knows 张总 (4) and 李财 (5); 管理员 knows 张总 (4); 王总 knows 张总 (2).
    李四 met 张总 on 2026-01-05 and 2026-03-02 and 李财 on 2026-04-01; 王总 owns a visit to
    张总 on 2026-05-01; a meeting of 李四 with 张总 on 2026-06-01 was deleted."""
    token = acme.tokens["owner"]
    sales, admin, owner = (acme.member(r).user_id for r in ("sales", "admin", "owner"))
    account = new_account(client, token, "华为")["id"]
    boss = new_contact(client, token, account, "张总")["id"]
    cfo = new_contact(client, token, account, "李财")["id"]
    edges = {
        "sales_boss": acquaintance(client, token, sales, boss, 4)["id"],
        "admin_boss": acquaintance(client, token, admin, boss, 4, kind="former_colleague")["id"],
        "owner_boss": acquaintance(client, token, owner, boss, 2)["id"],
        "sales_cfo": acquaintance(client, token, sales, cfo, 5, kind="classmate")["id"],
    }

    def met_at(when, contacts, users, **fields):
        return new_activity(
            client,
            token,
            account,
            "会面",
            when,
            participant_contact_ids=contacts,
            participant_user_ids=users,
            **fields,
        )["id"]

    met_at("2026-01-05T09:00:00+08:00", [boss], [sales])
    met_at("2026-03-02T10:00:00+08:00", [boss], [sales])
    met_at("2026-04-01T09:00:00+08:00", [cfo], [sales])
    met_at("2026-05-01T15:30:00+08:00", [], [], contact_id=boss)
    deleted = met_at("2026-06-01T09:00:00+08:00", [boss], [sales])
    gone = client.delete(
        f"/api/v1/activities/{deleted}",
        headers=current(client, f"/api/v1/activities/{deleted}", bearer(token)),
    )
    assert gone.status_code == 204, gone.text
    return {"boss": boss, "cfo": cfo, **edges}


def _known(response):
    assert response.status_code == 200, response.text
    return [
        (e["id"], e["user_id"], e["contact_id"], e["closeness"], e["kind"], e["last_interaction"])
        for e in response.json()
    ]


def test_the_people_who_know_a_contact_closest_first_with_their_last_meeting(client, acme, met):
    sales, admin, owner = (acme.member(r).user_id for r in ("sales", "admin", "owner"))
    boss = met["boss"]

    known = _known(
        client.get(f"/api/v1/contacts/{boss}/known-by", headers=bearer(acme.tokens["viewer"]))
    )

    assert known == [
        (met["sales_boss"], sales, boss, 4, "business", "2026-03-02T02:00:00Z"),
        (met["admin_boss"], admin, boss, 4, "former_colleague", None),
        (met["owner_boss"], owner, boss, 2, "business", "2026-05-01T07:30:00Z"),
    ]


def test_the_people_a_user_knows_closest_first_with_their_last_meeting(client, acme, met):
    sales = acme.sales.user_id
    viewer = bearer(acme.tokens["viewer"])

    known = _known(client.get(f"/api/v1/users/{sales}/acquaintances", headers=viewer))
    nobody = _known(
        client.get(f"/api/v1/users/{acme.viewer.user_id}/acquaintances", headers=viewer)
    )
    stranger = client.get(f"/api/v1/users/{acme.stranger.user_id}/acquaintances", headers=viewer)

    assert known == [
        (met["sales_cfo"], sales, met["cfo"], 5, "classmate", "2026-04-01T01:00:00Z"),
        (met["sales_boss"], sales, met["boss"], 4, "business", "2026-03-02T02:00:00Z"),
    ]
    assert nobody == []
    assert stranger.status_code == 404


def test_the_owner_of_an_activity_met_its_participant_contacts(client, acme, met):
    token = acme.tokens["owner"]
    owner = acme.owner.user_id
    cfo = met["cfo"]
    owner_cfo = acquaintance(client, token, owner, cfo, 3)["id"]
    account = client.get(f"/api/v1/contacts/{cfo}", headers=bearer(token)).json()["account_id"]
    new_activity(
        client, token, account, "饭局", "2026-07-01T19:00:00+08:00", participant_contact_ids=[cfo]
    )

    known = _known(client.get(f"/api/v1/contacts/{cfo}/known-by", headers=bearer(token)))

    assert [k for k in known if k[0] == owner_cfo] == [
        (owner_cfo, owner, cfo, 3, "business", "2026-07-01T11:00:00Z")
    ]
