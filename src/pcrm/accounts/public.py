"""What other areas may use from the customer line. Returns schemas, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from pcrm.accounts import validation as _validation
from pcrm.accounts import vocab as _vocab
from pcrm.accounts.accounts import repository as repo
from pcrm.accounts.accounts import schemas as _account_schemas
from pcrm.accounts.accounts import service
from pcrm.accounts.accounts import service as _accounts
from pcrm.accounts.accounts.schemas import AccountRead
from pcrm.accounts.activities import repository as activities_repo
from pcrm.accounts.activities import schemas as _activity_schemas
from pcrm.accounts.activities import service as _activities
from pcrm.accounts.contacts import repository as contacts_repo
from pcrm.accounts.contacts import schemas as _contact_schemas
from pcrm.accounts.contacts import service as _contacts
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.schemas import ContactRead, ContactUpdate
from pcrm.accounts.extra_pages import register_account_page
from pcrm.accounts.search.service import like_pattern as search_pattern
from pcrm.accounts.search.service import normalize_query as normalize_search
from pcrm.accounts.search.service import rank as search_rank
from pcrm.accounts.search.service import search_fields, sort_key
from pcrm.accounts.vocab import ContactStatus, Importance, Ownership, label
from pcrm.core.db import row_dicts
from pcrm.core.errors import FieldError, ValidationFailed
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal

__all__ = [
    "AccountRead",
    "AccountRef",
    "ContactRead",
    "ContactRef",
    "Importance",
    "Ownership",
    "account_contacts",
    "account_ids_by_ownership",
    "account_people",
    "account_refs",
    "activities_involving",
    "contacts_by_ids",
    "get_account",
    "get_contact",
    "label",
    "last_activity_with",
    "last_interactions",
    "live_contacts",
    "normalize_search",
    "register_account_page",
    "reporting_links",
    "search_fields",
    "search_pattern",
    "search_rank",
    "set_reports_to",
    "sort_key",
]


@dataclass(frozen=True, slots=True)
class AccountRef:
    """An account as other areas' lists show it."""

    id: int
    name: str
    short_name: str | None
    ownership: Ownership | None
    archived: bool


def account_refs(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, AccountRef]:
    """The named accounts of the workspace (archived ones too, marked), in one query of the
    columns a reference needs."""
    return {
        a.id: AccountRef(a.id, a.name, a.short_name, a.ownership, a.archived_at is not None)
        for a in repo.account_ref_rows(db, scope, ids)
    }


def account_ids_by_ownership(db: Session, scope: WorkspaceScope, ownership: Ownership) -> set[int]:
    """Ids of the workspace's accounts of this ownership type, archived ones included."""
    return repo.account_ids_by_ownership(db, scope, ownership)


def get_account(db: Session, principal: Principal, account_id: int) -> AccountRead:
    return AccountRead.model_validate(service.get_account(db, principal, account_id))


def get_contact(db: Session, principal: Principal, contact_id: int) -> ContactRead:
    return contact_service.get_contact(db, principal, contact_id)


@dataclass(frozen=True, slots=True)
class ContactRef:
    """A contact as another area's graph or analysis of a whole account needs it: a plain
    object, since such a read builds hundreds of them."""

    id: int
    name: str
    title: str | None
    importance: Importance
    status: ContactStatus
    account_id: int
    reports_to_id: int | None
    version: int


def account_people(db: Session, principal: Principal, account_id: int) -> list[ContactRef]:
    """The same contacts as `account_contacts` (not archived, at most 500, by pinyin name),
    as `ContactRef`s."""
    service.get_account(db, principal, account_id)
    rows = contacts_repo.account_people(db, principal.scope, account_id)
    return [
        ContactRef(cid, name, title, importance, status, account, boss, version)
        for cid, name, title, importance, status, account, boss, version in rows
    ]


def account_contacts(db: Session, principal: Principal, account_id: int) -> list[ContactRead]:
    """The account's contacts that are not archived (at most 500), by pinyin name."""
    service.get_account(db, principal, account_id)
    rows = contacts_repo.account_contact_rows(db, principal.scope, account_id)
    return [ContactRead.model_validate(d) for d in row_dicts(list(rows))]


def contacts_by_ids(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, ContactRead]:
    """Contacts of the workspace by id (with their account's name), archived ones included;
    other ids are left out. One query."""
    return {
        cid: ContactRead.model_validate(row._asdict())
        for cid, row in contacts_repo.contact_rows(db, scope, ids).items()
    }


def live_contacts(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, str]:
    """Id → name of the workspace's contacts among `ids` that are not archived."""
    return contacts_repo.live_contact_names(db, scope, ids)


def last_interactions(
    db: Session, scope: WorkspaceScope, user_ids: set[int], contact_ids: set[int]
) -> dict[tuple[int, int], datetime]:
    return activities_repo.last_interactions(db, scope, user_ids, contact_ids)


