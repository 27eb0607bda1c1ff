"""The search box, through the service: what it finds, in which order, and what it never
shows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.accounts.search import service
from pcrm.identity.public import operator_principal


def _search(db, who, query, limit=10):
    """The accounts' and contacts' kinds of the global search, as it asks them."""
    q = service.normalize_query(query)
    if not q:
        return SimpleNamespace(query=query, accounts=[], contacts=[])
    return SimpleNamespace(
        query=query,
        accounts=service.find_accounts(db, who, q, limit),
        contacts=service.find_contacts(db, who, q, limit),
    )


def _as(db, who="owner"):
    return operator_principal(db, "acme", f"{who}@acme.example")


@pytest.fixture
def found(uow, acme):
    """Accounts and contacts that do or do not match 华为, one of them archived."""
    with uow() as db:
        owner = _as(db)
        shenzhen = account_service.create_account(db, owner, AccountCreate(name="深圳华为"))
        account_service.create_account(db, owner, AccountCreate(name="华为终端"))
        exact = account_service.create_account(
            db, owner, AccountCreate(name="华为", short_name="HW")
        )
        gone = account_service.create_account(db, owner, AccountCreate(name="华为旧址"))
        account_service.archive_account(db, owner, gone.id)
        account_service.create_account(db, owner, AccountCreate(name="中兴"))
        zhang = contact_service.create_contact(
            db,
            owner,
            ContactCreate(name="张伟", account_id=shenzhen.id, title="华为事业部总监"),
        )
        return {"exact": exact.id, "zhang": zhang.id}


def test_the_exact_name_comes_first_then_leading_names_and_archived_ones_never(uow, found):
    with uow() as db:
        result = _search(db, _as(db, "viewer"), "华为")

    assert [(h.name, h.detail) for h in result.accounts] == [
        ("华为", "HW"),
        ("华为终端", ""),
        ("深圳华为", ""),
    ]
    assert result.accounts[0].url == f"/accounts/{found['exact']}"
    assert [(h.kind, h.name, h.detail, h.url) for h in result.contacts] == [
        ("contact", "张伟", "深圳华为 · 华为事业部总监", f"/contacts/{found['zhang']}")
    ]


def test_the_limit_counts_accounts_and_contacts_apart(uow, found):
    with uow() as db:
        result = _search(db, _as(db), "华为", limit=1)

    assert ([h.name for h in result.accounts], [h.name for h in result.contacts]) == (
        ["华为"],
        ["张伟"],
    )


def test_a_query_of_spaces_and_dashes_finds_nothing(uow, found):
    with uow() as db:
        result = _search(db, _as(db), " - ")

    assert (result.query, result.accounts, result.contacts) == (" - ", [], [])


def test_phone_like_input_is_searched_without_its_spaces_and_dashes():
    assert service.normalize_query("138 1234-5678") == "13812345678"
    assert service.normalize_query("华为 技术") == "华为 技术"


def test_another_workspaces_rows_are_never_found(uow, found):
    with uow() as db:
        stranger = operator_principal(db, "other", "owner@other.example")
        account_service.create_account(db, stranger, AccountCreate(name="华为云"))

        mine = _search(db, _as(db), "华为云")
        theirs = _search(db, stranger, "华为")

    assert (mine.accounts, [h.name for h in theirs.accounts], theirs.contacts) == (
        [],
        ["华为云"],
        [],
    )


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
    assert service.normalize_query(typed) == seen
