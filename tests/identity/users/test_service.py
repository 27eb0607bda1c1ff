"""Users and invitations through their service functions: unique e-mail addresses, who may
grant which role, no change to one's own role, deactivation ending every credential, the users
list, and an invitation that works once."""

from __future__ import annotations

import pytest

from pcrm.core.errors import NotFound, PermissionDenied, ValidationFailed
from pcrm.core.pagination import PageRequest
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.identity.tokens import service as tokens
from pcrm.identity.users import service
from pcrm.identity.users.schemas import InvitationAccept, InvitationCreate, UserCreate, UserUpdate
from tests.factories import SETTINGS


def test_an_email_address_is_taken_once_across_workspaces(uow, acme):
    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_user(
            db,
            WorkspaceScope(acme.stranger.workspace_id),
            UserCreate(
                email="Owner@ACME.example", name="重名", role="sales", password="long-enough-1"
            ),
            SETTINGS,
        )

    assert [(e.field, e.message, e.type) for e in refused.value.errors] == [
        ("email", "A user with this e-mail address already exists.", "unique")
    ]


def test_only_an_owner_grants_the_owner_role(uow, acme):
    with uow() as db, pytest.raises(PermissionDenied):
        service.update_user(
            db,
            operator_principal(db, "acme", "admin@acme.example"),
            acme.viewer.user_id,
            UserUpdate(role="owner"),
            None,
        )

    with uow() as db:
        promoted = service.update_user(
            db,
            operator_principal(db, "acme", "owner@acme.example"),
            acme.viewer.user_id,
            UserUpdate(role="owner"),
            None,
        )
        assert (promoted.role, promoted.version) == (Role.OWNER, 2)


def test_one_may_not_change_ones_own_role_or_deactivate_oneself(uow, acme):
    with uow() as db:
        admin = operator_principal(db, "acme", "admin@acme.example")
        with pytest.raises(ValidationFailed) as demoting:
            service.update_user(db, admin, acme.admin.user_id, UserUpdate(role="manager"), None)
        with pytest.raises(ValidationFailed) as leaving:
            service.update_user(db, admin, acme.admin.user_id, UserUpdate(is_active=False), None)

    message = "You cannot change your own role or deactivate yourself."
    assert [(e.field, e.message) for e in demoting.value.errors] == [("role", message)]
    assert [(e.field, e.message) for e in leaving.value.errors] == [("is_active", message)]


def test_deactivating_a_user_ends_their_tokens(uow, acme):
    with uow() as db:
        service.update_user(
            db,
            operator_principal(db, "acme", "owner@acme.example"),
            acme.viewer.user_id,
            UserUpdate(is_active=False),
            None,
        )

    with uow() as db:
        viewer = service.get_user(
            db, operator_principal(db, "acme", "owner@acme.example"), acme.viewer.user_id
        )
        assert (viewer.is_active, viewer.deactivated_at is not None) == (False, True)
        assert tokens.resolve_api_token(db, acme.tokens["viewer"]) is None


def test_the_users_list_filters_sorts_and_pages(uow, acme):
    with uow() as db:
        principal = operator_principal(db, "acme", "viewer@acme.example")
        page = service.list_users(db, principal, PageRequest(1, 2), sort="-email")
        owners = service.list_users(db, principal, PageRequest(1, 50), role=Role.OWNER)
        with pytest.raises(ValidationFailed) as refused:
            service.list_users(db, principal, PageRequest(1, 50), sort="password_hash")

    assert ([u.email for u in page.items], page.total, page.pages) == (
        ["viewer@acme.example", "owner@acme.example"],
        3,
        2,
    )
    assert [u.email for u in owners.items] == ["owner@acme.example"]
    assert [(e.field, e.message) for e in refused.value.errors] == [("sort", "Unknown sort field.")]


def test_an_invitation_makes_its_user_once(uow, acme):
    with uow() as db:
        _invitation, raw = service.invite_user(
            db,
            operator_principal(db, "acme", "admin@acme.example"),
            InvitationCreate(email="New@Acme.example", name="新人", role="delivery"),
        )

    with uow() as db:
        user = service.accept_invitation(
            db, raw, InvitationAccept(name="新同事", password="my-own-password"), SETTINGS
        )
        joined = (user.email, user.name, user.role, user.workspace_id)

    assert joined == ("new@acme.example", "新同事", Role.DELIVERY, acme.workspace.id)
    with uow() as db, pytest.raises(NotFound):
        service.open_invitation(db, raw)
    with uow() as db:
        pending = service.list_invitations(db, operator_principal(db, "acme", "admin@acme.example"))
        assert pending == []
