"""The account pages: rendering in both languages, the account page and its tabs, the forms
and their duplicate step, inline edits, bulk actions, what a viewer sees, tenancy and
query counts."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from pcrm.accounts.accounts.models import Account
from pcrm.core.audit import AuditEntry
from pcrm.core.tenancy import GLOBAL
from tests.accounts.records import add_page_rows, make_crm
from tests.factories import api_routes, sign_in


def _count(uow, model):
    with uow() as db:
        return db.scalar(select(func.count()).select_from(model).execution_options(**GLOBAL))


@pytest.fixture
def crm(uow):
    """Acme with an owner, one account with two contacts and an activity; Other with its own."""
    return make_crm(uow)


PAGES = [
    "/accounts",
    "/accounts/{account}",
    "/accounts/{account}?tab=contacts",
    "/accounts/{account}?tab=activities",
    "/accounts/{account}?tab=history",
    "/accounts/{account}?tab=opportunities",
    "/accounts/new",
    "/accounts/{account}/merge",
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


def test_the_account_page_shows_org_chart_timeline_and_history(client, crm):
    sign_in(client, "owner@acme.example")
    overview = client.get(f"/accounts/{crm['account']}").text
    tree = overview[overview.index('data-testid="org-chart"') :]
    assert tree.index("张伟") < tree.index("李娜")  # 李娜 reports to 张伟: nested below
    timeline = client.get(f"/accounts/{crm['account']}?tab=activities").text
    assert "拜访信息中心" in timeline
    assert "发送方案" in timeline
    only_calls = client.get(f"/accounts/{crm['account']}?tab=activities&type=call").text
    assert "拜访信息中心" not in only_calls
    history = client.get(f"/accounts/{crm['account']}?tab=history").text
    assert "华为技术有限公司" in history


def test_creating_an_account_in_the_form(client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    response = client.post(
        "/accounts",
        data={
            "csrf_token": token,
            "name": "国网江苏省电力有限公司",
            "short_name": "江苏电力",
            "industry": "energy",
            "ownership": "state_owned",
            "province": "jiangsu",
            "lifecycle_stage": "bidding",
            "status": "active",
            "tags": "战略客户，重点行业",
            "aliases": "",
            "owner_id": "",
        },
    )
    assert response.status_code == 303
    account_id = int(response.headers["location"].split("/")[2].split("?")[0])
    with uow() as db:
        account = db.scalar(
            select(Account).where(Account.workspace_id == crm["acme"], Account.id == account_id)
        )
        assert (account.short_name, account.tags, account.owner_id) == (
            "江苏电力",
            ["战略客户", "重点行业"],
            None,
        )


def test_bad_form_input_is_shown_inline_and_nothing_is_written(client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    accounts, audits = _count(uow, Account), _count(uow, AuditEntry)
    response = client.post(
        "/accounts",
        data={
            "csrf_token": token,
            "name": "",
            "credit_code": "123",
            "website": "not a url",
            "lifecycle_stage": "lost",
            "status": "active",
        },
    )
    assert response.status_code == 422
    assert 'data-testid="error-name">此项为必填项。' in response.text
    assert "请输入有效的 18 位统一社会信用代码。" in response.text
    assert 'data-testid="error-website">请输入网址，例如 https://www.example.com。' in response.text
    assert (_count(uow, Account), _count(uow, AuditEntry)) == (accounts, audits)


def test_a_look_alike_account_needs_confirmation(client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    form = {
        "csrf_token": token,
        "name": "华为技术有限公司 ",
        "lifecycle_stage": "potential",
        "status": "active",
    }
    warned = client.post("/accounts", data=form)
    assert warned.status_code == 409
    assert 'data-testid="duplicate-warning"' in warned.text
    assert f'href="/accounts/{crm["account"]}"' in warned.text
    assert _count(uow, Account) == 2
    confirmed = client.post("/accounts", data={**form, "confirm_duplicate": "1"})
    assert confirmed.status_code == 303
    assert _count(uow, Account) == 3


def test_inline_edit_of_a_stale_version_says_so_and_keeps_the_other_change(client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    url = f"/accounts/{crm['account']}/edit"
    base = {
        "csrf_token": token,
        "version": "1",
        "lifecycle_stage": "potential",
        "status": "active",
        "name": "华为技术有限公司",
    }
    first = client.post(url, data={**base, "short_name": "华为一"}, headers={"HX-Request": "true"})
    assert first.status_code == 204
    assert first.headers["hx-redirect"] == f"/accounts/{crm['account']}?notice=saved"
    second = client.post(url, data={**base, "short_name": "华为二"}, headers={"HX-Request": "true"})
    assert second.status_code == 412
    assert "此记录已被他人修改，请刷新后重试。" in second.text
    assert "<html" not in second.text
    with uow() as db:
        assert (
            db.scalar(
                select(Account.short_name).where(
                    Account.workspace_id == crm["acme"], Account.id == crm["account"]
                )
            )
            == "华为一"
        )


def test_bulk_archive_from_the_list(client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    response = client.post(
        "/accounts/bulk",
        data={"csrf_token": token, "action": "archive", "ids": [crm["account"]], "back": "q=华"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/accounts?q=%E5%8D%8E&notice=bulk"
    assert "华为技术有限公司" not in client.get("/accounts").text


def test_a_viewer_sees_no_write_actions_and_cannot_post(client, crm, uow):
    token = sign_in(client, "viewer@acme.example")
    page = client.get(f"/accounts/{crm['account']}").text
    assert "/archive" not in page
    assert 'data-testid="edit-account"' not in page
    denied = client.post(f"/accounts/{crm['account']}/archive", data={"csrf_token": token})
    assert denied.status_code == 403
    with uow() as db:
        assert (
            db.scalar(
                select(Account.archived_at).where(
                    Account.workspace_id == crm["acme"], Account.id == crm["account"]
                )
            )
            is None
        )


def test_every_account_page_of_another_workspace_is_a_404(app, client, crm, uow):
    token = sign_in(client, "owner@acme.example")
    ids = {
        "account_id": crm["theirs"],
        "contact_id": crm["their_contact"],
        "activity_id": 999_999,
        "view_id": 999_999,
        "reminder_id": 999_999,
        "user_id": 1,
    }
    checked = 0
    for path, methods in api_routes(app):
        if (
            path.startswith("/api/")
            or "{" not in path
            or not path.startswith(
                ("/accounts", "/contacts", "/activities", "/lists/views", "/reminders")
            )
        ):
            continue
        concrete = re.sub(r"\{([a-z_]+)\}", lambda m: str(ids[m.group(1)]), path)
        for method in methods:
            response = client.request(
                method,
                concrete,
                data={"csrf_token": token, "duplicate_id": "1", "user_id": "1", "role": "sales"},
            )
            assert response.status_code == 404, (method, path, response.status_code)
            checked += 1
    assert checked >= 20
    with uow() as db:
        assert (
            db.scalar(
                select(Account.name).where(
                    Account.workspace_id == crm["other"], Account.id == crm["theirs"]
                )
            )
            == "别家客户"
        )


def test_the_account_list_page_issues_the_same_queries_for_3_or_30_rows(
    client, crm, uow, count_queries
):
    path = "/accounts"
    sign_in(client, "owner@acme.example")
    with count_queries() as few:
        assert client.get(path).status_code == 200
    add_page_rows(uow, 30)
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert few.count == many.count


def test_the_account_page_query_count_is_pinned(client, crm, count_queries):
    sign_in(client, "owner@acme.example")
    with count_queries() as queries:
        client.get(f"/accounts/{crm['account']}")
    # session, account, team, contact count, users, account again + contacts (org chart), children
    assert queries.count == 8


def test_a_tab_of_the_account_page_loaded_in_place_marks_itself_as_the_current_one(client, crm):
    """HTMX swaps a tab's content with the tabs above it, so the mark follows the click."""
    page, tabs = (
        "/accounts/{account}",
        ("overview", "contacts", "opportunities", "activities", "history"),
    )
    sign_in(client, "owner@acme.example")
    url = page.format(**crm)
    for tab in tabs:
        fragment = client.get(f"{url}?tab={tab}", headers={"HX-Request": "true"}).text
        current = re.findall(r'data-testid="tab-(\w+)"\s+aria-current="page"', fragment)
        assert current == [tab]
        assert "<html" not in fragment


def test_going_back_to_a_tab_htmx_no_longer_caches_gets_the_whole_page(client, crm):
    """HTMX 2 asks for a page missing from its history cache with HX-Request set too."""
    sign_in(client, "owner@acme.example")
    url = f"/accounts/{crm['account']}?tab=contacts"
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

    page = client.get(url, headers=restore).text

    assert page.startswith("<!doctype html>")
    assert 'data-testid="account-name"' in page


def test_a_searched_account_list_page_says_it_shows_the_newest_first_and_links_name_order(
    client, crm
):
    path = "/accounts"
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
