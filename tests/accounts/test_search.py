"""Substring search over accounts and contacts: the pure functions, then the same cases on
both databases through the JSON API."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.models import Contact
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.accounts.lists import service as lists_service
from pcrm.accounts.search import models as search
from pcrm.accounts.search import repository as repo
from pcrm.accounts.search import service as search_service
from pcrm.accounts.search.service import normalize_query
from pcrm.identity import service as identity_service
from tests.accounts.builders import new_account, new_contact
from tests.factories import bearer

# --- the pure functions -----------------------------------------------------------------------


def test_normalize_folds_width_and_case_and_blanks_control_characters():
    assert search.normalize("  ＡＢＣ\u3000Ｔｅｃｈ\t") == "abc tech"
    assert search.normalize("Straße") == "strasse"


def test_pinyin_initials_take_only_chinese_characters():
    assert search.pinyin_initials("华为技术有限公司") == "hwjsyxgs"
    assert search.pinyin_initials("ABC科技2号") == "kjh"


def test_grams_are_distinct_one_and_two_character_pieces_without_whitespace():
    assert search.grams("华为 ab") == {"华", "为", "华为", "a", "b", "ab"}
    assert search.grams("aaa") == {"a", "aa"}
    assert search.grams("") == set()


def test_query_grams_is_the_character_itself_or_the_bigrams():
    assert search.query_grams("华") == ["华"]
    assert search.query_grams(" ") == []
    assert search.query_grams("华为技术") == ["为技", "华为", "技术"]
    assert search.query_grams("abc tech") == ["ab", "bc", "ch", "ec", "te"]
    assert search.query_grams("a b") == []


def test_index_fields_join_normalised_fields_with_their_pinyin_initials():
    text, grams = search.index_fields(["华为", None, "", "Ａb"])
    assert text == "华为\x1fhw\x1fab"
    assert grams == "a ab b h hw w 为 华 华为"


def test_index_fields_skip_initials_of_a_single_chinese_character():
    assert search.index_fields(["华"]) == ("华", "华")


def test_sort_key_orders_by_pinyin_then_latin():
    names = ["Zeta", "华为", "百度", "阿里"]
    assert sorted(names, key=search.sort_key) == ["阿里", "百度", "华为", "Zeta"]
    assert search.sort_key("华为") == "huawei"


def test_like_pattern_escapes_wildcards_and_the_escape_character():
    assert search.like_pattern("50%_\\") == "%50\\%\\_\\\\%"


def test_fts_match_requires_every_gram_quoted():
    assert search.fts_match(["华为", 'a"']) == '"华为" AND "a"""'


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("(010) 8888 6666", "01088886666"),
        ("  ＡＢＣ ", "abc"),
        ("华为 技术", "华为 技术"),
        ("   ", None),
        (None, None),
        ("x" * 150, "x" * 100),
    ],
)
def test_normalize_query_drops_spaces_and_dashes_only_from_phone_like_input(typed, seen):
    assert normalize_query(typed) == seen


# --- through the API, on both databases --------------------------------------------------------


def _names(response):
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


