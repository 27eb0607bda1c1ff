"""Sign-in and sessions through their service functions: credentials with throttling, the
session resolved on each request, signing out, and the operator's principal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import GLOBAL
from pcrm.identity.sessions import service
from pcrm.identity.sessions.models import LoginAttempt
from tests.factories import PASSWORD, SETTINGS

IP = "203.0.113.7"


def _attempts(db, email):
    query = select(LoginAttempt.succeeded).where(LoginAttempt.email == email)
    return list(db.scalars(query.order_by(LoginAttempt.id).execution_options(**GLOBAL)))


def test_a_wrong_password_is_refused_and_its_attempt_recorded(uow, acme):
    with uow() as db, pytest.raises(service.InvalidCredentials):
        service.sign_in(db, "Viewer@Acme.example ", "wrong-password", IP, "tests", SETTINGS)

    with uow() as db:
        assert _attempts(db, "viewer@acme.example") == [False]


def test_a_signed_in_session_resolves_to_its_user_until_signed_out(uow, acme):
    with uow() as db:
        signed_in = service.sign_in(db, "viewer@acme.example", PASSWORD, IP, "tests", SETTINGS)
        token = signed_in.session_token

    with uow() as db:
        principal = service.resolve_session(db, token, SETTINGS)
        assert principal is not None
        assert (principal.user_id, principal.role.value, principal.via) == (
            acme.viewer.user_id,
            "viewer",
            "session",
        )
        service.sign_out(db, token)

    with uow() as db:
        assert service.resolve_session(db, token, SETTINGS) is None
        assert _attempts(db, "viewer@acme.example") == [True]


def test_an_operator_acts_as_an_active_user_of_the_workspace(uow, acme):
    with uow() as db:
        principal = service.operator_principal(db, "acme", " Admin@Acme.example")
        with pytest.raises(NotFound) as unknown:
            service.operator_principal(db, "acme", "owner@other.example")
        with pytest.raises(NotFound) as nowhere:
            service.operator_principal(db, "nowhere", "admin@acme.example")

    assert (principal.user_id, principal.workspace_slug, principal.via) == (
        acme.admin.user_id,
        "acme",
        "cli",
    )
    assert unknown.value.detail == "No active user with this e-mail address in the workspace."
    assert nowhere.value.detail == "No such workspace."
