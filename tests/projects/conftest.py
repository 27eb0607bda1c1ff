"""Fixtures of the projects tests: workspace acme with a user per role and a stranger, and a
won opportunity of 华为 with its team, decision chain and review."""

from __future__ import annotations

import pytest

from tests.factories import Team, make_team
from tests.projects.builders import World, won_world


@pytest.fixture
def acme(uow) -> Team:
    """See `make_team`."""
    with uow() as db:
        return make_team(db)


@pytest.fixture
def world(client, acme) -> World:
    return won_world(client, acme)
