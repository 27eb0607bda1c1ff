"""Fixtures of the identity tests: two workspaces with tokens (`acme`), or one workspace with
its owner and a salesperson for the pages (`owner`)."""

from __future__ import annotations

import pytest

from pcrm.identity.permissions import Role
from tests.factories import Team, make_team, make_user, make_workspace


@pytest.fixture
def acme(uow) -> Team:
    """See `make_team`."""
    with uow() as db:
        return make_team(db, with_sales=False)


@pytest.fixture
def owner(uow):
    """Workspace acme with its owner 王总 (returned) and a salesperson 销售甲."""
    with uow() as db:
        acme = make_workspace(db)
        owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
        make_user(db, acme, "sales@acme.example", Role.SALES, name="销售甲")
    return owner
