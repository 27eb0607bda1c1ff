"""An edit that loses a race: both requests passed the version check, and the loser's
`UPDATE ... WHERE version = :old` matches no row (SQLAlchemy's StaleDataError). The API answers
the stale-version 412 problem and the form says the record was changed by someone else; the
winner's change stays.

The race is made deterministic: the version check of the request under test is wrapped so that,
right after it passes, another session changes the record and commits."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select, update

from pcrm.accounts.accounts import service as accounts_service
from pcrm.accounts.accounts.models import Account
from pcrm.core import etag
from tests.factories import Team, bearer, make_team, sign_in


@pytest.fixture
def acme(uow) -> Team:
    with uow() as db:
        return make_team(db, with_sales=False)


@pytest.fixture
def account(client, acme) -> int:
    response = client.post(
        "/api/v1/accounts", json={"name": "华为技术"}, headers=bearer(acme.tokens["owner"])
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _someone_edits_after_the_check(monkeypatch, uow, account_id: int) -> None:
    """After the request's version check passes, another session renames the account."""

    def check_then_lose_the_race(current: int, expected: int | None) -> None:
        etag.check_version(current, expected)
        with uow() as other:
            other.execute(
                update(Account)
                .where(Account.id == account_id)
                .values(name="别人改的", version=Account.version + 1)
                .execution_options(synchronize_session=False, tenant_scope="global")
            )

    monkeypatch.setattr(accounts_service, "check_version", check_then_lose_the_race)


def _stored(uow: Callable, account_id: int) -> tuple[str, int]:
    with uow() as db:
        row = db.execute(
            select(Account.name, Account.version)
            .where(Account.id == account_id)
            .execution_options(tenant_scope="global")
        ).one()
        return row.name, row.version


def test_an_api_edit_that_loses_the_race_is_the_stale_version_412(
    client, uow, acme, account, monkeypatch
):
    _someone_edits_after_the_check(monkeypatch, uow, account)

    response = client.patch(
        f"/api/v1/accounts/{account}",
        json={"name": "我改的"},
        headers={**bearer(acme.tokens["owner"]), "If-Match": '"v1"'},
    )

    assert response.status_code == 412, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "This record was changed by someone else. Reload and try again."
    )
    # The request rolled back its savepoint, which here holds the other session's edit too:
    # what matters is that the loser's name was never written.
    assert _stored(uow, account)[0] != "我改的"


def test_a_form_edit_that_loses_the_race_says_it_was_changed_by_someone_else(
    client, uow, acme, account, monkeypatch
):
    csrf = sign_in(client, "owner@acme.example")
    _someone_edits_after_the_check(monkeypatch, uow, account)

    response = client.post(
        f"/accounts/{account}/edit",
        data={
            "csrf_token": csrf,
            "version": "1",
            "lifecycle_stage": "potential",
            "status": "active",
            "name": "我改的",
        },
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 412, response.text
    assert 'data-testid="form-error">此记录已被他人修改，请刷新后重试。</div>' in response.text
    assert _stored(uow, account)[0] != "我改的"