@pytest.fixture
def catalogue(client, acme):
    """Accounts and contacts of acme, one archived account and one of another workspace."""
    token = acme["tokens"]["owner"]
    huawei = new_account(client, token, "华为技术有限公司")
    new_account(client, token, "华为为技集团")  # has the grams 华为 and 为技, not 华为技
    new_account(client, token, "ＡＢＣ\u3000Ｔｅｃｈ")
    new_account(
        client, token, "中国移动通信集团有限公司", short_name="中移动", aliases=["China Mobile"]
    )
    new_account(client, token, "A_B 科技")
    new_account(client, token, "AXB A_X X_B 工作室")  # grams a_ and _b, and a?b, never a_b
    new_account(client, token, "50%折扣商行")
    new_account(client, token, "50元折扣商行")
    new_account(client, token, "500强0%利率基金")  # grams 50 and 0%, never 50%
    archived = new_account(client, token, "华为终端有限公司")
    response = client.post(f"/api/v1/accounts/{archived['id']}/archive", headers=bearer(token))
    assert response.status_code == 200
    new_account(client, acme["tokens"]["stranger"], "华为云计算技术有限公司")

    zhang = new_contact(
        client,
        token,
        huawei["id"],
        "张伟",
        mobile="13812345678",
        email="Zhang.Wei@Huawei.com",
        title="采购总监",
        department="采购部",
    )
    new_contact(
        client,
        token,
        huawei["id"],
        "李娜",
        mobile="13900001111",
        email="li.na@example.com",
        title="CTO",
        department="信息中心",
    )
    gone = new_contact(client, token, huawei["id"], "王强", mobile="13700002222")
    response = client.post(f"/api/v1/contacts/{gone['id']}/archive", headers=bearer(token))
    assert response.status_code == 200
    other = new_account(client, acme["tokens"]["stranger"], "外部单位")
    new_contact(client, acme["tokens"]["stranger"], other["id"], "张伟外", mobile="13812345678")
    return {"huawei": huawei, "zhang": zhang}


def test_accounts_are_found_by_any_substring_of_their_names(client, acme, catalogue):
    headers = bearer(acme["tokens"]["viewer"])
    queries = [
        "华为",
        "华",
        "技术",
        "华为技",
        "abc tech",
        "ABC",
        "hwjs",
        "中移动",
        "china mobile",
        "a_b",
        "50%",
        "终端",
        "云计算",
    ]
    found = {
        q: _names(client.get("/api/v1/accounts", params={"q": q, "sort": "name"}, headers=headers))
        for q in queries
    }
    assert found == {
        "华为": ["华为技术有限公司", "华为为技集团"],
        "华": ["华为技术有限公司", "华为为技集团"],
        "技术": ["华为技术有限公司"],
        "华为技": ["华为技术有限公司"],
        "abc tech": ["ＡＢＣ\u3000Ｔｅｃｈ"],
        "ABC": ["ＡＢＣ\u3000Ｔｅｃｈ"],
        "hwjs": ["华为技术有限公司"],
        "中移动": ["中国移动通信集团有限公司"],
        "china mobile": ["中国移动通信集团有限公司"],
        "a_b": ["A_B 科技"],
        "50%": ["50%折扣商行"],
        "终端": [],  # archived
        "云计算": [],  # another workspace's
    }


def test_an_archived_account_is_found_only_when_archived_ones_are_asked_for(
    client, acme, catalogue
):
    headers = bearer(acme["tokens"]["viewer"])
    response = client.get(
        "/api/v1/accounts",
        params={"q": "华为", "include_archived": "true", "sort": "name"},
        headers=headers,
    )
    assert _names(response) == ["华为技术有限公司", "华为为技集团", "华为终端有限公司"]


def test_contacts_are_found_by_phone_email_title_and_department(client, acme, catalogue):
    headers = bearer(acme["tokens"]["viewer"])
    queries = [
        "13812345678",
        "1234567",
        "138 1234 5678",
        "+86 138-1234-5678",
        "huawei.com",
        "ZHANG.W",
        "采购总监",
        "总监",
        "信息中心",
        "cto",
        "zw",
        "13700002222",
        "张伟外",
    ]
    found = {
        q: _names(client.get("/api/v1/contacts", params={"q": q}, headers=headers)) for q in queries
    }
    assert found == {
        "13812345678": ["张伟"],
        "1234567": ["张伟"],
        "138 1234 5678": ["张伟"],
        "+86 138-1234-5678": ["张伟"],
        "huawei.com": ["张伟"],
        "ZHANG.W": ["张伟"],
        "采购总监": ["张伟"],
        "总监": ["张伟"],
        "信息中心": ["李娜"],
        "cto": ["李娜"],
        "zw": ["张伟"],
        "13700002222": [],  # archived
        "张伟外": [],  # another workspace's
    }


