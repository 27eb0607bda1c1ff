"""What the list pages share: saved views and chosen columns, per user."""

from __future__ import annotations

import re

import pytest

from tests.accounts.records import make_crm
from tests.factories import sign_in


@pytest.fixture
def crm(uow):
    """Acme with an owner, one account with two contacts and an activity; Other with its own."""
    return make_crm(uow)


def test_saved_views_and_columns_are_remembered_per_user(client, crm):
    token = sign_in(client, "owner@acme.example")
    client.post(
        "/lists/accounts/views",
        data={
            "csrf_token": token,
            "name": "广东电信",
            "query": "industry=telecom&province=guangdong",
        },
    )
    client.post("/lists/accounts/columns", data={"csrf_token": token, "columns": ["tags", "owner"]})
    page = client.get("/accounts").text
    assert 'href="/accounts?industry=telecom&amp;province=guangdong">广东电信</a>' in page
    header = page[page.index('data-testid="accounts-table"') : page.index("</thead>")]
    assert re.findall(r"<th>([^<]+)</th>", header) == ["所有者", "标签"]
