"""The analyses' service functions called directly: an account's closeness by the formula, and
the ways in from our people to a customer person."""

from __future__ import annotations

import pytest

from pcrm.core.errors import NotFound
from pcrm.identity.public import operator_principal
from pcrm.relationships.closeness import service
from tests.accounts.builders import new_account, new_contact
from tests.relationships.builders import acquaintance, influence, profile


@pytest.fixture
def huawei(client, acme):
    """华为: 张总 (key), a supporter our salesperson knows at 3; 李财 (important), reporting to
    张总, whom none of us knows yet; 王工, a normal contact the analysis leaves out."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")
    boss = new_contact(client, token, account["id"], "张总", importance="key")["id"]
    cfo = new_contact(
        client, token, account["id"], "李财", importance="important", reports_to_id=boss
    )["id"]
    new_contact(client, token, account["id"], "王工")
    profile(client, token, boss, relationship_status="supporter")
    acquaintance(client, token, acme.sales.user_id, boss, 3)
    return {"account": account["id"], "boss": boss, "cfo": cfo}


def test_closeness_scores_the_key_and_important_people_by_the_formula(uow, acme, huawei):
    with uow() as db:
        result = service.closeness(
            db, operator_principal(db, "acme", "viewer@acme.example"), huawei["account"], "en"
        )

    # 张总: reached at 3 (40) + supporter (30) + no recent contact (0) + no closer rival (10) =
    # 80, counted twice as key; 李财: nobody (0) + unknown (7.5) + 0 + 10 = 17.5.
    assert result.score == round((80 * 2 + 17.5) / 3) == 59
    assert [
        (c.contact_id, c.our_best, c.our_best_user_id, c.relationship_status, c.points)
        for c in result.contacts
    ] == [  # by pinyin name
        (huawei["cfo"], 0, None, "unknown", 17.5),
        (huawei["boss"], 3, acme.sales.user_id, "supporter", 80.0),
    ]
    assert [(w.contact_id, [r.text for r in w.reasons]) for w in result.weak_spots] == [
        (huawei["boss"], ["No contact in the last 90 days"]),
        (
            huawei["cfo"],
            [
                "None of us knows them",
                "Not a supporter (Unknown)",
                "No contact in the last 90 days",
            ],
        ),
    ]


def test_the_way_in_goes_through_the_people_who_sway_the_target(client, uow, acme, huawei):
    token = acme.tokens["owner"]
    acquaintance(client, token, acme.owner.user_id, huawei["cfo"], 5)
    influence(client, token, huawei["cfo"], huawei["boss"], 4)

    with uow() as db:
        paths = service.paths_to(
            db, operator_principal(db, "acme", "viewer@acme.example"), huawei["boss"], "fewest"
        )

    owner, sales = acme.owner.user_id, acme.sales.user_id
    boss, cfo = f"c{huawei['boss']}", f"c{huawei['cfo']}"
    assert [
        (p.user_id, p.hops, p.score, [(s.source, s.target, s.kind, s.strength) for s in p.steps])
        for p in paths
    ] == [
        (sales, 1, 0.6, [(f"u{sales}", boss, "acquaintance", 3)]),
        (
            owner,
            2,
            0.8,
            [(f"u{owner}", cfo, "acquaintance", 5), (cfo, boss, "influence", 4)],
        ),
    ]
    assert [s.target_label for s in paths[1].steps] == ["李财", "张总"]


def test_there_is_no_way_to_another_workspaces_contact(client, uow, acme):
    stranger = acme.tokens["stranger"]
    theirs = new_account(client, stranger, "外部单位")
    contact = new_contact(client, stranger, theirs["id"], "外人")["id"]

    with uow() as db, pytest.raises(NotFound):
        service.paths_to(db, operator_principal(db, "acme", "owner@acme.example"), contact)
