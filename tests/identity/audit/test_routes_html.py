"""The audit log page: 25 entries a page, filters by user, record, action and days, values
named as the pages name them, long diffs folded, and a query count that does not grow with
the entries shown. The same filters in the JSON API."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.models import Account
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.core.db import utcnow
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.public import operator_principal
from tests.accounts.records import add_page_rows
from tests.factories import bearer, sign_in

LOG = "/admin/audit"


def _subjects(html: str) -> list[str]:
    return re.findall(r'class="badge"[^>]*>([^<]+)<', html)


@pytest.fixture
def accounts(uow, acme):
    """Two accounts of acme's owner, each with a contact and a call: 客户0, 客户1."""
    add_page_rows(uow, 2)
    with uow() as db:
        return {
            a.name: a.id
            for a in db.scalars(select(Account).where(Account.workspace_id == acme.workspace.id))
        }


def test_the_log_shows_25_entries_a_page(client, uow, acme, accounts):
    add_page_rows(uow, 4)
    sign_in(client, "owner@acme.example")
    first = client.get(LOG, cookies={"pcrm_lang": "en"})
    assert first.status_code == 200
    assert first.text.count('<li>\n    <div class="muted small">') == 25
    total = int(re.search(r"([\d,]+) in all · page 1 of (\d+)", first.text).group(1))
    last = client.get(f"{LOG}?page={(total + 24) // 25}", cookies={"pcrm_lang": "en"})
    assert last.text.count('<li>\n    <div class="muted small">') == total - 25 * (
        (total - 1) // 25
    )


@pytest.mark.parametrize(("locale", "kind"), [("zh_CN", "客户"), ("en", "Account")])
def test_filters_by_record_type_and_action_name_the_records(client, acme, accounts, locale, kind):
    sign_in(client, "owner@acme.example")
    page = client.get(f"{LOG}?entity_type=account&action=create", cookies={"pcrm_lang": locale})
    assert sorted(_subjects(page.text)) == [f"{kind} 客户0", f"{kind} 客户1"]
    assert f'href="/accounts/{accounts["客户0"]}"' in page.text


def test_filters_by_user_and_by_days(client, acme, accounts):
    sign_in(client, "owner@acme.example")
    today = utcnow().date()
    by_admin = client.get(f"{LOG}?actor_user_id={acme.admin.user_id}&entity_type=account")
    assert _subjects(by_admin.text) == []
    mine = client.get(f"{LOG}?actor_user_id={acme.owner.user_id}&entity_type=account")
    assert len(_subjects(mine.text)) == 2
    later = client.get(f"{LOG}?entity_type=account&occurred_from={today + timedelta(days=2)}")
    assert _subjects(later.text) == []
    around = client.get(
        f"{LOG}?entity_type=account&occurred_from={today - timedelta(days=1)}"
        f"&occurred_to={today + timedelta(days=1)}"
    )
    assert len(_subjects(around.text)) == 2


def test_one_records_changes_say_which_record_and_name_what_they_point_to(client, acme, accounts):
    sign_in(client, "owner@acme.example")
    account_id = accounts["客户0"]
    page = client.get(f"{LOG}?entity_type=account&entity_id={account_id}")
    assert re.search(
        rf'data-testid="audit-record">[^<]*<a href="/accounts/{account_id}">客户0<', page.text
    )
    contacts = client.get(f"{LOG}?entity_type=contact&action=create")
    # the contact's account reads as its name, linked, never as its id
    assert f'<a href="/accounts/{account_id}">客户0</a>' in contacts.text
    assert f"客户: {account_id}" not in contacts.text


@pytest.mark.parametrize(
    ("locale", "changes_of", "kind"),
    [("zh_CN", "变更记录：", "客户"), ("en", "Changes of", "Account")],
)
def test_a_deleted_record_reads_as_its_kind_never_as_its_id(
    client, uow, acme, locale, changes_of, kind
):
    with uow() as db:
        boss = operator_principal(db, "acme", "owner@acme.example")
        account_id = account_service.create_account(db, boss, AccountCreate(name="短命客户")).id
    with uow() as db:
        db.delete(
            db.scalars(
                select(Account).where(Account.id == account_id).execution_options(**GLOBAL)
            ).one()
        )
    sign_in(client, "owner@acme.example")
    page = client.get(
        f"{LOG}?entity_type=account&entity_id={account_id}", cookies={"pcrm_lang": locale}
    )
    record = re.search(r'data-testid="audit-record">([^<]*)<a', page.text).group(1)
    gone = "（已删除）" if locale == "zh_CN" else " (deleted)"
    assert record == f"{changes_of} {kind}{gone} · "  # the audit trail knows no name of it
    # deleted, created: the name it had when it was written down, never its id
    assert _subjects(page.text) == [f"{kind} 短命客户{gone}"] * 2


@pytest.mark.parametrize(
    ("locale", "message"),
    [
        ("zh_CN", "结束日期不能早于开始日期。"),
        ("en", "The end date must not be before the start date."),
    ],
)
def test_a_backwards_date_range_is_said_inline_in_the_users_language(
    client, acme, accounts, locale, message
):
    sign_in(client, "owner@acme.example")
    page = client.get(
        f"{LOG}?occurred_from=2026-12-05&occurred_to=2026-12-01", cookies={"pcrm_lang": locale}
    )
    assert page.status_code == 422  # bad input: 422 with the message inline
    assert message in page.text
    bad_day = client.get(f"{LOG}?occurred_from=not-a-day", cookies={"pcrm_lang": locale})
    assert bad_day.status_code == 422
    assert 'data-testid="audit-errors"' in bad_day.text


def test_long_diffs_fold_into_a_summary(client, acme, accounts):
    sign_in(client, "owner@acme.example")
    page = client.get(f"{LOG}?entity_type=activity&action=create", cookies={"pcrm_lang": "en"})
    assert page.text.count('<details class="changes-fold">') == 2
    assert re.search(r"<summary>\d+ fields changed</summary>", page.text)


def test_the_log_issues_the_same_queries_for_few_or_many_entries(client, acme, uow, count_queries):
    sign_in(client, "owner@acme.example")
    add_page_rows(uow, 1)
    with count_queries() as few:
        assert client.get(LOG).status_code == 200
    add_page_rows(uow, 12)
    with count_queries() as many:
        assert client.get(LOG).status_code == 200
    assert few.count == many.count
    # session, count, entries, the users of the filter, one query per kind of record named
    # (users, accounts, contacts, activities), the actors
    assert many.count == 9


def test_the_api_filters_like_the_page(client, acme, accounts):
    headers = bearer(acme.tokens["owner"])
    created = client.get(
        "/api/v1/audit-entries?entity_type=account&action=create", headers=headers
    ).json()
    assert created["total"] == 2
    assert {e["entity_label"] for e in created["items"]} == {"客户0", "客户1"}
    by_admin = client.get(
        f"/api/v1/audit-entries?actor_user_id={acme.admin.user_id}&entity_type=account",
        headers=headers,
    ).json()
    assert by_admin["total"] == 0
    backwards = client.get(
        "/api/v1/audit-entries?occurred_from=2026-12-05&occurred_to=2026-12-01", headers=headers
    )
    assert backwards.status_code == 422
    assert [e["field"] for e in backwards.json()["errors"]] == ["occurred_to"]
    assert client.get("/api/v1/audit-entries?action=erase", headers=headers).status_code == 422
