"""Bad input to the relationships API: each request is a 422 naming the field, and nothing is
written (rows of every relationships table, of contacts and of the audit trail are counted
before and after)."""

from __future__ import annotations

import pytest

from pcrm.accounts.contacts.models import Contact
from tests.accounts.builders import fields_of, new_account, new_contact
from tests.factories import bearer, current
from tests.relationships.builders import (
    acquaintance,
    competitor,
    dotted_line,
    influence,
    row_counts,
    stored,
    tie,
)


def _send(client, token, method, url, body):
    response = client.request(method, url, json=body, headers=bearer(token) | {"If-Match": "*"})
    if response.status_code != 422:
        return response.status_code, response.text
    return 422, fields_of(response)


@pytest.fixture
def world(client, acme):
    """Acme's account with two contacts linked every way, an archived contact, a competitor;
    the stranger's workspace with a contact and a competitor of its own."""
    token = acme.tokens["owner"]
    stranger = acme.tokens["stranger"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "张总")["id"]
    cfo = new_contact(client, token, account["id"], "李财")["id"]
    gone = new_contact(client, token, account["id"], "已离职")["id"]
    archived = client.post(
        f"/api/v1/contacts/{gone}/archive",
        headers=current(client, f"/api/v1/contacts/{gone}", bearer(token)),
    )
    assert archived.status_code == 200, archived.text
    rival = competitor(client, token, "竞品甲")["id"]
    competitor(client, token, "竞品乙")
    theirs = new_account(client, stranger, "外部单位")
    return {
        "boss": boss,
        "cfo": cfo,
        "gone": gone,
        "rival": rival,
        "influence": influence(client, token, boss, cfo, 3)["id"],
        "dotted": dotted_line(client, token, cfo, boss)["id"],
        "acquaintance": acquaintance(client, token, acme.sales.user_id, boss, 3)["id"],
        "tie": tie(client, token, rival, boss, 4)["id"],
        "their_contact": new_contact(client, stranger, theirs["id"], "外人")["id"],
        "their_rival": competitor(client, stranger, "外部竞品")["id"],
    }


