"""Path to a person: from our people through who knows whom, influence and the org chart to a
customer person, at most 4 links, ranked by strength or by the number of links."""

from __future__ import annotations

import pytest

from tests.accounts.builders import new_account, new_contact, problem_without_instance
from tests.factories import bearer, current
from tests.relationships.builders import acquaintance, influence


def _paths(client, token, contact_id, **params):
    response = client.get(
        f"/api/v1/contacts/{contact_id}/paths",
        params=params,
        headers={**bearer(token), "Accept-Language": "en"},
    )
    assert response.status_code == 200, response.text
    return response.json()


def _step(source, target, kind, strength, source_label, target_label):
    return {
        "source": source,
        "target": target,
        "kind": kind,
        "strength": strength,
        "source_label": source_label,
        "target_label": target_label,
    }


@pytest.fixture
def cfo(client, acme):
    """Three ways to 华为's CFO 李财: 王总 knows him at 2 (1 link, 0.4); 李四 knows 德勤's 顾问
    at 5, who influences him at 5 (2 links, 1.0); 管理员 knows his boss 张总 at 4, and a
    reporting line counts 4 (2 links, 0.8 · 0.8 = 0.64)."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    consultancy = new_account(client, token, "德勤咨询")["id"]
    boss = new_contact(client, token, account, "张总")["id"]
    cfo = new_contact(client, token, account, "李财", reports_to_id=boss)["id"]
    consultant = new_contact(client, token, consultancy, "顾问")["id"]
    influence(client, token, consultant, cfo, 5)
    acquaintance(client, token, acme.owner.user_id, cfo, 2)
    acquaintance(client, token, acme.sales.user_id, consultant, 5)
    acquaintance(client, token, acme.admin.user_id, boss, 4)
    return {"boss": boss, "cfo": cfo, "consultant": consultant}


def _expected(acme, cfo):
    owner, sales, admin = (acme.member(r).user_id for r in ("owner", "sales", "admin"))
    c = cfo
    return {
        "direct": {
            "user_id": owner,
            "steps": [_step(f"u{owner}", f"c{c['cfo']}", "acquaintance", 2, "王总", "李财")],
            "hops": 1,
            "score": 0.4,
        },
        "via consultant": {
            "user_id": sales,
            "steps": [
                _step(f"u{sales}", f"c{c['consultant']}", "acquaintance", 5, "李四", "顾问"),
                _step(f"c{c['consultant']}", f"c{c['cfo']}", "influence", 5, "顾问", "李财"),
            ],
            "hops": 2,
            "score": 1.0,
        },
        "via boss": {
            "user_id": admin,
            "steps": [
                _step(f"u{admin}", f"c{c['boss']}", "acquaintance", 4, "管理员", "张总"),
                _step(f"c{c['boss']}", f"c{c['cfo']}", "reports_to", 4, "张总", "李财"),
            ],
            "hops": 2,
            "score": 0.64,
        },
    }


def test_strongest_ranks_by_the_product_of_strengths(client, acme, cfo):
    expected = _expected(acme, cfo)

    paths = _paths(client, acme.tokens["viewer"], cfo["cfo"], mode="strongest")

    assert paths == [expected["via consultant"], expected["via boss"], expected["direct"]]


def test_fewest_ranks_by_the_number_of_links_first(client, acme, cfo):
    expected = _expected(acme, cfo)

    paths = _paths(client, acme.tokens["viewer"], cfo["cfo"], mode="fewest")
    first = _paths(client, acme.tokens["viewer"], cfo["cfo"], mode="fewest", limit=1)

    assert paths == [expected["direct"], expected["via consultant"], expected["via boss"]]
    assert first == [expected["direct"]]


def test_a_path_of_four_links_is_found_and_one_of_five_is_not(client, acme):
    """王工 – a – b – c – d by influence at 5: 李四 knows c (4 links), 管理员 knows d (5)."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    target = new_contact(client, token, account, "王工")["id"]
    chain = [new_contact(client, token, account, name)["id"] for name in ("甲", "乙", "丙", "丁")]
    for near, far in zip([target, *chain], chain, strict=False):
        influence(client, token, near, far, 5)
    sales, admin = acme.sales.user_id, acme.admin.user_id
    acquaintance(client, token, sales, chain[2], 5)
    acquaintance(client, token, admin, chain[3], 5)

    paths = _paths(client, token, target)

    assert [(p["user_id"], p["hops"], p["score"]) for p in paths] == [(sales, 4, 1.0)]
    assert [(s["source"], s["target"], s["kind"]) for s in paths[0]["steps"]] == [
        (f"u{sales}", f"c{chain[2]}", "acquaintance"),
        (f"c{chain[2]}", f"c{chain[1]}", "influence"),
        (f"c{chain[1]}", f"c{chain[0]}", "influence"),
        (f"c{chain[0]}", f"c{target}", "influence"),
    ]


