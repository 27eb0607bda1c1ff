"""Fixtures of the requirements, baselines and sign-off tests."""

from __future__ import annotations

import pytest

from tests.projects.scope.steps import make_project


@pytest.fixture
def project(client, acme, uow):
    """See `make_project`."""
    return make_project(client, acme, uow)
