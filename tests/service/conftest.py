"""Fixtures of the service tests: workspace acme with a user per role and a stranger, and its
customer 华为 (with a won opportunity) from the projects tests' world."""

from __future__ import annotations

import pytest

from tests.factories import Team, make_team
from tests.projects.builders import World, won_world


@pytest.fixture
def acme(uow) -> Team:
    with uow() as db:
        return make_team(db)


@pytest.fixture
def world(client, acme) -> World:
    return won_world(client, acme)