def test_nobody_reachable_is_an_empty_list(client, acme):
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    lonely = new_contact(client, token, account, "孤立")["id"]
    known = new_contact(client, token, account, "熟人")["id"]
    acquaintance(client, token, acme.sales.user_id, known, 5)

    assert _paths(client, token, lonely) == []


def test_a_contact_of_another_workspace_is_not_found(client, acme, cfo):
    stranger = bearer(acme.tokens["stranger"])

    theirs = client.get(f"/api/v1/contacts/{cfo['cfo']}/paths", headers=stranger)
    missing = client.get("/api/v1/contacts/999999/paths", headers=stranger)

    assert theirs.status_code == 404
    assert problem_without_instance(theirs.json()) == problem_without_instance(missing.json())


def test_fewest_gives_a_users_shortest_way_in(client, acme):
    """王总 knows 李财 himself, if only at 1; through 顾问 the way is stronger but longer."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    cfo = new_contact(client, token, account, "李财")["id"]
    consultant = new_contact(client, token, account, "顾问")["id"]
    owner = acme.owner.user_id
    acquaintance(client, token, owner, cfo, 1)
    acquaintance(client, token, owner, consultant, 5)
    influence(client, token, consultant, cfo, 5)

    strongest = _paths(client, token, cfo, mode="strongest")
    fewest = _paths(client, token, cfo, mode="fewest")

    assert [(p["hops"], p["score"]) for p in strongest] == [(2, 1.0)]
    assert fewest == [
        {
            "user_id": owner,
            "steps": [_step(f"u{owner}", f"c{cfo}", "acquaintance", 1, "王总", "李财")],
            "hops": 1,
            "score": 0.2,
        }
    ]


def test_every_path_is_at_most_four_links_and_scored_by_its_own_steps(client, acme):
    """T – X at 1, X – Y at 5, and 李四 knows Y: the only way in is 李四 → Y → X → T (0.2).
    X is reached again, more strongly, by T – A – B – X at 5 each, one round later."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    t, x, y, a, b = (
        new_contact(client, token, account, name)["id"] for name in ("T", "X", "Y", "A", "B")
    )
    influence(client, token, x, t, 1)
    influence(client, token, y, x, 5)
    influence(client, token, a, t, 5)
    influence(client, token, b, a, 5)
    influence(client, token, x, b, 5)
    sales = acme.sales.user_id
    acquaintance(client, token, sales, y, 5)

    paths = _paths(client, token, t)

    assert [(p["hops"], p["score"], [s["target"] for s in p["steps"]]) for p in paths] == [
        (3, 0.2, [f"c{y}", f"c{x}", f"c{t}"])
    ]


def test_a_path_does_not_go_through_an_archived_contact(client, acme):
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]
    cfo = new_contact(client, token, account, "李财")["id"]
    gone = new_contact(client, token, account, "已离职")["id"]
    influence(client, token, gone, cfo, 5)
    acquaintance(client, token, acme.sales.user_id, gone, 5)
    archived = client.post(
        f"/api/v1/contacts/{gone}/archive",
        headers=current(client, f"/api/v1/contacts/{gone}", bearer(token)),
    )

    paths = _paths(client, token, cfo)

    assert (archived.status_code, paths) == (200, [])
