"""The search page and the header's search box."""

from __future__ import annotations

import pytest

from tests.accounts.records import make_crm
from tests.factories import sign_in


@pytest.fixture
def crm(uow):
    """Acme with an owner, one account with two contacts and an activity; Other with its own."""
    return make_crm(uow)


PAGES = [
    "/search?q=华",
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


def test_the_header_search_returns_a_fragment(client, crm):
    sign_in(client, "owner@acme.example")
    fragment = client.get("/search?q=华为", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert 'href="/accounts/' in fragment.text
    assert "华为技术有限公司" in fragment.text
