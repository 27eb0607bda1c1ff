"""The rules of accounts, through the service functions: who owns a new account, what a
lost customer needs, the group hierarchy, unique credit codes, bulk actions and merges."""

from __future__ import annotations

import pytest

from pcrm.accounts.accounts import service
from pcrm.accounts.accounts.schemas import (
    AccountCreate,
    AccountQuery,
    AccountUpdate,
    BulkAction,
    TeamMemberWrite,
)
from pcrm.accounts.activities import service as activity_service
from pcrm.accounts.activities.schemas import ActivityCreate
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactCreate
from pcrm.core.errors import PermissionDenied, ValidationFailed
from pcrm.identity.public import operator_principal
from tests.accounts.builders import CREDIT_CODE


def _as(db, who):
    return operator_principal(db, "acme", f"{who}@acme.example")


def _fields(exc_info):
    return [(e.field, e.type) for e in exc_info.value.errors]


def test_a_new_account_is_owned_by_its_creator_unless_an_owner_is_given(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")

        mine = service.create_account(db, owner, AccountCreate(name="华为"))
        theirs = service.create_account(
            db, owner, AccountCreate(name="中兴", owner_id=acme.admin.user_id)
        )
        nobodys = service.create_account(db, owner, AccountCreate(name="大唐", owner_id=None))

        assert (mine.owner_id, theirs.owner_id, nobodys.owner_id) == (
            acme.owner.user_id,
            acme.admin.user_id,
            None,
        )


def test_a_lost_customer_needs_a_reason_and_is_lost_today_unless_told(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")

        with pytest.raises(ValidationFailed) as refused:
            service.create_account(db, owner, AccountCreate(name="华为", lifecycle_stage="lost"))
        lost = service.create_account(
            db,
            owner,
            AccountCreate(name="中兴", lifecycle_stage="lost", lost_reason="价格没有竞争力"),
        )

        assert _fields(refused) == [("lost_reason", "value_error")]
        assert (lost.lost_reason, lost.lost_on) == ("价格没有竞争力", owner.today())


def test_a_parent_that_would_make_a_cycle_is_refused(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")
        group = service.create_account(db, owner, AccountCreate(name="集团"))
        subsidiary = service.create_account(
            db, owner, AccountCreate(name="子公司", parent_id=group.id)
        )

        with pytest.raises(ValidationFailed) as refused:
            service.update_account(
                db, owner, group.id, AccountUpdate(parent_id=subsidiary.id), group.version
            )

        assert _fields(refused) == [("parent_id", "value_error")]
        assert service.get_account(db, owner, group.id).parent_id is None


def test_a_credit_code_belongs_to_one_account(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")
        service.create_account(db, owner, AccountCreate(name="华为", credit_code=CREDIT_CODE))

        with pytest.raises(ValidationFailed) as refused:
            service.create_account(db, owner, AccountCreate(name="华为二", credit_code=CREDIT_CODE))

        assert _fields(refused) == [("credit_code", "unique")]


def test_a_viewer_reads_accounts_but_cannot_create_one(uow, acme):
    with uow() as db:
        account = service.create_account(db, _as(db, "owner"), AccountCreate(name="华为"))
        viewer = _as(db, "viewer")

        with pytest.raises(PermissionDenied):
            service.create_account(db, viewer, AccountCreate(name="中兴"))
        listed = service.list_accounts(db, viewer, AccountQuery())

        assert [a.id for a in listed.items] == [account.id]


def test_a_bulk_tag_is_added_once_and_unknown_ids_change_nothing(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")
        tagged = service.create_account(db, owner, AccountCreate(name="华为", tags=["重点"]))
        plain = service.create_account(db, owner, AccountCreate(name="中兴"))

        updated = service.bulk_update_accounts(
            db, owner, BulkAction(ids=[tagged.id, plain.id], action="add_tag", tag="重点")
        )
        with pytest.raises(ValidationFailed) as refused:
            service.bulk_update_accounts(
                db, owner, BulkAction(ids=[plain.id, 999_999], action="archive")
            )

        assert updated == 2
        assert (tagged.tags, plain.tags) == (["重点"], ["重点"])
        assert _fields(refused) == [("ids", "value_error")]
        assert plain.archived_at is None
        assert service.account_tags(db, owner) == ["重点"]


def test_merging_moves_contacts_activities_and_team_onto_the_kept_account(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")
        admin = acme.admin.user_id
        keep = service.create_account(db, owner, AccountCreate(name="华为技术有限公司"))
        twin = service.create_account(
            db,
            owner,
            AccountCreate(
                name="华为技术",
                credit_code=CREDIT_CODE,
                team=[TeamMemberWrite(user_id=admin, role="technical")],
            ),
        )
        contact = contact_service.create_contact(
            db, owner, ContactCreate(name="张伟", account_id=twin.id)
        )
        activity = activity_service.create_activity(
            db,
            owner,
            ActivityCreate(
                type="visit",
                occurred_at="2026-03-02T10:00:00+08:00",
                account_id=twin.id,
                subject="拜访",
            ),
        )

        kept = service.merge_accounts(db, owner, keep.id, twin.id)
        detail = service.account_detail(db, owner, keep.id)

        assert (kept.credit_code, kept.aliases) == (CREDIT_CODE, ["华为技术"])
        assert (twin.merged_into_id, twin.archived_at is not None) == (keep.id, True)
        assert contact_service.get_contact(db, owner, contact.id).account_id == keep.id
        assert activity_service.get_activity(db, owner, activity.id).account_id == keep.id
        assert [(m.user_id, m.role) for m in detail.team] == [(admin, "technical")]
        assert detail.contact_count == 1


def test_a_merged_account_cannot_be_restored(uow, acme):
    with uow() as db:
        owner = _as(db, "owner")
        keep = service.create_account(db, owner, AccountCreate(name="华为"))
        twin = service.create_account(db, owner, AccountCreate(name="华为技术"))
        service.merge_accounts(db, owner, keep.id, twin.id)

        with pytest.raises(ValidationFailed) as refused:
            service.restore_account(db, owner, twin.id)

        assert _fields(refused) == [("archived_at", "value_error")]
        assert service.get_account(db, owner, twin.id).archived_at is not None
