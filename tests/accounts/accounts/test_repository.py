"""Pages of the account list are read as ids first, then rows by id
(core.pagination.page_keys): every page must hold the rows, in the order, that one sorted
read of the whole list gives."""

from __future__ import annotations

import pytest

from pcrm.accounts.accounts.repository import accounts_by_ids
from pcrm.accounts.public import AccountRef, account_refs
from pcrm.accounts.vocab import Ownership
from pcrm.core.tenancy import WorkspaceScope
from tests.accounts.builders import new_account
from tests.accounts.records import make_listed
from tests.factories import bearer, current


@pytest.fixture
def listed(client, acme):
    """Accounts, contacts and activities to page through; gives the ids a list answers with."""
    return make_listed(client, acme)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/accounts", {"sort": "-name"}),
        ("/api/v1/accounts", {"sort": "industry,name"}),
        ("/api/v1/accounts", {"q": "公司"}),
    ],
)
def test_every_page_holds_the_rows_of_one_sorted_read(listed, path, params):
    whole = listed(path, page_size=200, **params)
    paged = [i for page in range(1, 6) for i in listed(path, page=page, page_size=2, **params)]

    assert paged == whole
    assert len(whole) == len(set(whole))


def test_account_refs_read_the_same_values_as_whole_accounts(client, acme, uow):
    """account_refs reads five columns instead of whole accounts (the project list names 50
    at a time): the same refs as the accounts' own values, archived ones marked, another
    workspace's and unknown ids left out."""
    token = acme.tokens["owner"]
    plain = new_account(client, token, "华为技术有限公司")["id"]
    named = new_account(
        client, token, "深圳市地铁集团", short_name="深铁", ownership="state_owned"
    )["id"]
    gone = new_account(client, token, "旧客户")["id"]
    archived = client.post(
        f"/api/v1/accounts/{gone}/archive",
        headers=current(client, f"/api/v1/accounts/{gone}", bearer(token)),
    )
    assert archived.status_code == 200, archived.text
    stranger = new_account(client, acme.tokens["stranger"], "别家客户")["id"]

    with uow() as db:
        scope = WorkspaceScope(acme.owner.workspace_id)
        refs = account_refs(db, scope, {plain, named, gone, stranger, 999_999})
        whole = accounts_by_ids(db, scope, {plain, named, gone})

    assert set(refs) == {plain, named, gone}
    for account_id, account in whole.items():
        assert refs[account_id] == AccountRef(
            account.id,
            account.name,
            account.short_name,
            account.ownership,
            account.archived_at is not None,
        )
    assert (refs[named].short_name, refs[named].ownership) == ("深铁", Ownership.STATE_OWNED)
    assert [refs[i].archived for i in (plain, named, gone)] == [False, False, True]
