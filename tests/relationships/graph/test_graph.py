"""The account's relationship graph (nodes and edges) and contact profiles over time."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer, current
from tests.relationships.builders import (
    acquaintance,
    audit_trail,
    competitor,
    dotted_line,
    influence,
    profile,
    row_counts,
    tie,
)


@pytest.fixture
def huawei(client, acme):
    """华为: 张总 (key) ← 李财 (important) ← 王工, and 赵秘 reporting to 张总; 王工 has a dotted
    line to 张总; 德勤's 顾问 influences 张总; our 王总 and 李四 know people; 竞品甲 is close to
    张总. 赵秘 is linked every way too (an influence, a dotted line, our admin, 竞品乙)."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    consultancy = new_account(client, token, "德勤咨询")
    boss = new_contact(client, token, account["id"], "张总", importance="key", title="总经理")
    cfo = new_contact(
        client, token, account["id"], "李财", importance="important", reports_to_id=boss["id"]
    )
    clerk = new_contact(client, token, account["id"], "王工", reports_to_id=cfo["id"])
    secretary = new_contact(client, token, account["id"], "赵秘", reports_to_id=boss["id"])
    consultant = new_contact(client, token, consultancy["id"], "顾问")
    c = {
        "boss": boss["id"],
        "cfo": cfo["id"],
        "clerk": clerk["id"],
        "secretary": secretary["id"],
        "consultant": consultant["id"],
    }
    rival = competitor(client, token, "竞品甲")["id"]
    second_rival = competitor(client, token, "竞品乙")["id"]
    profile(client, token, c["boss"], relationship_status="supporter")
    profile(client, token, c["cfo"], relationship_status="opponent")
    return {
        "account": account["id"],
        "consultancy": consultancy["id"],
        "contacts": c,
        "rival": rival,
        "second_rival": second_rival,
        "dotted": dotted_line(client, token, c["clerk"], c["boss"])["id"],
        "consulting": influence(client, token, c["consultant"], c["boss"], 4)["id"],
        "pushes": influence(client, token, c["cfo"], c["clerk"], 2)["id"],
        "sales_knows": acquaintance(client, token, acme.sales.user_id, c["cfo"], 3)["id"],
        "owner_knows": acquaintance(client, token, acme.owner.user_id, c["boss"], 2)["id"],
        "rival_tie": tie(client, token, rival, c["boss"], 4)["id"],
        "secretary_sways": influence(client, token, c["secretary"], c["cfo"], 5)["id"],
        "secretary_dotted": dotted_line(client, token, c["secretary"], c["cfo"])["id"],
        "admin_knows": acquaintance(client, token, acme.admin.user_id, c["secretary"], 5)["id"],
        "second_tie": tie(client, token, second_rival, c["secretary"], 3)["id"],
    }


