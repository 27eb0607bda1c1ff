"""The rules of activities, through the service functions: times with their zone, contacts
of the same account, the next step's reminder, archiving and the list of a contact."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.activities import service
from pcrm.accounts.activities.schemas import ActivityCreate, ActivityQuery, ActivityUpdate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.core.errors import ValidationFailed
from pcrm.identity.public import operator_principal
from pcrm.notifications.models import Reminder


def _as(db, who="owner"):
    return operator_principal(db, "acme", f"{who}@acme.example")


def _fields(exc_info):
    return [(e.field, e.type) for e in exc_info.value.errors]


def _visit(account_id, **fields):
    values = {
        "type": "visit",
        "occurred_at": "2026-03-02T10:00:00+08:00",
        "account_id": account_id,
        "subject": "拜访",
    }
    return ActivityCreate.model_validate(values | fields)


def _open_reminders(db, workspace_id):
    query = select(Reminder).where(
        Reminder.workspace_id == workspace_id, Reminder.done_at.is_(None)
    )
    return [(r.user_id, r.due_at, r.title, r.source_id) for r in db.scalars(query)]


@pytest.fixture
def huawei(uow, acme):
    """An account with one contact, and another account with one."""
    with uow() as db:
        owner = _as(db)
        account = account_service.create_account(db, owner, AccountCreate(name="华为"))
        other = account_service.create_account(db, owner, AccountCreate(name="中兴"))
        zhang = contact_service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=account.id)
        )
        li = contact_service.create_contact(
            db, owner, ContactCreate(name="李娜", account_id=other.id)
        )
        return {"account": account.id, "zhang": zhang.id, "other_contact": li.id}


def test_an_activity_is_kept_in_utc_with_its_cost_to_the_cent(uow, acme, huawei):
    with uow() as db:
        owner = _as(db)

        created = service.create_activity(db, owner, _visit(huawei["account"], cost="12.5"))
        read = service.get_activity(db, owner, created.id)

        assert (read.occurred_at, read.cost, read.owner_id, read.account_name) == (
            datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
            Decimal("12.50"),
            acme.owner.user_id,
            "华为",
        )


def test_a_time_without_its_zone_and_a_contact_of_another_account_are_refused(uow, acme, huawei):
    with uow() as db:
        owner = _as(db)

        with pytest.raises(ValidationFailed) as naive:
            service.create_activity(
                db, owner, _visit(huawei["account"], occurred_at="2026-03-02T10:00:00")
            )
        with pytest.raises(ValidationFailed) as elsewhere:
            service.create_activity(
                db,
                owner,
                _visit(
                    huawei["account"],
                    contact_id=huawei["other_contact"],
                    participant_contact_ids=[huawei["other_contact"], 999_999],
                ),
            )

        assert _fields(naive) == [("occurred_at", "value_error")]
        assert _fields(elsewhere) == [
            ("contact_id", "value_error"),
            ("participant_contact_ids", "value_error"),
        ]


def test_a_next_step_with_a_due_date_reminds_its_owner_at_nine_local_time(uow, acme, huawei):
    with uow() as db:
        owner = _as(db)

        activity = service.create_activity(
            db, owner, _visit(huawei["account"], next_step="寄送方案", next_step_due="2026-03-10")
        )
        created = _open_reminders(db, acme.workspace.id)
        service.update_activity(
            db,
            owner,
            activity.id,
            ActivityUpdate(owner_id=acme.admin.user_id),
            activity.version,
        )
        handed_over = _open_reminders(db, acme.workspace.id)
        service.archive_activity(db, owner, activity.id)

        assert created == [
            (
                acme.owner.user_id,
                datetime(2026, 3, 10, 1, 0, tzinfo=UTC),
                "寄送方案",
                activity.id,
            )
        ]
        assert handed_over == [
            (
                acme.admin.user_id,
                datetime(2026, 3, 10, 1, 0, tzinfo=UTC),
                "寄送方案",
                activity.id,
            )
        ]
        assert _open_reminders(db, acme.workspace.id) == []


def test_a_contacts_activities_are_those_they_are_the_contact_of_or_took_part_in(uow, acme, huawei):
    with uow() as db:
        owner = _as(db)
        theirs = service.create_activity(
            db, owner, _visit(huawei["account"], subject="他的拜访", contact_id=huawei["zhang"])
        )
        joined = service.create_activity(
            db,
            owner,
            _visit(
                huawei["account"],
                subject="一起开会",
                occurred_at="2026-03-03T10:00:00+08:00",
                participant_contact_ids=[huawei["zhang"]],
            ),
        )
        service.create_activity(db, owner, _visit(huawei["account"], subject="与他无关"))
        archived = service.create_activity(
            db, owner, _visit(huawei["account"], subject="取消", contact_id=huawei["zhang"])
        )
        service.archive_activity(db, owner, archived.id)

        page = service.list_activities(db, owner, ActivityQuery(contact_id=huawei["zhang"]))

        assert [(a.id, a.subject) for a in page.items] == [
            (joined.id, "一起开会"),
            (theirs.id, "他的拜访"),
        ]
        assert (page.total, page.total_capped) == (2, False)
