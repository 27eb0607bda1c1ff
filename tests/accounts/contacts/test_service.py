"""The rules of contacts, through the service functions: employment history, reporting
lines, look-alikes and merges."""

from __future__ import annotations

from datetime import date

import pytest

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.schemas import AccountCreate
from pcrm.accounts.activities import service as activity_service
from pcrm.accounts.activities.schemas import ActivityCreate
from pcrm.accounts.contacts import service
from pcrm.accounts.contacts.schemas import ContactCreate, ContactQuery, ContactUpdate
from pcrm.core.errors import ValidationFailed
from pcrm.identity.public import operator_principal


def _as(db, who="owner"):
    return operator_principal(db, "acme", f"{who}@acme.example")


def _fields(exc_info):
    return [(e.field, e.type) for e in exc_info.value.errors]


@pytest.fixture
def two_accounts(uow, acme):
    with uow() as db:
        owner = _as(db)
        huawei = account_service.create_account(db, owner, AccountCreate(name="华为"))
        zte = account_service.create_account(db, owner, AccountCreate(name="中兴"))
        return huawei.id, zte.id


def test_a_new_contact_starts_an_employment_at_the_account_today(uow, two_accounts):
    huawei, _ = two_accounts
    with uow() as db:
        owner = _as(db)

        contact = service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=huawei, title="CIO")
        )
        history = service.employment_history(db, owner, contact.id)

        assert [(e.account_name, e.title, e.started_on, e.ended_on) for e in history] == [
            ("华为", "CIO", owner.today(), None)
        ]


def test_moving_to_another_account_closes_the_job_and_drops_the_reporting_line(uow, two_accounts):
    huawei, zte = two_accounts
    with uow() as db:
        owner = _as(db)
        boss = service.create_contact(db, owner, ContactCreate(name="王总", account_id=huawei))
        mover = service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=huawei, reports_to_id=boss.id)
        )

        service.update_contact(
            db, owner, mover.id, ContactUpdate(account_id=zte, title="CTO"), mover.version
        )
        moved = service.get_contact(db, owner, mover.id)
        history = service.employment_history(db, owner, mover.id)

        assert (moved.account_name, moved.reports_to_id) == ("中兴", None)
        assert [(e.account_name, e.title, e.ended_on) for e in history] == [
            ("中兴", "CTO", None),
            ("华为", None, owner.today()),
        ]


def test_a_reporting_line_must_stay_in_the_account_and_never_loop(uow, two_accounts):
    huawei, zte = two_accounts
    with uow() as db:
        owner = _as(db)
        boss = service.create_contact(db, owner, ContactCreate(name="王总", account_id=huawei))
        report = service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=huawei, reports_to_id=boss.id)
        )
        elsewhere = service.create_contact(db, owner, ContactCreate(name="李娜", account_id=zte))

        with pytest.raises(ValidationFailed) as loop:
            service.update_contact(
                db, owner, boss.id, ContactUpdate(reports_to_id=report.id), boss.version
            )
        with pytest.raises(ValidationFailed) as across:
            service.update_contact(
                db, owner, elsewhere.id, ContactUpdate(reports_to_id=boss.id), elsewhere.version
            )

        assert _fields(loop) == [("reports_to_id", "value_error")]
        assert _fields(across) == [("reports_to_id", "value_error")]
        assert [c.id for c in service.direct_reports(db, owner, boss.id)] == [report.id]


def test_leaving_needs_a_date_which_ends_the_job(uow, two_accounts):
    huawei, _ = two_accounts
    with uow() as db:
        owner = _as(db)
        contact = service.create_contact(db, owner, ContactCreate(name="张伟", account_id=huawei))

        with pytest.raises(ValidationFailed) as refused:
            service.update_contact(
                db, owner, contact.id, ContactUpdate(status="left"), contact.version
            )
        service.update_contact(
            db,
            owner,
            contact.id,
            ContactUpdate(status="left", left_on=date(2026, 3, 31)),
            contact.version,
        )

        assert _fields(refused) == [("left_on", "value_error")]
        assert [e.ended_on for e in service.employment_history(db, owner, contact.id)] == [
            date(2026, 3, 31)
        ]


def test_look_alikes_are_the_same_mobile_or_a_near_identical_name_at_the_account(uow, two_accounts):
    huawei, zte = two_accounts
    with uow() as db:
        owner = _as(db)
        zhang = service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=huawei, mobile="13812345678")
        )
        service.create_contact(db, owner, ContactCreate(name="张伟", account_id=zte))

        by_mobile = service.find_contact_duplicates(
            db, owner, "别人", None, mobile="+8613812345678"
        )
        by_name = service.find_contact_duplicates(db, owner, " 张伟 ", huawei)
        itself = service.find_contact_duplicates(db, owner, "张伟", huawei, exclude_id=zhang.id)

        assert [(d.id, d.reason, d.score) for d in by_mobile] == [(zhang.id, "mobile", 100)]
        assert [(d.id, d.reason, d.score) for d in by_name] == [(zhang.id, "name", 100)]
        assert itself == []


def test_merging_moves_activities_and_reports_and_archives_the_duplicate(uow, two_accounts):
    huawei, _ = two_accounts
    with uow() as db:
        owner = _as(db)
        keep = service.create_contact(db, owner, ContactCreate(name="张伟", account_id=huawei))
        twin = service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=huawei, mobile="13812345678")
        )
        report = service.create_contact(
            db, owner, ContactCreate(name="李娜", account_id=huawei, reports_to_id=twin.id)
        )
        activity = activity_service.create_activity(
            db,
            owner,
            ActivityCreate(
                type="call",
                occurred_at="2026-03-02T10:00:00+08:00",
                account_id=huawei,
                contact_id=twin.id,
                subject="电话",
                participant_contact_ids=[twin.id],
            ),
        )

        service.merge_contacts(db, owner, keep.id, twin.id)
        moved = activity_service.get_activity(db, owner, activity.id)
        listed = service.list_contacts(db, owner, ContactQuery(account_id=huawei))

        assert (moved.contact_id, moved.participant_contact_ids) == (keep.id, [keep.id])
        assert service.get_contact(db, owner, report.id).reports_to_id == keep.id
        assert service.get_contact(db, owner, keep.id).mobile == "+8613812345678"
        assert service.get_contact(db, owner, twin.id).merged_into_id == keep.id
        assert sorted(c.name for c in listed.items) == ["张伟", "李娜"]
