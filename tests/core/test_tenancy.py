"""Tenancy by construction: an ORM query on a tenant table without a workspace filter fails."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from pcrm.core.tenancy import GLOBAL, TenantScopeError, WorkspaceScope
from pcrm.identity.tokens.models import ApiToken
from pcrm.identity.users.models import User
from pcrm.identity.workspaces.models import Workspace
from tests.factories import make_user, make_workspace


def test_unscoped_select_on_a_tenant_table_is_refused(uow):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "a@acme.example")
    with uow() as db, pytest.raises(TenantScopeError, match="users"):
        db.scalars(select(User).where(User.email == "a@acme.example")).all()


def test_scoped_select_passes_and_sees_only_its_workspace(uow):
    with uow() as db:
        acme = make_workspace(db, "acme")
        other = make_workspace(db, "other")
        make_user(db, acme, "a@acme.example")
        make_user(db, other, "b@other.example")
    with uow() as db:
        emails = db.scalars(select(User.email).where(User.workspace_id == acme.id)).all()
    assert emails == ["a@acme.example"]


def test_a_join_needs_the_filter_on_every_tenant_table(uow):
    with uow() as db:
        make_workspace(db)
    query = (
        select(ApiToken).join(User, User.id == ApiToken.user_id).where(ApiToken.workspace_id == 1)
    )
    with uow() as db, pytest.raises(TenantScopeError, match="users"):
        db.execute(query).all()
    scoped = query.where(User.workspace_id == 1)
    with uow() as db:
        assert db.execute(scoped).all() == []


def test_unscoped_bulk_update_is_refused_and_changes_nothing(uow):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "a@acme.example", name="原名")
    with uow() as db, pytest.raises(TenantScopeError):
        db.execute(update(User).values(name="改名"))
    with uow() as db:
        names = db.scalars(select(User.name).where(User.workspace_id == acme.id)).all()
    assert names == ["原名"]


def test_global_queries_must_say_so(uow):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "a@acme.example")
    with uow() as db:
        found = db.scalars(select(User.email).execution_options(**GLOBAL)).all()
    assert found == ["a@acme.example"]


def test_non_tenant_tables_need_no_filter(uow):
    with uow() as db:
        make_workspace(db, "acme")
    with uow() as db:
        assert db.scalars(select(Workspace.slug)).all() == ["acme"]


@pytest.mark.parametrize("bad", [0, -1])
def test_a_scope_needs_a_real_workspace(bad):
    with pytest.raises(TenantScopeError):
        WorkspaceScope(bad)