def test_bad_edge_input_is_a_422_naming_the_field_and_writes_nothing(client, acme, uow, world):
    token = acme.tokens["owner"]
    w = world
    sales = acme.sales.user_id
    admin = acme.admin.user_id
    stranger = acme.stranger.user_id

    def inf(**body):
        return ("POST", "/api/v1/influences", {"from_contact_id": w["cfo"], **body})

    def line(**body):
        return ("POST", "/api/v1/dotted-lines", {"contact_id": w["boss"], **body})

    def known(**body):
        return ("POST", "/api/v1/acquaintances", {"user_id": admin, **body})

    def rival_tie(**body):
        return ("POST", "/api/v1/competitor-ties", {"competitor_id": w["rival"], **body})

    cases = {
        "influence on oneself": inf(to_contact_id=w["cfo"], strength=3),
        "dotted line to oneself": line(manager_id=w["boss"]),
        "duplicate influence": inf(from_contact_id=w["boss"], to_contact_id=w["cfo"], strength=2),
        "duplicate dotted line": line(contact_id=w["cfo"], manager_id=w["boss"]),
        "duplicate acquaintance": known(user_id=sales, contact_id=w["boss"], closeness=2),
        "duplicate tie": rival_tie(contact_id=w["boss"], closeness=2),
        "strength 0": inf(to_contact_id=w["boss"], strength=0),
        "strength 6": inf(to_contact_id=w["boss"], strength=6),
        "missing strength": inf(to_contact_id=w["boss"]),
        "closeness 0": known(contact_id=w["cfo"], closeness=0),
        "closeness 6": known(contact_id=w["cfo"], closeness=6),
        "tie closeness 0": rival_tie(contact_id=w["cfo"], closeness=0),
        "tie closeness 6": rival_tie(contact_id=w["cfo"], closeness=6),
        "strength 6 by update": ("PATCH", f"/api/v1/influences/{w['influence']}", {"strength": 6}),
        "closeness 0 by update": (
            "PATCH",
            f"/api/v1/acquaintances/{w['acquaintance']}",
            {"closeness": 0},
        ),
        "tie closeness 6 by update": (
            "PATCH",
            f"/api/v1/competitor-ties/{w['tie']}",
            {"closeness": 6},
        ),
        "influence to another workspace": inf(to_contact_id=w["their_contact"], strength=3),
        "influence from another workspace": inf(
            from_contact_id=w["their_contact"], to_contact_id=w["boss"], strength=3
        ),
        "influence to a missing contact": inf(to_contact_id=999_999, strength=3),
        "dotted line to another workspace": line(manager_id=w["their_contact"]),
        "acquaintance with another workspace's contact": known(
            contact_id=w["their_contact"], closeness=3
        ),
        "acquaintance of another workspace's user": known(
            user_id=stranger, contact_id=w["cfo"], closeness=3
        ),
        "tie with another workspace's contact": rival_tie(
            contact_id=w["their_contact"], closeness=3
        ),
        "tie of another workspace's competitor": rival_tie(
            competitor_id=w["their_rival"], contact_id=w["cfo"], closeness=3
        ),
        "influence to an archived contact": inf(to_contact_id=w["gone"], strength=3),
        "dotted line to an archived contact": line(manager_id=w["gone"]),
        "acquaintance with an archived contact": known(contact_id=w["gone"], closeness=3),
        "tie with an archived contact": rival_tie(contact_id=w["gone"], closeness=3),
        "profile of an archived contact": (
            "POST",
            f"/api/v1/contacts/{w['gone']}/profile",
            {"relationship_status": "supporter"},
        ),
        "unknown acquaintance kind": known(contact_id=w["cfo"], closeness=3, kind="neighbour"),
        "unknown kind by update": (
            "PATCH",
            f"/api/v1/acquaintances/{w['acquaintance']}",
            {"kind": "neighbour"},
        ),
        "unknown relationship status": (
            "POST",
            f"/api/v1/contacts/{w['cfo']}/profile",
            {"relationship_status": "fan"},
        ),
        "unknown interaction level": (
            "POST",
            f"/api/v1/contacts/{w['cfo']}/profile",
            {"interaction_level": "daily"},
        ),
        "unknown behaviour": (
            "POST",
            f"/api/v1/contacts/{w['cfo']}/profile",
            {"behaviour": "greedy"},
        ),
        "duplicate competitor name": ("POST", "/api/v1/competitors", {"name": " 竞品甲 "}),
        "blank competitor name": ("POST", "/api/v1/competitors", {"name": "  "}),
        "competitor renamed to a taken name": (
            "PUT",
            f"/api/v1/competitors/{w['rival']}",
            {"name": "竞品乙"},
        ),
        "unknown field on influence": inf(to_contact_id=w["boss"], strength=3, weight=3),
        "unknown field on influence update": (
            "PATCH",
            f"/api/v1/influences/{w['influence']}",
            {"from_contact_id": w["cfo"]},
        ),
        "unknown field on dotted line": line(manager_id=w["cfo"], strength=3),
        "unknown field on acquaintance": known(contact_id=w["cfo"], closeness=3, secret=True),
        "unknown field on tie": rival_tie(contact_id=w["cfo"], closeness=3, price=1),
        "unknown field on competitor": ("POST", "/api/v1/competitors", {"name": "丙", "x": 1}),
        "unknown field on profile": (
            "POST",
            f"/api/v1/contacts/{w['cfo']}/profile",
            {"mood": "happy"},
        ),
    }
    before = row_counts(uow)

    results = {case: _send(client, token, *request) for case, request in cases.items()}

    assert results == {
        "influence on oneself": (422, ["to_contact_id"]),
        "dotted line to oneself": (422, ["manager_id"]),
        "duplicate influence": (422, ["to_contact_id"]),
        "duplicate dotted line": (422, ["manager_id"]),
        "duplicate acquaintance": (422, ["contact_id"]),
        "duplicate tie": (422, ["contact_id"]),
        "strength 0": (422, ["strength"]),
        "strength 6": (422, ["strength"]),
        "missing strength": (422, ["strength"]),
        "closeness 0": (422, ["closeness"]),
        "closeness 6": (422, ["closeness"]),
        "tie closeness 0": (422, ["closeness"]),
        "tie closeness 6": (422, ["closeness"]),
        "strength 6 by update": (422, ["strength"]),
        "closeness 0 by update": (422, ["closeness"]),
        "tie closeness 6 by update": (422, ["closeness"]),
        "influence to another workspace": (422, ["to_contact_id"]),
        "influence from another workspace": (422, ["from_contact_id"]),
        "influence to a missing contact": (422, ["to_contact_id"]),
        "dotted line to another workspace": (422, ["manager_id"]),
        "acquaintance with another workspace's contact": (422, ["contact_id"]),
        "acquaintance of another workspace's user": (422, ["user_id"]),
        "tie with another workspace's contact": (422, ["contact_id"]),
        "tie of another workspace's competitor": (422, ["competitor_id"]),
        "influence to an archived contact": (422, ["to_contact_id"]),
        "dotted line to an archived contact": (422, ["manager_id"]),
        "acquaintance with an archived contact": (422, ["contact_id"]),
        "tie with an archived contact": (422, ["contact_id"]),
        "profile of an archived contact": (422, ["contact_id"]),
        "unknown acquaintance kind": (422, ["kind"]),
        "unknown kind by update": (422, ["kind"]),
        "unknown relationship status": (422, ["relationship_status"]),
        "unknown interaction level": (422, ["interaction_level"]),
        "unknown behaviour": (422, ["behaviour"]),
        "duplicate competitor name": (422, ["name"]),
        "blank competitor name": (422, ["name"]),
        "competitor renamed to a taken name": (422, ["name"]),
        "unknown field on influence": (422, ["weight"]),
        "unknown field on influence update": (422, ["from_contact_id"]),
        "unknown field on dotted line": (422, ["strength"]),
        "unknown field on acquaintance": (422, ["secret"]),
        "unknown field on tie": (422, ["price"]),
        "unknown field on competitor": (422, ["x"]),
        "unknown field on profile": (422, ["mood"]),
    }
    assert row_counts(uow) == before


