"""The activity pages: rendering in both languages, query counts, and the next step's
reminder on the workbench."""

from __future__ import annotations

import re

import pytest

from tests.accounts.records import add_page_rows, make_crm
from tests.factories import sign_in


@pytest.fixture
def crm(uow):
    """Acme with an owner, one account with two contacts and an activity; Other with its own."""
    return make_crm(uow)


PAGES = [
    "/activities",
    "/activities/new?account_id={account}",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_both_languages(client, crm, path):
    sign_in(client, "owner@acme.example")
    url = path.format(**crm)
    zh = client.get(url)
    assert zh.status_code == 200, zh.text[:500]
    assert "客户" in zh.text
    client.cookies.set("pcrm_lang", "en")
    en = client.get(url)
    assert en.status_code == 200
    assert "Accounts" in en.text


def test_the_activity_list_page_issues_the_same_queries_for_3_or_30_rows(
    client, crm, uow, count_queries
):
    path = "/activities"
    sign_in(client, "owner@acme.example")
    with count_queries() as few:
        assert client.get(path).status_code == 200
    add_page_rows(uow, 30)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert few.count == many.count


def test_reminders_show_on_the_workbench_and_can_be_done(client, crm):
    token = sign_in(client, "owner@acme.example")
    home = client.get("/").text
    assert 'data-testid="reminder"' in home
    assert "发送方案" in home
    reminder_id = re.search(r'action="/reminders/(\d+)/done"', home).group(1)
    client.post(f"/reminders/{reminder_id}/done", data={"csrf_token": token})
    assert 'data-testid="reminder"' not in client.get("/").text
