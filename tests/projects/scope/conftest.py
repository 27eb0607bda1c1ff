"""Fixtures of the requirements, baselines and sign-off tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.projects.scope.steps import make_project


@pytest.fixture
def files(app, tmp_path, monkeypatch) -> Path:
    """Every test keeps its uploads in a folder of its own."""
    folder = tmp_path / "files"
    monkeypatch.setattr(app.state.settings, "files_dir", folder)
    return folder


@pytest.fixture
def project(client, acme, uow):
    """See `make_project`."""
    return make_project(client, acme, uow)
