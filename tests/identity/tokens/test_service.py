"""API tokens through their service functions: made and shown once, resolved (and cached) to
their user, revoked."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from pcrm.core.db import utcnow
from pcrm.core.errors import NotFound
from pcrm.identity.public import operator_principal
from pcrm.identity.tokens import service
from pcrm.identity.tokens.schemas import ApiTokenCreate


@pytest.fixture(autouse=True)
def _no_cached_tokens():
    service.forget_api_tokens()
    yield
    service.forget_api_tokens()


def test_a_new_token_is_stored_as_its_hash_and_prefix_only(uow, acme):
    with uow() as db:
        token, raw = service.create_api_token(
            db, operator_principal(db, "acme", "viewer@acme.example"), ApiTokenCreate(name="ERP")
        )
        stored = (token.name, token.token_prefix, token.token_hash, token.expires_at)

    assert raw.startswith("pcrm_")
    assert stored == ("ERP", raw[:12], hashlib.sha256(raw.encode()).hexdigest(), None)


def test_a_token_resolves_to_its_user_and_is_then_served_from_the_cache(uow, acme):
    raw = acme.tokens["viewer"]

    with uow() as db:
        before = service.cached_api_token(db, raw)
        principal = service.resolve_api_token(db, raw)
        cached = service.cached_api_token(db, raw)

    assert before is None
    assert principal is not None
    assert (principal.user_id, principal.via) == (acme.viewer.user_id, "token")
    assert cached == principal


def test_a_revoked_or_expired_token_resolves_to_nobody(uow, acme):
    with uow() as db:
        viewer = operator_principal(db, "acme", "viewer@acme.example")
        expiring, expiring_raw = service.create_api_token(
            db, viewer, ApiTokenCreate(name="short", expires_in_days=1)
        )
        expiring.expires_at = utcnow() - timedelta(minutes=1)
        [own] = [t for t in service.list_api_tokens(db, viewer) if t.name == "tests"]
        service.revoke_api_token(db, viewer, own.id)

    with uow() as db:
        assert service.resolve_api_token(db, acme.tokens["viewer"]) is None
        assert service.resolve_api_token(db, expiring_raw) is None


def test_one_may_revoke_only_ones_own_tokens(uow, acme):
    with uow() as db:
        [admins] = service.list_api_tokens(db, operator_principal(db, "acme", "admin@acme.example"))
        admins_id = admins.id

    with uow() as db, pytest.raises(NotFound):
        service.revoke_api_token(
            db, operator_principal(db, "acme", "owner@acme.example"), admins_id
        )

    with uow() as db:
        assert service.resolve_api_token(db, acme.tokens["admin"]) is not None
