"""A request body past PCRM_MAX_BODY_BYTES (1 MiB by default) is answered 413 before it is
read whole, whether its Content-Length says so or it streams without one; uploads keep their
own, larger limit. A 10 MB JSON body used to be read whole and answered 422."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from pcrm.accounts.accounts.models import Account
from tests.factories import Team, bearer, make_team, sign_in

MIB = 1024 * 1024


@pytest.fixture
def acme(uow) -> Team:
    with uow() as db:
        return make_team(db, with_sales=False)


def _accounts(uow) -> int:
    with uow() as db:
        query = select(func.count()).select_from(Account).execution_options(tenant_scope="global")
        return int(db.scalar(query) or 0)


def _big_account(size: int) -> bytes:
    return json.dumps({"name": "华为", "notes": "x" * size}).encode()


def test_a_10_mb_json_body_is_a_413_problem_and_writes_nothing(client, uow, acme):
    response = client.post(
        "/api/v1/accounts",
        content=_big_account(10 * MIB),
        headers={**bearer(acme.tokens["owner"]), "Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "The request body is too large."
    assert _accounts(uow) == 0


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(client, uow, acme):
    sent = []

    def chunks():  # no Content-Length: sent chunked
        for _ in range(40):
            sent.append(1)
            yield b" " * (64 * 1024)
        yield _big_account(10)

    response = client.post(
        "/api/v1/accounts",
        content=chunks(),
        headers={**bearer(acme.tokens["owner"]), "Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert _accounts(uow) == 0


def test_a_body_just_under_the_limit_is_read(client, uow, acme):
    response = client.post(
        "/api/v1/accounts",
        content=_big_account(MIB - 1024),
        headers={**bearer(acme.tokens["owner"]), "Content-Type": "application/json"},
    )

    assert response.status_code == 422  # notes are at most 5,000 characters: read, then refused
    assert [e["field"] for e in response.json()["errors"]] == ["notes"]


def test_a_form_past_the_limit_is_the_413_page(client, uow, acme):
    csrf = sign_in(client, "owner@acme.example")

    response = client.post(
        "/accounts", data={"csrf_token": csrf, "name": "华为", "notes": "x" * (2 * MIB)}
    )

    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "请求内容过大。" in response.text
    assert _accounts(uow) == 0


def test_an_upload_keeps_its_own_larger_limit(client, acme):
    response = client.post(
        "/api/v1/opportunities/999999/documents",
        files={"file": ("quote.pdf", b"%PDF-1.4 " + b"0" * (2 * MIB), "application/pdf")},
        data={"kind": "proposal"},
        headers=bearer(acme.tokens["owner"]),
    )

    assert response.status_code == 404  # past the 1 MiB of JSON, and read: no such opportunity
