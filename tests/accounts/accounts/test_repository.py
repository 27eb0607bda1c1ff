"""Pages of the account list are read as ids first, then rows by id
(core.pagination.page_keys): every page must hold the rows, in the order, that one sorted
read of the whole list gives."""

from __future__ import annotations

import pytest

from tests.accounts.records import make_listed


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