def test_the_search_box_puts_exact_then_leading_matches_first(client, acme):
    token = acme["tokens"]["owner"]
    shenzhen = new_account(client, token, "深圳华为")
    new_account(client, token, "华为终端")
    new_account(client, token, "华为技术有限公司")
    exact = new_account(client, token, "华为", short_name="HW")
    zhang = new_contact(
        client, token, shenzhen["id"], "张伟", title="采购总监", department="华为事业部"
    )

    response = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme["tokens"]["viewer"])
    )

    assert response.status_code == 200
    body = response.json()
    assert [hit["name"] for hit in body["accounts"]] == [
        "华为",
        "华为技术有限公司",
        "华为终端",
        "深圳华为",
    ]
    assert body["accounts"][0] == {
        "kind": "account",
        "id": exact["id"],
        "name": "华为",
        "detail": "HW",
        "url": f"/accounts/{exact['id']}",
    }
    assert body["query"] == "华为"
    assert body["contacts"] == [
        {
            "kind": "contact",
            "id": zhang["id"],
            "name": "张伟",
            "detail": "深圳华为 · 采购总监",
            "url": f"/contacts/{zhang['id']}",
        }
    ]


def test_the_search_box_never_shows_another_workspaces_rows(client, acme, catalogue):
    mine = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme["tokens"]["viewer"])
    ).json()
    theirs = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme["tokens"]["stranger"])
    ).json()
    assert [h["name"] for h in mine["accounts"]] == ["华为技术有限公司", "华为为技集团"]
    assert [h["name"] for h in theirs["accounts"]] == ["华为云计算技术有限公司"]
    by_phone = client.get(
        "/api/v1/search", params={"q": "13812345678"}, headers=bearer(acme["tokens"]["stranger"])
    ).json()
    assert [h["name"] for h in by_phone["contacts"]] == ["张伟外"]


def test_a_blank_search_finds_nothing_instead_of_everything(client, acme):
    account = new_account(client, acme["tokens"]["owner"], "华为技术有限公司")
    new_contact(client, acme["tokens"]["owner"], account["id"], "张伟", mobile="13812345678")

    response = client.get(
        "/api/v1/search", params={"q": " - "}, headers=bearer(acme["tokens"]["viewer"])
    )
    assert response.json() == {"query": " - ", "accounts": [], "contacts": []}


def test_punctuation_only_grams_are_found_like_any_other(client, acme):
    token = acme["tokens"]["owner"]
    new_account(client, token, "C++ 培训中心")
    new_account(client, token, "C 语言学院")
    response = client.get(
        "/api/v1/accounts", params={"q": "c++"}, headers=bearer(acme["tokens"]["viewer"])
    )
    assert _names(response) == ["C++ 培训中心"]


def test_an_exact_name_is_first_even_among_many_partial_matches(client, acme, uow):
    with uow() as db:
        principal = identity_service.operator_principal(db, "acme", "owner@acme.example")
        account_service.create_account(db, principal, AccountCreate(name="华为"))
        for n in range(50):
            account_service.create_account(db, principal, AccountCreate(name=f"华为分公司{n:02d}"))

    response = client.get(
        "/api/v1/search", params={"q": "华为"}, headers=bearer(acme["tokens"]["viewer"])
    )

    assert response.json()["accounts"][0]["name"] == "华为"


# --- the order and count of a searched list ----------------------------------------------------