def test_the_messages_of_refused_edges_say_why(client, acme, world):
    token = acme.tokens["owner"]
    w = world
    requests = {
        "self": {"from_contact_id": w["cfo"], "to_contact_id": w["cfo"], "strength": 3},
        "duplicate": {"from_contact_id": w["boss"], "to_contact_id": w["cfo"], "strength": 3},
        "other workspace": {
            "from_contact_id": w["cfo"],
            "to_contact_id": w["their_contact"],
            "strength": 3,
        },
        "strength": {"from_contact_id": w["cfo"], "to_contact_id": w["boss"], "strength": 9},
    }

    errors = {
        case: client.post("/api/v1/influences", json=body, headers=bearer(token)).json()["errors"]
        for case, body in requests.items()
    }

    assert errors == {
        "self": [
            {
                "field": "to_contact_id",
                "message": "A relationship needs two different people.",
                "type": "value_error",
            }
        ],
        "duplicate": [
            {
                "field": "to_contact_id",
                "message": "This relationship is already recorded.",
                "type": "unique",
            }
        ],
        "other workspace": [
            {
                "field": "to_contact_id",
                "message": "Choose a contact of this workspace.",
                "type": "value_error",
            }
        ],
        "strength": [
            {
                "field": "strength",
                "message": "The value is too large.",
                "type": "less_than_equal",
            }
        ],
    }


def test_an_unknown_field_on_reports_to_is_a_422_that_changes_nothing(client, acme, uow, world):
    before = row_counts(uow)
    contact_before = stored(uow, Contact, world["cfo"])

    response = client.put(
        f"/api/v1/contacts/{world['cfo']}/reports-to",
        json={"manager_id": world["boss"], "force": True},
        headers=bearer(acme.tokens["owner"]) | {"If-Match": "*"},
    )

    assert (response.status_code, response.json().get("errors")) == (
        422,
        [
            {
                "field": "force",
                "message": "This field is not allowed.",
                "type": "extra_forbidden",
            }
        ],
    )
    assert row_counts(uow) == before
    assert stored(uow, Contact, world["cfo"]) == contact_before


