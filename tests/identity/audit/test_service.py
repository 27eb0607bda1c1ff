"""The audit trail through its service functions: a record's history, the workbench's feed,
and the log, which only auditors may read."""

from __future__ import annotations

import pytest

from pcrm.core.errors import PermissionDenied
from pcrm.identity.audit import service
from pcrm.identity.audit.schemas import AuditQuery
from pcrm.identity.public import operator_principal
from pcrm.identity.users import service as users
from pcrm.identity.users.schemas import ProfileUpdate, UserUpdate


@pytest.fixture
def changed(uow, acme):
    """The viewer renames themselves; then the owner makes them a salesperson."""
    with uow() as db:
        users.update_profile(
            db, operator_principal(db, "acme", "viewer@acme.example"), ProfileUpdate(name="访客甲")
        )
    with uow() as db:
        users.update_user(
            db,
            operator_principal(db, "acme", "owner@acme.example"),
            acme.viewer.user_id,
            UserUpdate(role="sales"),
            2,
        )


def test_a_records_history_comes_newest_first_with_each_change(uow, acme, changed):
    with uow() as db:
        history = service.record_history(
            db,
            operator_principal(db, "acme", "viewer@acme.example"),
            "user",
            acme.viewer.user_id,
        )

    assert [(e.action, e.changes, e.actor_label) for e in history[:2]] == [
        ("update", {"role": ["viewer", "sales"]}, "王总 (cli)"),
        ("update", {"name": ["访客", "访客甲"]}, "访客 (cli)"),
    ]
    assert [e.action for e in history[2:]] == ["create"]


def test_the_feed_shows_an_auditor_everything_and_others_their_own_changes(uow, acme, changed):
    with uow() as db:
        everything = service.recent_changes(
            db, operator_principal(db, "acme", "owner@acme.example")
        )
        own = service.recent_changes(db, operator_principal(db, "acme", "viewer@acme.example"))

    assert [(e.entity_type, e.changes) for e in everything[:2]] == [
        ("user", {"role": ["viewer", "sales"]}),
        ("user", {"name": ["访客", "访客甲"]}),
    ]
    # the viewer's own: the rename, and their API token the fixture made for them
    assert [(e.entity_type, e.action) for e in own] == [("user", "update"), ("api_token", "create")]
    assert own[0].changes == {"name": ["访客", "访客甲"]}


def test_only_an_auditor_reads_the_log(uow, acme, changed):
    with uow() as db:
        log = service.list_audit_entries(
            db,
            operator_principal(db, "acme", "admin@acme.example"),
            AuditQuery(page_size=1, entity_type="user", entity_id=acme.viewer.user_id),
        )
        with pytest.raises(PermissionDenied):
            service.list_audit_entries(
                db, operator_principal(db, "acme", "viewer@acme.example"), AuditQuery(page_size=1)
            )

    assert (log.total, log.pages, [e.changes for e in log.items]) == (
        3,
        3,
        [{"role": ["viewer", "sales"]}],
    )
