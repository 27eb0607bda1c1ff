"""The indexes SQLite uses for lists and search (docs/performance.md, findings 1 and 2). SQLite
has no statistics here, so its choices do not depend on how many rows the tables hold."""

from __future__ import annotations

import pytest

from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.accounts.service import create_account
from pcrm.accounts.contacts import repository as repo
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate, ContactQuery
from pcrm.accounts.search import service as search_service
from pcrm.identity import service as identity_service
from tests.plans import plans_of


@pytest.fixture
def sqlite(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner only")
    return engine


@pytest.fixture
def principal(uow, acme):
    with uow() as db:
        principal = identity_service.operator_principal(db, "acme", "owner@acme.example")
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
        leading = plans_of(sqlite, lambda: search_service.search_all(db, who, query), "substr(")

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
        newest = plans_of(sqlite, lambda: search_service.search_all(db, who, "王小"), "MATCH")

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


def test_a_searched_contact_list_is_driven_by_the_search_index(sqlite, uow, principal):
    who, _ = principal
    with uow() as db:
        found = plans_of(
            sqlite,
            lambda: contact_service.list_contacts(db, who, ContactQuery(q="王小")),
            "MATCH",
        )

    page, count = found
    assert page.splitlines()[:2] == [
        "SCAN contacts_fts VIRTUAL TABLE INDEX 192:M1",
        "SEARCH contacts USING INTEGER PRIMARY KEY (rowid=?)",
    ]
    assert "TEMP B-TREE" not in page
    assert "SCAN contacts_fts VIRTUAL TABLE" in count


def test_a_filtered_list_pages_and_counts_through_its_filter_index(sqlite, uow, principal):
    who, account_id = principal
    with uow() as db:
        found = plans_of(
            sqlite,
            lambda: contact_service.list_contacts(db, who, ContactQuery(importance="key")),
            "importance",
        )
        counted = plans_of(sqlite, lambda: repo.contact_count(db, who.scope, account_id), "count")

    # The page's ids come from the index alone (page_keys), in its order: no row is read
    # for the rows an OFFSET skips.
    page, count = found
    assert page.splitlines() == [
        "SEARCH contacts USING COVERING INDEX ix_contacts_importance "
        "(workspace_id=? AND importance=? AND archived_at=?)"
    ]
    assert (
        "SEARCH contacts USING COVERING INDEX ix_contacts_importance "
        "(workspace_id=? AND importance=? AND archived_at=?)"
    ) in count.splitlines()
    assert counted == [
        "SEARCH contacts USING COVERING INDEX ix_contacts_account "
        "(workspace_id=? AND account_id=? AND archived_at=?)"
    ]
