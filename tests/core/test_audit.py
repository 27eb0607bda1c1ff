"""The audit trail: written in the same transaction as the change, append-only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from pcrm.core.audit import AuditEntry, AuditTamperError, set_actor
from pcrm.core.context import record_clock, record_clock_set, request_id_var, set_record_clock
from pcrm.identity.permissions import Role
from pcrm.identity.users.models import User
from tests.factories import make_user, make_workspace


def _entries(db, workspace_id):
    query = (
        select(AuditEntry).where(AuditEntry.workspace_id == workspace_id).order_by(AuditEntry.id)
    )
    return db.scalars(query).all()


def test_create_writes_an_entry_with_actor_request_id_and_values(uow):
    token = request_id_var.set("req-create-0001")
    try:
        with uow() as db:
            set_actor(db, None, "tester")
            acme = make_workspace(db)
            member = make_user(db, acme, "a@acme.example", Role.SALES, name="李四")
    finally:
        request_id_var.reset(token)
    with uow() as db:
        entries = _entries(db, acme.id)
    assert [(e.entity_type, e.entity_id, e.action) for e in entries] == [
        ("workspace", acme.id, "create"),
        ("user", member.user_id, "create"),
    ]
    user_entry = entries[1]
    assert user_entry.actor_label == "tester"
    assert user_entry.request_id == "req-create-0001"
    assert user_entry.changes["email"] == [None, "a@acme.example"]
    assert user_entry.changes["role"] == [None, "sales"]
    assert user_entry.changes["name"] == [None, "李四"]
    assert "password_hash" not in user_entry.changes
    assert user_entry.occurred_at.tzinfo is not None


def test_update_records_only_changed_fields_before_and_after(uow):
    with uow() as db:
        acme = make_workspace(db)
        member = make_user(db, acme, "a@acme.example", name="旧名")
    with uow() as db:
        set_actor(db, member.user_id, "旧名")
        user = db.scalars(select(User).where(User.workspace_id == acme.id)).one()
        user.name = "新名"
        user.role = Role.MANAGER
    with uow() as db:
        last = _entries(db, acme.id)[-1]
    assert last.action == "update"
    assert last.actor_user_id == member.user_id
    assert last.changes == {"name": ["旧名", "新名"], "role": ["sales", "manager"]}


def test_a_rolled_back_change_leaves_no_entry(uow):
    with uow() as db:
        acme = make_workspace(db)
        make_user(db, acme, "a@acme.example", name="原名")
    before = None
    with uow() as db:
        before = len(_entries(db, acme.id))
    with pytest.raises(RuntimeError), uow() as db:
        user = db.scalars(select(User).where(User.workspace_id == acme.id)).one()
        user.name = "不会保存"
        db.flush()
        raise RuntimeError("the request failed after the flush")
    with uow() as db:
        assert len(_entries(db, acme.id)) == before
        assert db.scalars(select(User.name).where(User.workspace_id == acme.id)).one() == "原名"


def test_delete_records_the_values_that_were_removed(uow):
    with uow() as db:
        acme = make_workspace(db)
        member = make_user(db, acme, "gone@acme.example")
    with uow() as db:
        user = db.scalars(select(User).where(User.workspace_id == acme.id)).one()
        db.delete(user)
    with uow() as db:
        last = _entries(db, acme.id)[-1]
    assert (last.entity_type, last.entity_id, last.action) == ("user", member.user_id, "delete")
    assert last.changes["email"] == ["gone@acme.example", None]


@pytest.mark.parametrize("tamper", ["update", "delete"])
def test_entries_cannot_be_changed_or_deleted_through_the_orm(uow, tamper):
    with uow() as db:
        acme = make_workspace(db)
    with pytest.raises(AuditTamperError), uow() as db:
        entry = _entries(db, acme.id)[0]
        if tamper == "update":
            entry.action = "forged"
        else:
            db.delete(entry)
        db.flush()
    with uow() as db:
        assert [e.action for e in _entries(db, acme.id)] == ["create"]


def test_the_record_clock_dates_rows_and_their_entries_and_is_unset_after(uow):
    """A writer of past records (the demo) sets the record clock: the rows' created/updated
    times and their audit entries agree with it; outside the block the real time is back."""
    then = datetime(2024, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with record_clock_set(), uow() as db:
        set_record_clock(then)
        acme = make_workspace(db)
        member = make_user(db, acme, "a@acme.example", Role.SALES, name="李四")
        db.flush()
    assert record_clock() is None
    with uow() as db:
        user = db.scalars(
            select(User).where(User.workspace_id == acme.id, User.id == member.user_id)
        ).one()
        entries = _entries(db, acme.id)
        assert (user.created_at, user.updated_at) == (then, then)
        assert {e.occurred_at for e in entries} == {then}
        make_user(db, acme, "b@acme.example", Role.SALES, name="王五")
        db.flush()
        later = _entries(db, acme.id)[-1]
    assert later.occurred_at > datetime.now(UTC) - timedelta(minutes=5)
