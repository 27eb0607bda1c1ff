"""Pages of the contact list are read as ids first, then rows by id
(core.pagination.page_keys): every page must hold the rows, in the order, that one sorted
read of the whole list gives.
And the indexes SQLite reads a contact list and an account's contact count from
(docs/performance.md, findings 1 and 2)."""

from __future__ import annotations

import pytest

from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.accounts.service import create_account
from pcrm.accounts.contacts import repository as repo
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate, ContactQuery
from pcrm.identity.public import operator_principal
from tests.accounts.records import make_listed
from tests.plans import plans_of


@pytest.fixture
def listed(client, acme):
    """Accounts, contacts and activities to page through; gives the ids a list answers with."""
    return make_listed(client, acme)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/contacts", {"sort": "name"}),
        ("/api/v1/contacts", {"sort": "-importance,name"}),
        ("/api/v1/contacts", {"sort": "title"}),  # blanks last
        ("/api/v1/contacts", {"sort": "-added"}),
        ("/api/v1/contacts", {"q": "a"}),  # newest matches first
        ("/api/v1/contacts", {"importance": "key"}),
    ],
)
def test_every_page_holds_the_rows_of_one_sorted_read(listed, path, params):
    whole = listed(path, page_size=200, **params)
    paged = [i for page in range(1, 6) for i in listed(path, page=page, page_size=2, **params)]

    assert paged == whole
    assert len(whole) == len(set(whole))


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
