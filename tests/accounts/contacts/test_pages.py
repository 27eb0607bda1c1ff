"""The contact pages: rendering in both languages, the contact form, tabs loaded in place and
query counts."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from pcrm.accounts.contacts.models import Contact
from pcrm.core.tenancy import GLOBAL
from tests.accounts.records import add_page_rows, make_crm
from tests.factories import sign_in


def _count(uow, model):
    with uow() as db:
        return db.scalar(select(func.count()).select_from(model).execution_options(**GLOBAL))


@pytest.fixture
def crm(uow):
    """Acme with an owner, one account with two contacts and an activity; Other with its own."""
    return make_crm(uow)


PAGES = [
    "/contacts",
    "/contacts/{cio}",
    "/contacts/{cio}?tab=activities",
    "/contacts/{cio}?tab=history",
    "/contacts/new?account_id={account}",
    "/contacts/{cio}/merge",
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


def test_a_bad_contact_form_is_shown_inline_and_nothing_is_written(client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    cycle = client.post(
        "/contacts",
        data={
            "csrf_token": token,
            "name": "王五",
            "account_id": str(crm["theirs"]),
            "gender": "male",
            "importance": "normal",
            "status": "active",
            "mobile": "12345",
        },
    )
    assert cycle.status_code == 422
    assert "请输入有效的电话号码。" in cycle.text
    assert _count(uow, Contact) == 3


def test_the_contact_list_page_issues_the_same_queries_for_3_or_30_rows(
    client, crm, uow, count_queries
):
    path = "/contacts"
    sign_in(client, "owner@acme.example")
    with count_queries() as few:
        assert client.get(path).status_code == 200
    add_page_rows(uow, 30)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert few.count == many.count


def test_a_tab_of_the_contact_page_loaded_in_place_marks_itself_as_the_current_one(client, crm):
    """HTMX swaps a tab's content with the tabs above it, so the mark follows the click."""
    page, tabs = "/contacts/{cio}", ("overview", "activities", "history")
    sign_in(client, "owner@acme.example")
    url = page.format(**crm)
    for tab in tabs:
        fragment = client.get(f"{url}?tab={tab}", headers={"HX-Request": "true"}).text
        current = re.findall(r'data-testid="tab-(\w+)"\s+aria-current="page"', fragment)
        assert current == [tab]
        assert "<html" not in fragment


def test_a_searched_contact_list_page_says_it_shows_the_newest_first_and_links_name_order(
    client, crm
):
    path = "/contacts"
    sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "en")

    searched = client.get(f"{path}?q=%E5%8D%8E")  # 华
    by_name = client.get(f"{path}?q=%E5%8D%8E&sort=name")
    unsearched = client.get(path)

    note = re.search(r'data-testid="sort-note">([^<]*)<a href="([^"]+)"', searched.text)
    assert note is not None
    assert note.groups() == ("Newest matches first. ", f"{path}?q=%E5%8D%8E&amp;sort=name")
    assert 'data-testid="sort-note"' not in by_name.text
    assert 'data-testid="sort-note"' not in unsearched.text
