"""Fixtures of the relationships tests: one workspace with a user per role, and a stranger."""

from __future__ import annotations

import pytest

from tests.factories import acme_with_roles


@pytest.fixture
def acme(uow):
    """See `acme_with_roles`."""
    with uow() as db:
        return acme_with_roles(db)
