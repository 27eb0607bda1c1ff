"""Fixtures of the identity tests: two workspaces with tokens (`acme`), or one workspace with
its owner and a salesperson for the pages (`owner`)."""

from __future__ import annotations

import pytest

from pcrm.identity.permissions import Role
from tests.factories import make_token, make_user, make_workspace


@pytest.fixture
def acme(uow):
    """Two workspaces; tokens for acme's owner, viewer and for other's owner."""
    with uow() as db:
        acme = make_workspace(db, "acme", "Acme 工程")
        other = make_workspace(db, "other", "Other 集团")
        owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        admin = make_user(db, acme, "admin@acme.example", Role.ADMIN, name="管理员")
        viewer = make_user(db, acme, "viewer@acme.example", Role.VIEWER, name="访客")
        stranger = make_user(db, other, "owner@other.example", Role.OWNER, name="外人")
        tokens = {
            "owner": make_token(db, acme, owner.email),
            "admin": make_token(db, acme, admin.email),
            "viewer": make_token(db, acme, viewer.email),
            "stranger": make_token(db, other, stranger.email),
        }
    return {
        "owner": owner,
        "admin": admin,
        "viewer": viewer,
        "stranger": stranger,
        "tokens": tokens,
        "workspace": acme,
    }


@pytest.fixture
def owner(uow):
    """Workspace acme with its owner 王总 (returned) and a salesperson 销售甲."""
    with uow() as db:
        acme = make_workspace(db)
        owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        make_user(db, acme, "sales@acme.example", Role.SALES, name="销售甲")
    return owner
