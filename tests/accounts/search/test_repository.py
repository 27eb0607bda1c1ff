"""The search index's queries on both databases: substrings found through the searched lists,
archived and other workspaces' rows left out, the newest matches first; names that start
with the query; the search box's statements built once against those built for LIKE; and
the indexes SQLite reads them from (docs/performance.md, findings 1 and 2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.accounts.service import create_account
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.models import Contact
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.accounts.search import repository as repo
from pcrm.accounts.search import service as search_service
from pcrm.identity.public import operator_principal
from tests.accounts.builders import new_account, new_contact
from tests.accounts.records import make_catalogue
from tests.factories import bearer
from tests.plans import plans_of


def _names(response):
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


@pytest.fixture
def catalogue(client, acme):
    """Accounts and contacts of acme, one archived account and one of another workspace."""
    return make_catalogue(client, acme)


def test_accounts_are_found_by_any_substring_of_their_names(client, acme, catalogue):
    headers = bearer(acme.tokens["viewer"])
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
    headers = bearer(acme.tokens["viewer"])
    response = client.get(
        "/api/v1/accounts",
        params={"q": "华为", "include_archived": "true", "sort": "name"},
        headers=headers,
    )
    assert _names(response) == ["华为技术有限公司", "华为为技集团", "华为终端有限公司"]


def test_contacts_are_found_by_phone_email_title_and_department(client, acme, catalogue):
    headers = bearer(acme.tokens["viewer"])
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


def test_punctuation_only_grams_are_found_like_any_other(client, acme):
    token = acme.tokens["owner"]
    new_account(client, token, "C++ 培训中心")
    new_account(client, token, "C 语言学院")
    response = client.get(
        "/api/v1/accounts", params={"q": "c++"}, headers=bearer(acme.tokens["viewer"])
    )
    assert _names(response) == ["C++ 培训中心"]


def test_a_searched_list_shows_the_newest_matches_first_and_name_order_on_request(client, acme):
    token = acme.tokens["owner"]
    first = new_account(client, token, "华为终端")
    new_account(client, token, "阿里巴巴")  # no match
    second = new_account(client, token, "深圳华为")
    third = new_account(client, token, "华为技术")
    for name, account in (("华强", first), ("张华", second), ("李华", third)):
        new_contact(client, token, account["id"], name)
    headers = bearer(acme.tokens["viewer"])

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


@pytest.fixture
def leading(uow, acme):
    """Contacts and accounts whose names do or do not start with 王 / 王小."""
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
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


@pytest.fixture
def sqlite(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner only")
    return engine


@pytest.fixture
def principal(uow, acme):
    with uow() as db:
        principal = operator_principal(db, "acme", "owner@acme.example")
        account = create_account(db, principal, AccountCreate(name="王府井百货"))
        contact_service.create_contact(
            db, principal, ContactCreate(name="王小二", account_id=account.id)
        )
        return principal, account.id


@pytest.mark.parametrize(("query", "index"), [("王", "leading_1"), ("王小", "leading_2")])
def test_the_search_box_reads_leading_names_from_the_leading_index(
    sqlite, uow, principal, query, index
):
    who, _ = principal
    with uow() as db:
        leading = plans_of(sqlite, lambda: _both(db, who, query), "substr(")

    assert [p.splitlines()[0] for p in leading] == [
        f"SEARCH accounts USING INDEX ix_accounts_{index} (workspace_id=? AND archived_at=? "
        "AND <expr>=?)",
        f"SEARCH contacts USING INDEX ix_contacts_{index} (workspace_id=? AND archived_at=? "
        "AND <expr>=?)",
    ]
    assert not any("TEMP B-TREE" in p for p in leading)


def test_the_newest_matches_are_read_from_the_search_index_newest_first(sqlite, uow, principal):
    who, _ = principal
    with uow() as db:
        newest = plans_of(sqlite, lambda: _both(db, who, "王小"), "MATCH")

    assert [p.splitlines()[:2] for p in newest] == [
        [
            "SCAN accounts_fts VIRTUAL TABLE INDEX 192:M1",
            "SEARCH accounts USING INTEGER PRIMARY KEY (rowid=?)",
        ],
        [
            "SCAN contacts_fts VIRTUAL TABLE INDEX 192:M1",
            "SEARCH contacts USING INTEGER PRIMARY KEY (rowid=?)",
        ],
    ]
    assert not any("TEMP B-TREE" in p for p in newest)


def _both(db, who, query):
    search_service.find_accounts(db, who, query, 10)
    search_service.find_contacts(db, who, query, 10)
