"""Shell pages render in zh-CN and en, and unknown routes get a friendly 404 in the shell."""

from __future__ import annotations

import pytest

from pcrm.identity.permissions import Role
from tests.factories import make_user, make_workspace, sign_in

PAGES = [
    "/",
    "/settings/profile",
    "/settings/tokens",
    "/admin/users",
    "/admin/workspace",
    "/admin/audit",
]


@pytest.fixture
def owner(uow):
    with uow() as db:
        acme = make_workspace(db)
        owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        make_user(db, acme, "sales@acme.example", Role.SALES, name="销售甲")
    return owner


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_chinese_by_default_and_in_english(client, owner, path):
    sign_in(client, owner.email)
    zh = client.get(path)
    assert zh.status_code == 200
    assert '<html lang="zh-CN">' in zh.text
    assert "工作台" in zh.text
    client.cookies.set("pcrm_lang", "en")
    en = client.get(path)
    assert '<html lang="en">' in en.text
    assert "Workbench" in en.text


def test_unknown_routes_get_a_friendly_404_page(client, owner):
    assert "页面不存在" in client.get("/no/such/page").text
    sign_in(client, owner.email)
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "页面不存在" in page.text
    assert "工作台" in page.text  # inside the shell
