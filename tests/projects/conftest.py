"""Fixtures of the projects tests: acme's roles (see `make_team`)."""

from __future__ import annotations

import pytest

from tests.factories import Team, make_team


@pytest.fixture
def acme(uow) -> Team:
    """See `make_team`."""
    with uow() as db:
        return make_team(db)
