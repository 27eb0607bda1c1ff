"""The global search over every kind of record, on both databases (every test runs on each,
with the same expected lists): each kind found by a Chinese substring, pinyin initials and
Latin text; exact and leading names first, the group with the best match first; another
workspace's records never; the same search behind the page, the dropdown and the API."""

from __future__ import annotations

import pytest

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.accounts.search.service import rank
from pcrm.core.search import EXACT, IN_NAME, LEADING
from pcrm.identity.public import operator_principal
from pcrm.opportunities.pipeline import service as opportunity_service
from pcrm.opportunities.pipeline.schemas import OpportunityCreate, OpportunityUpdate
from pcrm.relationships.competitors import service as competitor_service
from pcrm.relationships.competitors.schemas import CompetitorWrite
from tests.factories import bearer, sign_in


def _search(client, token, q, **params):
    response = client.get("/api/v1/search", params={"q": q, **params}, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()


def _names(body):
    return [(g["kind"], [h["name"] for h in g["hits"]]) for g in body["groups"]]


@pytest.fixture
def world(uow, acme):
    """In acme: accounts, contacts, opportunities and competitors whose names share letters
    with each other; in other: records of every kind with the same names."""
    made = {}
    with uow() as db:
        for slug, email in (("acme", "owner@acme.example"), ("other", "owner@other.example")):
            who = operator_principal(db, slug, email)
            metro = account_service.create_account(db, who, AccountCreate(name="深圳市地铁集团"))
            # accounts whose pinyin initials hold yj without being 杨杰
            for name in ("盐津铺子", "阳江电力", "宇金科技", "远景能源", "云际数据", "易捷物流"):
                account_service.create_account(db, who, AccountCreate(name=name))
            yang = contact_service.create_contact(
                db, who, ContactCreate(name="杨杰", account_id=metro.id, title="信息中心主任")
            )
            contact_service.create_contact(
                db, who, ContactCreate(name="Jack Yang", account_id=metro.id)
            )
            subway = opportunity_service.create_opportunity(
                db, who, OpportunityCreate(account_id=metro.id, name="智慧地铁二期")
            )
            opportunity_service.create_opportunity(
                db, who, OpportunityCreate(account_id=metro.id, name="ERP Upgrade 2027")
            )
            huashu = competitor_service.create_competitor(
                db, who, CompetitorWrite(name="华数传媒", website="https://www.wasu.cn")
            )
            competitor_service.create_competitor(db, who, CompetitorWrite(name="Oracle"))
            made[slug] = {"metro": metro.id, "yang": yang.id, "subway": subway.id, "hs": huashu.id}
    return made


@pytest.mark.parametrize(
    ("query", "kind", "name"),
    [
        ("智慧地铁", "opportunity", "智慧地铁二期"),  # a Chinese substring
        ("zhdt", "opportunity", "智慧地铁二期"),  # pinyin initials
        ("ZHDT", "opportunity", "智慧地铁二期"),  # any case
        ("erp up", "opportunity", "ERP Upgrade 2027"),  # Latin, with a space
        ("ｅｒｐ", "opportunity", "ERP Upgrade 2027"),  # full-width letters
        ("华数", "competitor", "华数传媒"),
        ("hscm", "competitor", "华数传媒"),
        ("wasu", "competitor", "华数传媒"),  # its website
        ("oracle", "competitor", "Oracle"),
        ("地铁集团", "account", "深圳市地铁集团"),
        ("szsdt", "account", "深圳市地铁集团"),
        ("杨杰", "contact", "杨杰"),
        ("jack", "contact", "Jack Yang"),
    ],
)
def test_every_kind_is_found_by_chinese_pinyin_initials_and_latin(
    client, acme, world, query, kind, name
):
    body = _search(client, acme.tokens["viewer"], query)

    found = {g["kind"]: [h["name"] for h in g["hits"]] for g in body["groups"]}
    assert name in found.get(kind, [])


def test_each_hit_links_to_its_record_and_says_where_it_belongs(client, acme, world):
    ids = world["acme"]
    body = _search(client, acme.tokens["viewer"], "智慧地铁")

    assert body["groups"] == [
        {
            "kind": "opportunity",
            "label": "Opportunities",
            "hits": [
                {
                    "kind": "opportunity",
                    "id": ids["subway"],
                    "name": "智慧地铁二期",
                    "detail": "深圳市地铁集团 · I · Prospect",
                    "url": f"/opportunities/{ids['subway']}",
                    "rank": LEADING,
                }
            ],
        }
    ]
    competitor = _search(client, acme.tokens["viewer"], "华数")["groups"][0]["hits"][0]
    assert (competitor["url"], competitor["detail"]) == (
        f"/competitors/{ids['hs']}",
        "https://www.wasu.cn",
    )


def test_pinyin_initials_of_a_whole_name_rank_first_and_put_their_group_first(client, acme, world):
    """yj: 杨杰's initials are exactly yj; six accounts merely hold the letters."""
    body = _search(client, acme.tokens["viewer"], "yj")

    assert _names(body)[0] == ("contact", ["杨杰"])
    assert body["groups"][0]["hits"][0]["rank"] == EXACT
    assert sorted(_names(body)[1][1]) == sorted(
        ["盐津铺子", "阳江电力", "宇金科技", "远景能源", "云际数据", "易捷物流"]
    )


def test_the_group_with_an_exact_name_comes_before_groups_of_partial_matches(
    client, acme, world, uow
):
    with uow() as db:
        owner = operator_principal(db, "acme", "owner@acme.example")
        competitor_service.create_competitor(db, owner, CompetitorWrite(name="地铁"))

    body = _search(client, acme.tokens["viewer"], "地铁")

    assert _names(body) == [
        ("competitor", ["地铁"]),
        ("account", ["深圳市地铁集团"]),
        ("opportunity", ["智慧地铁二期"]),
    ]


def test_within_a_kind_exact_then_leading_names_come_first(client, acme, world, uow):
    with uow() as db:
        owner = operator_principal(db, "acme", "owner@acme.example")
        metro = world["acme"]["metro"]
        for name in ("二期智慧地铁", "智慧地铁", "智慧地铁三期"):
            opportunity_service.create_opportunity(
                db, owner, OpportunityCreate(account_id=metro, name=name)
            )

    body = _search(client, acme.tokens["viewer"], "智慧地铁")

    assert _names(body) == [
        ("opportunity", ["智慧地铁", "智慧地铁三期", "智慧地铁二期", "二期智慧地铁"])
    ]


def test_the_limit_counts_each_kind_apart(client, acme, world):
    body = _search(client, acme.tokens["viewer"], "yj", limit=2)

    assert [(kind, len(names)) for kind, names in _names(body)] == [("contact", 1), ("account", 2)]


def test_another_workspaces_records_of_every_kind_never_appear(client, acme, world):
    theirs = world["other"]
    for query in ("智慧地铁", "华数", "yj", "地铁", "oracle", "erp"):
        for token in (acme.tokens["viewer"], acme.tokens["stranger"]):
            body = _search(client, token, query)
            ids = {(h["kind"], h["id"]) for g in body["groups"] for h in g["hits"]}
            mine = world["other"] if token == acme.tokens["stranger"] else world["acme"]
            other = world["acme"] if token == acme.tokens["stranger"] else theirs
            assert ids.isdisjoint(
                {
                    ("account", other["metro"]),
                    ("contact", other["yang"]),
                    ("opportunity", other["subway"]),
                    ("competitor", other["hs"]),
                }
            ), (query, ids)
            assert ids, (query, mine)


def test_a_renamed_or_archived_record_is_found_as_it_is_now(client, acme, world, uow):
    ids = world["acme"]
    with uow() as db:
        owner = operator_principal(db, "acme", "owner@acme.example")
        opportunity = opportunity_service.get_opportunity(db, owner, ids["subway"])
        opportunity_service.update_opportunity(
            db, owner, ids["subway"], OpportunityUpdate(name="城轨信号改造"), opportunity.version
        )
        competitor = competitor_service.get_competitor(db, owner, ids["hs"])
        competitor_service.update_competitor(
            db, owner, ids["hs"], CompetitorWrite(name="华数数字电视"), competitor.version
        )

    viewer = acme.tokens["viewer"]
    assert _names(_search(client, viewer, "智慧地铁")) == []
    assert _names(_search(client, viewer, "cgxh")) == [("opportunity", ["城轨信号改造"])]
    assert _names(_search(client, viewer, "华数")) == [("competitor", ["华数数字电视"])]

    with uow() as db:
        owner = operator_principal(db, "acme", "owner@acme.example")
        opportunity_service.archive_opportunity(db, owner, ids["subway"])
    assert _names(_search(client, viewer, "cgxh")) == []


def test_the_page_and_the_dropdown_show_the_groups_in_the_users_language(client, acme, world):
    sign_in(client, "viewer@acme.example")
    zh = client.get("/search", params={"q": "地铁"})
    dropdown = client.get("/search", params={"q": "华数"}, headers={"HX-Request": "true"})
    client.cookies.set("pcrm_lang", "en")
    en = client.get("/search", params={"q": "地铁"})

    assert zh.status_code == en.status_code == 200
    for heading in ("客户", "商机"):
        assert heading in zh.text
    assert "潜在商机" in zh.text  # the stage of the opportunity, translated
    assert "Opportunities" in en.text
    assert "I · Prospect" in en.text
    assert "<html" not in dropdown.text
    assert 'href="/competitors/' in dropdown.text
    assert "竞争对手" in dropdown.text


def test_an_empty_search_page_says_what_to_type(client, acme):
    sign_in(client, "viewer@acme.example")
    page = client.get("/search")

    assert page.status_code == 200
    assert "hw" in page.text


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("杨杰", "yj", EXACT),
        ("杨杰", "杨杰", EXACT),
        ("杨杰", "y", LEADING),
        ("杨杰伟", "yj", LEADING),
        ("欧阳杰", "yj", IN_NAME),
        ("深圳华为", "华为", IN_NAME),
        ("Huawei", "hua", LEADING),
        ("华为", "hw", EXACT),
        ("张伟", "138", 3),
    ],
)
def test_rank(name, query, expected):
    assert rank(name, query) == expected