def set_reports_to(
    db: Session,
    principal: Principal,
    contact_id: int,
    boss_id: int | None,
    expected_version: int | None = None,
) -> ContactRead:
    """Re-parent a contact in its account's org chart (cycles and other accounts refused);
    `expected_version` as in `update_contact` (the API's If-Match; None moves whatever is
    current, as the org chart's move form does)."""
    contact = contact_service.get_contact(db, principal, contact_id)
    try:
        contact_service.update_contact(
            db,
            principal,
            contact_id,
            ContactUpdate(reports_to_id=boss_id),
            contact.version if expected_version is None else expected_version,
        )
    except ValidationFailed as exc:  # the org chart's callers name the new manager manager_id
        raise ValidationFailed(
            [
                FieldError(
                    "manager_id" if e.field == "reports_to_id" else e.field, e.message, e.type
                )
                for e in exc.errors
            ]
        ) from exc
    return contact_service.get_contact(db, principal, contact_id)


def reporting_links(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> list[tuple[int, int]]:
    """(contact, boss) pairs touching the given contacts: the org chart around them."""
    return contacts_repo.reporting_links(db, scope, contact_ids)


def activities_involving(
    db: Session,
    principal: Principal,
    account_id: int,
    contact_ids: set[int],
    until: datetime | None = None,
    limit: int = 10,
) -> list[_activity_schemas.ActivityRead]:
    """The latest live activities at the account with any of these people, newest first."""
    return _activities.activities_involving(db, principal, account_id, contact_ids, until, limit)


def last_activity_with(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> dict[int, datetime]:
    return activities_repo.last_activity_with(db, scope, contact_ids)


# --- writes for callers outside the area (the demo seed; import and transfer later) ------------
# Each takes the acting principal, is checked and audited like the API's, and returns what the
# API returns. (Each addition on its own lines, so that the area's restructuring merges cleanly.)

AccountCreate = _account_schemas.AccountCreate
AccountUpdate = _account_schemas.AccountUpdate
ActivityCreate = _activity_schemas.ActivityCreate
ActivityRead = _activity_schemas.ActivityRead
ContactCreate = _contact_schemas.ContactCreate
TeamMemberWrite = _account_schemas.TeamMemberWrite
AccountStatus = _vocab.AccountStatus
ActivityType = _vocab.ActivityType
Gender = _vocab.Gender
Industry = _vocab.Industry
LifecycleStage = _vocab.LifecycleStage
RevenueBand = _vocab.RevenueBand
SizeBand = _vocab.SizeBand
TeamRole = _vocab.TeamRole
CREDIT_CODE_CHARS = _validation.CREDIT_CODE_CHARS
credit_code_check_char = _validation.credit_code_check_char
website_url = _validation.website_url

__all__ += [
    "CREDIT_CODE_CHARS",
    "AccountCreate",
    "AccountStatus",
    "AccountUpdate",
    "ActivityCreate",
    "ActivityRead",
    "ActivityType",
    "ContactCreate",
    "ContactStatus",
    "ContactUpdate",
    "Gender",
    "Industry",
    "LifecycleStage",
    "RevenueBand",
    "SizeBand",
    "TeamMemberWrite",
    "TeamRole",
    "create_account",
    "create_contact",
    "credit_code_check_char",
    "record_activity",
    "update_account",
    "update_contact",
    "website_url",
]


def create_account(db: Session, principal: Principal, data: AccountCreate) -> AccountRead:
    """A new account with its team."""
    return AccountRead.model_validate(_accounts.create_account(db, principal, data))


def update_account(
    db: Session,
    principal: Principal,
    account_id: int,
    data: AccountUpdate,
    expected_version: int | None = None,
) -> AccountRead:
    """Change an account: its lifecycle stage (a loss with its reason), status, fields, team."""
    account = _accounts.update_account(db, principal, account_id, data, expected_version)
    return AccountRead.model_validate(account)


def create_contact(db: Session, principal: Principal, data: ContactCreate) -> ContactRead:
    """A new contact at an account, in its organisation chart."""
    contact = _contacts.create_contact(db, principal, data)
    return _contacts.get_contact(db, principal, contact.id)


def update_contact(
    db: Session,
    principal: Principal,
    contact_id: int,
    data: ContactUpdate,
    expected_version: int | None = None,
) -> ContactRead:
    """Change a contact: leaving (status and date), moving to another account, new boss."""
    contact = _contacts.update_contact(db, principal, contact_id, data, expected_version)
    return _contacts.get_contact(db, principal, contact.id)


def record_activity(db: Session, principal: Principal, data: ActivityCreate) -> ActivityRead:
    """A follow-up (跟进记录) with who took part; a next step with a due date reminds its
    owner."""
    activity = _activities.create_activity(db, principal, data)
    return _activities.get_activity(db, principal, activity.id)