def test_a_searched_list_shows_the_newest_matches_first_and_name_order_on_request(client, acme):
    token = acme["tokens"]["owner"]
    first = new_account(client, token, "华为终端")
    new_account(client, token, "阿里巴巴")  # no match
    second = new_account(client, token, "深圳华为")
    third = new_account(client, token, "华为技术")
    for name, account in (("华强", first), ("张华", second), ("李华", third)):
        new_contact(client, token, account["id"], name)
    headers = bearer(acme["tokens"]["viewer"])

    def listed(path, **params):
        return _names(client.get(path, params=params, headers=headers))

    assert listed("/api/v1/accounts", q="华为") == ["华为技术", "深圳华为", "华为终端"]
    assert listed("/api/v1/accounts", q="华为", sort="name") == ["华为技术", "华为终端", "深圳华为"]
    assert listed("/api/v1/accounts", q="华为", sort="added") == [
        "华为终端",
        "深圳华为",
        "华为技术",
    ]
    assert listed("/api/v1/accounts") == ["阿里巴巴", "华为技术", "华为终端", "深圳华为"]
    assert listed("/api/v1/contacts", q="华") == ["李华", "张华", "华强"]
    assert listed("/api/v1/contacts", q="华", sort="name") == ["华强", "李华", "张华"]
    assert listed("/api/v1/contacts", q="华", sort="-added", page_size=2) == ["李华", "张华"]
    assert listed("/api/v1/contacts", q="华", page=2, page_size=2) == ["华强"]
    assert listed("/api/v1/contacts", q="华", account_id=first["id"]) == ["华强"]


