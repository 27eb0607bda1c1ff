"""Closeness analysis (客户关系紧密度): a score computed by hand from service.FORMULA, the points
of each key or important contact, and the weak spots with their reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pcrm.relationships.closeness.service import FORMULA
from tests.accounts.builders import new_account, new_activity, new_contact
from tests.factories import bearer
from tests.relationships.builders import acquaintance, competitor, profile, tie

FORMULA_ZH = (
    "对每位关键或重要联系人（关键联系人计两倍权重）：我方有人紧密度达到 3 及以上得 40 分"
    "（2 得 20 分，1 得 10 分）；立场分 30 分乘以系数（支持者 1、中立 ½、未知 ¼、反对者 0）；"
    "最近 30 天内有接触得 20 分（90 天内得 10 分）；若没有竞争对手比我方最近的人更近，得 10 分。"
    "总分为加权平均，0 到 100。"
)


@pytest.fixture
def huawei(client, acme):
    """华为's people, each with the points the formula gives them:

    张总   key        supporter  李四 at 4, 竞品甲 at 5, never met   40 + 30 + 0 + 0   = 70
    李财   important  neutral    王总 at 2, no competitor, never met 20 + 15 + 0 + 10  = 45
    王工   important  (unknown)  nobody, never met                   0 + 7.5 + 0 + 10  = 17.5
    周工   key        neutral    管理员 at 3, 竞品乙 at 3, 60 days  40 + 15 + 10 + 10 = 75
    孙工   normal: not counted;  钱总 key but has left: not counted.

    Score: (70·2 + 45 + 17.5 + 75·2) / 6 = 352.5 / 6 = 58.75 → 59."""
    token = acme.tokens["owner"]
    account = new_account(client, token, "华为")["id"]

    def person(name, importance, **fields):
        return new_contact(client, token, account, name, importance=importance, **fields)["id"]

    c = {
        "zhang": person("张总", "key", title="总经理"),
        "li": person("李财", "important", title="财务总监"),
        "wang": person("王工", "important"),
        "zhou": person("周工", "key"),
        "sun": person("孙工", "normal"),
        "qian": person("钱总", "key", status="left", left_on="2026-01-01"),
    }
    rival = competitor(client, token, "竞品甲")["id"]
    second_rival = competitor(client, token, "竞品乙")["id"]
    profile(client, token, c["zhang"], relationship_status="supporter")
    profile(client, token, c["li"], relationship_status="neutral")
    profile(client, token, c["zhou"], relationship_status="neutral")
    acquaintance(client, token, acme.sales.user_id, c["zhang"], 4)
    acquaintance(client, token, acme.owner.user_id, c["li"], 2)
    acquaintance(client, token, acme.admin.user_id, c["zhou"], 3)
    acquaintance(client, token, acme.admin.user_id, c["sun"], 5)
    tie(client, token, rival, c["zhang"], 5)
    tie(client, token, second_rival, c["zhou"], 3)
    tie(client, token, rival, c["qian"], 5)
    sixty_days_ago = datetime.now(UTC) - timedelta(days=60)
    new_activity(
        client, token, account, "项目回访", sixty_days_ago.isoformat(), contact_id=c["zhou"]
    )
    return {"account": account, "contacts": c, "rival": rival, "second_rival": second_rival}


def _closeness(client, token, account_id, language="en"):
    response = client.get(
        f"/api/v1/accounts/{account_id}/closeness",
        headers={**bearer(token), "Accept-Language": language},
    )
    assert response.status_code == 200, response.text
    return response.json()


def _coverage(contact_id, name, title, importance, status, **fields):
    return {
        "contact_id": contact_id,
        "name": name,
        "title": title,
        "importance": importance,
        "relationship_status": status,
        "our_best": 0,
        "our_best_user_id": None,
        "competitor_best": 0,
        "competitor_best_id": None,
        "days_since_interaction": None,
        **fields,
    }


def test_the_score_points_and_weak_spots_follow_the_formula(client, acme, huawei):
    c = huawei["contacts"]

    result = _closeness(client, acme.tokens["viewer"], huawei["account"])

    assert (result["account_id"], result["score"], result["formula"]) == (
        huawei["account"],
        59,
        FORMULA,
    )
    assert result["contacts"] == [  # by pinyin name
        _coverage(
            c["li"],
            "李财",
            "财务总监",
            "important",
            "neutral",
            our_best=2,
            our_best_user_id=acme.owner.user_id,
            points=45.0,
        ),
        _coverage(c["wang"], "王工", None, "important", "unknown", points=17.5),
        _coverage(
            c["zhang"],
            "张总",
            "总经理",
            "key",
            "supporter",
            our_best=4,
            our_best_user_id=acme.sales.user_id,
            competitor_best=5,
            competitor_best_id=huawei["rival"],
            points=70.0,
        ),
        _coverage(
            c["zhou"],
            "周工",
            None,
            "key",
            "neutral",
            our_best=3,
            our_best_user_id=acme.admin.user_id,
            competitor_best=3,
            competitor_best_id=huawei["second_rival"],
            days_since_interaction=60,
            points=75.0,
        ),
    ]
    assert result["weak_spots"] == [  # key people first, then the most reasons
        {
            "contact_id": c["zhang"],
            "name": "张总",
            "title": "总经理",
            "importance": "key",
            "reasons": [
                {
                    "code": "competitor_closer",
                    "text": "Competitor 竞品甲 is closer (5)",
                    "values": {"competitor": "竞品甲", "closeness": 5},
                },
                {
                    "code": "no_recent_contact",
                    "text": "No contact in the last 90 days",
                    "values": {"days": -1},
                },
            ],
        },
        {
            "contact_id": c["wang"],
            "name": "王工",
            "title": None,
            "importance": "important",
            "reasons": [
                {"code": "nobody_knows", "text": "None of us knows them", "values": {}},
                {
                    "code": "not_supporter",
                    "text": "Not a supporter (Unknown)",
                    "values": {"status": "unknown"},
                },
                {
                    "code": "no_recent_contact",
                    "text": "No contact in the last 90 days",
                    "values": {"days": -1},
                },
            ],
        },
        {
            "contact_id": c["li"],
            "name": "李财",
            "title": "财务总监",
            "importance": "important",
            "reasons": [
                {
                    "code": "nobody_close",
                    "text": "No one of us closer than 2",
                    "values": {"best": 2},
                },
                {
                    "code": "no_recent_contact",
                    "text": "No contact in the last 90 days",
                    "values": {"days": -1},
                },
            ],
        },
    ]


def test_the_reasons_and_formula_are_in_the_readers_language(client, acme, huawei):
    result = _closeness(client, acme.tokens["viewer"], huawei["account"], "zh-CN")

    assert result["formula"] == FORMULA_ZH
    assert [(w["name"], [r["text"] for r in w["reasons"]]) for w in result["weak_spots"]] == [
        ("张总", ["竞争对手 竞品甲 更近（5）", "近 90 天无接触"]),
        ("王工", ["我方无人认识", "非支持者（未知）", "近 90 天无接触"]),
        ("李财", ["我方最高紧密度仅为 2", "近 90 天无接触"]),
    ]


def test_a_recent_activity_with_a_contact_earns_the_recency_points(client, acme, huawei):
    token = acme.tokens["owner"]
    li = huawei["contacts"]["li"]
    new_activity(
        client, token, huawei["account"], "电话沟通", datetime.now(UTC).isoformat(), contact_id=li
    )

    result = _closeness(client, token, huawei["account"])

    # 李财: 20 + 15 + 20 + 10 = 65; (70·2 + 65 + 17.5 + 75·2) / 6 = 372.5 / 6 = 62.08 → 62.
    assert result["score"] == 62
    assert [
        (c["name"], c["days_since_interaction"], c["points"])
        for c in result["contacts"]
        if c["contact_id"] == li
    ] == [("李财", 0, 65.0)]
    assert [
        (w["name"], [r["code"] for r in w["reasons"]])
        for w in result["weak_spots"]
        if w["contact_id"] == li
    ] == [("李财", ["nobody_close"])]


def test_an_account_without_key_or_important_people_scores_zero(client, acme):
    token = acme.tokens["owner"]
    account = new_account(client, token, "小客户")["id"]
    new_contact(client, token, account, "普通人")

    result = _closeness(client, token, account)

    assert (result["score"], result["contacts"], result["weak_spots"]) == (0, [], [])