def _graph(client, token, account_id, **params):
    response = client.get(
        f"/api/v1/accounts/{account_id}/relationship-graph",
        params=params,
        headers={**bearer(token), "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    nodes = sorted(body["nodes"], key=lambda n: n["id"])
    edges = sorted(
        (e["kind"], e["source"], e["target"], e["strength"], e["record_id"]) for e in body["edges"]
    )
    return body["account_id"], nodes, edges


def _node(kind, record_id, label, **fields):
    prefix = {"contact": "c", "external_contact": "c", "user": "u", "competitor": "k"}[kind]
    return {
        "id": f"{prefix}{record_id}",
        "kind": kind,
        "record_id": record_id,
        "label": label,
        "detail": "",
        "importance": None,
        "relationship_status": None,
        "account_id": None,
        "version": 1 if kind == "contact" else None,  # a contact's, for moving it (If-Match)
        **fields,
    }


def test_the_graph_has_the_accounts_people_every_link_and_who_is_around_them(client, acme, huawei):
    h, c = huawei, huawei["contacts"]
    account, other = h["account"], h["consultancy"]
    sales, owner, admin = acme.sales.user_id, acme.owner.user_id, acme.admin.user_id

    account_id, nodes, edges = _graph(client, acme.tokens["viewer"], account)

    people = {
        "boss": ("张总", "总经理", "key", "supporter"),
        "cfo": ("李财", "", "important", "opponent"),
        "clerk": ("王工", "", "normal", "unknown"),
        "secretary": ("赵秘", "", "normal", "unknown"),
    }
    assert account_id == account
    assert nodes == sorted(
        [
            *(
                _node(
                    "contact",
                    c[key],
                    label,
                    detail=detail,
                    importance=importance,
                    relationship_status=status,
                    account_id=account,
                )
                for key, (label, detail, importance, status) in people.items()
            ),
            _node(
                "external_contact",
                c["consultant"],
                "顾问",
                detail="德勤咨询",
                importance="normal",
                account_id=other,
            ),
            _node("user", sales, "李四"),
            _node("user", owner, "王总"),
            _node("user", admin, "管理员"),
            _node("competitor", h["rival"], "竞品甲"),
            _node("competitor", h["second_rival"], "竞品乙"),
        ],
        key=lambda n: n["id"],
    )
    assert edges == sorted(
        [
            ("reports_to", f"c{c['cfo']}", f"c{c['boss']}", None, None),
            ("reports_to", f"c{c['clerk']}", f"c{c['cfo']}", None, None),
            ("reports_to", f"c{c['secretary']}", f"c{c['boss']}", None, None),
            ("dotted_line", f"c{c['clerk']}", f"c{c['boss']}", None, h["dotted"]),
            ("dotted_line", f"c{c['secretary']}", f"c{c['cfo']}", None, h["secretary_dotted"]),
            ("influence", f"c{c['consultant']}", f"c{c['boss']}", 4, h["consulting"]),
            ("influence", f"c{c['cfo']}", f"c{c['clerk']}", 2, h["pushes"]),
            ("influence", f"c{c['secretary']}", f"c{c['cfo']}", 5, h["secretary_sways"]),
            ("acquaintance", f"u{sales}", f"c{c['cfo']}", 3, h["sales_knows"]),
            ("acquaintance", f"u{owner}", f"c{c['boss']}", 2, h["owner_knows"]),
            ("acquaintance", f"u{admin}", f"c{c['secretary']}", 5, h["admin_knows"]),
            ("competitor_tie", f"k{h['rival']}", f"c{c['boss']}", 4, h["rival_tie"]),
            ("competitor_tie", f"k{h['second_rival']}", f"c{c['secretary']}", 3, h["second_tie"]),
        ]
    )


def test_kinds_filter_the_edges_and_the_nodes_they_bring(client, acme, huawei):
    h, c = huawei, huawei["contacts"]
    token = acme.tokens["viewer"]
    account_contacts = sorted(f"c{c[k]}" for k in ("boss", "cfo", "clerk", "secretary"))

    _a, influence_nodes, influence_edges = _graph(client, token, h["account"], kinds="influence")
    _a, org_nodes, org_edges = _graph(
        client, token, h["account"], kinds=["reports_to", "competitor_tie"]
    )
    unknown = client.get(
        f"/api/v1/accounts/{h['account']}/relationship-graph",
        params={"kinds": "friendship"},
        headers=bearer(token),
    )

    assert [n["id"] for n in influence_nodes] == sorted([*account_contacts, f"c{c['consultant']}"])
    assert influence_edges == sorted(
        [
            ("influence", f"c{c['consultant']}", f"c{c['boss']}", 4, h["consulting"]),
            ("influence", f"c{c['cfo']}", f"c{c['clerk']}", 2, h["pushes"]),
            ("influence", f"c{c['secretary']}", f"c{c['cfo']}", 5, h["secretary_sways"]),
        ]
    )
    assert [n["id"] for n in org_nodes] == sorted(
        [*account_contacts, f"k{h['rival']}", f"k{h['second_rival']}"]
    )
    assert [(kind, source, target) for kind, source, target, _s, _r in org_edges] == sorted(
        [
            ("reports_to", f"c{c['cfo']}", f"c{c['boss']}"),
            ("reports_to", f"c{c['clerk']}", f"c{c['cfo']}"),
            ("reports_to", f"c{c['secretary']}", f"c{c['boss']}"),
            ("competitor_tie", f"k{h['rival']}", f"c{c['boss']}"),
            ("competitor_tie", f"k{h['second_rival']}", f"c{c['secretary']}"),
        ]
    )
    assert (unknown.status_code, [e["field"] for e in unknown.json()["errors"]]) == (
        422,
        ["kinds.0"],
    )


def test_an_archived_contact_leaves_the_graph_but_its_edges_and_their_history_stay(
    client, acme, uow, huawei
):
    h, c = huawei, huawei["contacts"]
    token = acme.tokens["owner"]
    before = row_counts(uow)

    archived = client.post(
        f"/api/v1/contacts/{c['secretary']}/archive",
        headers=current(client, f"/api/v1/contacts/{c['secretary']}", bearer(token)),
    )
    _a, nodes, edges = _graph(client, token, h["account"])

    assert archived.status_code == 200
    assert [n["id"] for n in nodes] == sorted(
        [
            f"c{c['boss']}",
            f"c{c['cfo']}",
            f"c{c['clerk']}",
            f"c{c['consultant']}",
            f"u{acme.sales.user_id}",
            f"u{acme.owner.user_id}",
            f"k{h['rival']}",
        ]
    )
    assert edges == sorted(
        [
            ("reports_to", f"c{c['cfo']}", f"c{c['boss']}", None, None),
            ("reports_to", f"c{c['clerk']}", f"c{c['cfo']}", None, None),
            ("dotted_line", f"c{c['clerk']}", f"c{c['boss']}", None, h["dotted"]),
            ("influence", f"c{c['consultant']}", f"c{c['boss']}", 4, h["consulting"]),
            ("influence", f"c{c['cfo']}", f"c{c['clerk']}", 2, h["pushes"]),
            ("acquaintance", f"u{acme.sales.user_id}", f"c{c['cfo']}", 3, h["sales_knows"]),
            ("acquaintance", f"u{acme.owner.user_id}", f"c{c['boss']}", 2, h["owner_knows"]),
            ("competitor_tie", f"k{h['rival']}", f"c{c['boss']}", 4, h["rival_tie"]),
        ]
    )
    after = row_counts(uow)
    assert {k: after[k] - before[k] for k in after} == {
        "influences": 0,
        "dotted_lines": 0,
        "acquaintances": 0,
        "competitor_ties": 0,
        "competitors": 0,
        "profile_entries": 0,
        "contacts": 0,
        "audit_entries": 1,  # the contact's archiving
    }
    assert audit_trail(client, token, "influence", h["secretary_sways"]) == [
        (
            "create",
            {
                "from_contact_id": [None, c["secretary"]],
                "to_contact_id": [None, c["cfo"]],
                "strength": [None, 5],
            },
        )
    ]