def test_a_searched_list_counts_to_its_own_lower_cap(client, acme, monkeypatch):
    token = acme["tokens"]["owner"]
    for name in ("华为一", "华为二", "华为三", "其他"):
        new_account(client, token, name)
    monkeypatch.setattr(lists_service, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(lists_service, "LIST_COUNT_CAP", 3)
    headers = bearer(acme["tokens"]["viewer"])

    def counted(**params):
        body = client.get("/api/v1/accounts", params=params, headers=headers).json()
        return body["total"], body["total_capped"], body["pages"]

    assert counted(q="华为", page_size=1) == (2, True, 2)
    assert counted(q="华为三") == (1, False, 1)
    assert counted(page_size=1) == (3, True, 3)
    assert counted(q="  ", page_size=1) == (3, True, 3)  # blank: not a search


def test_the_caps_and_default_orders_are_the_documented_ones():
    assert (lists_service.SEARCH_COUNT_CAP, lists_service.LIST_COUNT_CAP) == (1_000, 10_000)
    assert lists_service.default_sort("华为") == "-added"
    assert lists_service.default_sort(" ") == "name"


# --- names that start with the query (the search box's first part), both databases -------------


@pytest.fixture
def leading(uow, acme):
    """Contacts and accounts whose names do or do not start with 王 / 王小."""
    with uow() as db:
        principal = identity_service.operator_principal(db, "acme", "owner@acme.example")
        accounts = {
            name: account_service.create_account(db, principal, AccountCreate(name=name))
            for name in ("王府井百货", "小王科技", "王小二商行", "王朝酒业")
        }
        base = accounts["小王科技"].id
        for name, title in (
            ("王小二", None),
            ("王小六", None),  # shares 王小 with 王小二, not 王小二
            ("小王", "王牌销售"),  # 王 in the name and title, but not leading
            ("王", None),
            ("王五", None),
            ("王芳", None),
            ("汪洋", None),  # wang too, another character
        ):
            contact_service.create_contact(
                db, principal, ContactCreate(name=name, account_id=base, title=title)
            )
        archived = contact_service.create_contact(
            db, principal, ContactCreate(name="王小五", account_id=base)
        )
        contact_service.archive_contact(db, principal, archived.id)
        account_service.archive_account(db, principal, accounts["王朝酒业"].id)
        return principal.scope


@pytest.mark.parametrize(
    ("query", "contacts", "accounts"),
    [
        ("王", ["王", "王芳", "王五", "王小二", "王小六"], ["王府井百货", "王小二商行"]),
        ("王小", ["王小二", "王小六"], ["王小二商行"]),
        ("王小二", ["王小二"], ["王小二商行"]),
        ("小王", ["小王"], ["小王科技"]),
        ("汪", ["汪洋"], []),
        ("洋", [], []),
    ],
)
def test_the_leading_query_finds_names_starting_with_the_query_in_name_order(
    uow, leading, query, contacts, accounts
):
    def names(model):
        with uow() as db:
            statement = (
                select(model.name)
                .where(
                    model.workspace_id == leading.workspace_id,
                    model.archived_at.is_(None),
                    repo.starts_with(model, query),
                )
                .order_by(*repo.in_name_order(model))
            )
            return list(db.scalars(statement))

    assert (names(Contact), names(Account)) == (contacts, accounts)


# --- the search box's statements, built once ---------------------------------------------------


@pytest.mark.parametrize("query", ["王", "王小", "王小二", "小王", "汪", "洋", "王牌", "王朝"])
def test_the_prepared_search_box_finds_what_the_built_statements_find(uow, leading, query):
    """The search box runs statements built once with bound parameters (repo.search_box); the
    same lists built from accounts_query / contacts_query (the path of a query without grams)
    must come out row for row the same, archived rows left out by both."""
    with uow() as db:
        prepared = search_service._prepared_search(db, leading, query, 10)
        built = search_service._built_search(db, leading, query, 10)

    def rows(found):
        accounts, contacts = found
        return (
            [(a.id, a.name, a.short_name) for a in accounts],
            [(c.id, c.name, c.title, c.account_name) for c in contacts],
        )

    assert rows(prepared) == rows(built)
    assert rows(prepared) != ([], []) or query in ("洋", "王朝")  # 王朝酒业 is archived


@pytest.mark.parametrize("recent", [10**9, 2, 1, 0])
@pytest.mark.parametrize("query", ["王", "王小", "小王", "汪", "洋"])
def test_newest_matches_looked_for_among_the_newest_ids_first_are_the_same(
    uow, leading, monkeypatch, query, recent
):
    """On PostgreSQL the search box looks for the newest matches among the workspace's newest
    `RECENT_IDS` ids first, and among all rows when it finds fewer than it needs there: with
    any window the lists are those of the built statements."""
    monkeypatch.setattr(search_service, "CANDIDATES", 2)
    monkeypatch.setattr(repo, "RECENT_IDS", recent)
    with uow() as db:
        built = search_service._built_search(db, leading, query, 10)
        prepared = search_service._prepared_search(db, leading, query, 10)

    def rows(found):
        accounts, contacts = found
        return ([a.id for a in accounts], [c.id for c in contacts])

    assert rows(prepared) == rows(built)


@pytest.mark.parametrize(("recent", "postgresql_statements"), [(10**9, 4), (0, 6)])
def test_a_window_that_holds_enough_matches_answers_alone(
    uow, leading, count_queries, monkeypatch, recent, postgresql_statements
):
    """王 matches more accounts and contacts than the 2 asked for: a window of every id
    answers at once (4 statements: two leading, two recent), an empty one falls back to all
    rows (6). SQLite needs no window (4)."""
    monkeypatch.setattr(search_service, "CANDIDATES", 2)
    monkeypatch.setattr(repo, "RECENT_IDS", recent)
    with uow() as db:
        with count_queries() as counted:
            search_service._prepared_search(db, leading, "王", 10)
        postgresql = db.get_bind().dialect.name == "postgresql"

    assert counted.count == (postgresql_statements if postgresql else 4)


def test_a_query_without_grams_is_searched_by_like_alone(client, acme):
    token = acme["tokens"]["owner"]
    account = new_account(client, token, "C++ 培训中心")
    new_account(client, token, "C 语言学院")
    new_contact(client, token, account["id"], "讲师", title="++ 课程主管")

    body = client.get(
        "/api/v1/search", params={"q": "++"}, headers=bearer(acme["tokens"]["viewer"])
    ).json()

    assert [a["name"] for a in body["accounts"]] == ["C++ 培训中心"]
    assert [c["name"] for c in body["contacts"]] == ["讲师"]