@pytest.fixture
def chain(client, acme):
    """华为's 张总 ← 李财 ← 王工 (each reports to the one before), 华为's sister company's
    陈总, and the stranger's 外人."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    sister = new_account(client, token, "荣耀")
    boss = new_contact(client, token, account["id"], "张总")["id"]
    cfo = new_contact(client, token, account["id"], "李财", reports_to_id=boss)["id"]
    clerk = new_contact(client, token, account["id"], "王工", reports_to_id=cfo)["id"]
    theirs = new_account(client, acme.tokens["stranger"], "外部单位")
    return {
        "boss": boss,
        "cfo": cfo,
        "clerk": clerk,
        "sister": new_contact(client, token, sister["id"], "陈总")["id"],
        "their_contact": new_contact(client, acme.tokens["stranger"], theirs["id"], "外人")["id"],
    }


def test_a_refused_reports_to_is_a_422_that_changes_nothing(client, acme, uow, chain):
    token = acme.tokens["owner"]
    cases = {
        "cycle of three": (chain["boss"], chain["clerk"]),
        "cycle of two": (chain["cfo"], chain["clerk"]),
        "oneself": (chain["cfo"], chain["cfo"]),
        "another account": (chain["clerk"], chain["sister"]),
        "another workspace": (chain["clerk"], chain["their_contact"]),
        "missing": (chain["clerk"], 999_999),
    }
    before = row_counts(uow)
    contacts_before = {n: stored(uow, Contact, chain[n]) for n in ("boss", "cfo", "clerk")}

    answers = {}
    for case, (contact, manager) in cases.items():
        response = client.put(
            f"/api/v1/contacts/{contact}/reports-to",
            json={"manager_id": manager},
            headers=bearer(token) | {"If-Match": "*"},
        )
        answers[case] = (response.status_code, [e["message"] for e in response.json()["errors"]])

    cycle = "This would make a reporting cycle: the contact is above that person."
    assert answers == {
        "cycle of three": (422, [cycle]),
        "cycle of two": (422, [cycle]),
        "oneself": (422, ["A contact cannot report to themselves."]),
        "another account": (422, ["Choose a contact of the same account."]),
        "another workspace": (422, ["Choose a contact of this workspace."]),
        "missing": (422, ["Choose a contact of this workspace."]),
    }
    assert row_counts(uow) == before
    assert {n: stored(uow, Contact, chain[n]) for n in ("boss", "cfo", "clerk")} == contacts_before


def test_a_refused_reports_to_names_the_field_of_the_request(client, acme, chain):
    response = client.put(
        f"/api/v1/contacts/{chain['boss']}/reports-to",
        json={"manager_id": chain["clerk"]},
        headers=bearer(acme.tokens["owner"]) | {"If-Match": "*"},
    )

    assert (response.status_code, fields_of(response)) == (422, ["manager_id"])


def test_moving_a_contact_in_the_org_chart_reparents_and_is_audited(client, acme, chain):
    token = acme.tokens["owner"]

    moved = client.put(
        f"/api/v1/contacts/{chain['clerk']}/reports-to",
        json={"manager_id": chain["boss"]},
        headers=bearer(token) | {"If-Match": "*"},
    )
    detached = client.put(
        f"/api/v1/contacts/{chain['cfo']}/reports-to",
        json={"manager_id": None},
        headers=bearer(token) | {"If-Match": "*"},
    )
    history = client.get(
        "/api/v1/audit-entries",
        params={"entity_type": "contact", "entity_id": chain["clerk"]},
        headers=bearer(token),
    ).json()["items"]

    assert (moved.status_code, moved.json()["reports_to_id"], moved.json()["version"]) == (
        200,
        chain["boss"],
        2,
    )
    assert (detached.status_code, detached.json()["reports_to_id"]) == (200, None)
    assert (history[0]["action"], history[0]["changes"]) == (
        "update",
        {"reports_to_id": [chain["cfo"], chain["boss"]]},
    )


def test_a_move_in_the_org_chart_needs_the_contacts_current_version(client, acme, uow, chain):
    owner = bearer(acme.tokens["owner"])
    url = f"/api/v1/contacts/{chain['clerk']}/reports-to"
    read = current(client, f"/api/v1/contacts/{chain['clerk']}", owner)
    before = stored(uow, Contact, chain["clerk"])

    # a client that read no version, and one that read an older one, move nobody
    unnamed = client.put(url, json={"manager_id": chain["boss"]}, headers=owner)
    client.patch(
        f"/api/v1/contacts/{chain['clerk']}", json={"title": "工程师"}, headers=read
    ).raise_for_status()
    edited = stored(uow, Contact, chain["clerk"])
    stale = client.put(url, json={"manager_id": chain["boss"]}, headers=read)
    assert (unnamed.status_code, stale.status_code) == (428, 412)
    assert edited["reports_to_id"] == before["reports_to_id"] == chain["cfo"]
    assert stored(uow, Contact, chain["clerk"]) == edited

    # the org chart's graph gives each contact's version, which moves it
    account_id = client.get(f"/api/v1/contacts/{chain['clerk']}", headers=owner).json()[
        "account_id"
    ]
    graph = client.get(f"/api/v1/accounts/{account_id}/relationship-graph", headers=owner).json()
    version = next(n["version"] for n in graph["nodes"] if n["id"] == f"c{chain['clerk']}")
    moved = client.put(
        url, json={"manager_id": chain["boss"]}, headers=owner | {"If-Match": f'"v{version}"'}
    )
    assert (moved.status_code, moved.json()["reports_to_id"]) == (200, chain["boss"])
    assert moved.headers["ETag"] == f'"v{moved.json()["version"]}"'
