"""Workspaces through their service functions: created with a checked short name, their
settings changed with optimistic locking, and the workbench's summary."""

from __future__ import annotations

import pytest

from pcrm.core.errors import PermissionDenied, StaleVersion, ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.identity.workspaces import service
from pcrm.identity.workspaces.schemas import WorkspaceUpdate


def test_a_workspace_needs_a_short_name_and_a_name(uow):
    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_workspace(db, "A b", "  ")

    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("slug", "Use 3-40 lower-case letters, digits and hyphens."),
        ("name", "Enter a name of 1 to 120 characters."),
    ]


def test_a_short_name_is_taken_once(uow, acme):
    with uow() as db, pytest.raises(ValidationFailed) as refused:
        service.create_workspace(db, "acme", "另一个 Acme")

    assert [(e.field, e.message, e.type) for e in refused.value.errors] == [
        ("slug", "This workspace already exists.", "unique")
    ]


def test_settings_change_with_the_version_read_and_not_with_an_older_one(uow, acme):
    with uow() as db:
        changed = service.update_workspace(
            db,
            operator_principal(db, "acme", "owner@acme.example"),
            WorkspaceUpdate(currency="USD", timezone="Europe/Berlin"),
            1,
        )
        after = (changed.currency, changed.timezone, changed.version)

    with uow() as db, pytest.raises(StaleVersion):
        service.update_workspace(
            db,
            operator_principal(db, "acme", "owner@acme.example"),
            WorkspaceUpdate(currency="EUR"),
            1,
        )

    assert after == ("USD", "Europe/Berlin", 2)
    with uow() as db:
        found = service.workspace_of(db, operator_principal(db, "acme", "viewer@acme.example"))
        assert (found.currency, found.version) == ("USD", 2)


def test_a_viewer_may_not_change_the_settings(uow, acme):
    with uow() as db, pytest.raises(PermissionDenied):
        service.update_workspace(
            db,
            operator_principal(db, "acme", "viewer@acme.example"),
            WorkspaceUpdate(name="改名"),
            None,
        )


def test_the_summary_counts_the_users_and_ones_own_live_tokens(uow, acme):
    with uow() as db:
        summary = service.workspace_summary(
            db, operator_principal(db, "acme", "owner@acme.example")
        )

    assert summary == {"users": 3, "tokens": 1}
