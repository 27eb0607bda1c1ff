"""What other areas may use from the customer line. Returns schemas, never ORM objects."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from pcrm.accounts import contact_service, service
from pcrm.accounts import repository as repo
from pcrm.accounts.presenters import label
from pcrm.accounts.schemas import AccountRead, ContactRead, ContactUpdate
from pcrm.accounts.vocab import Importance
from pcrm.core.errors import FieldError, ValidationFailed
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal

__all__ = [
    "AccountRead",
    "ContactRead",
    "Importance",
    "account_contacts",
    "contacts_by_ids",
    "get_account",
    "get_contact",
    "label",
    "last_activity_with",
    "last_interactions",
    "reporting_links",
    "set_reports_to",
]


def get_account(db: Session, principal: Principal, account_id: int) -> AccountRead:
    return AccountRead.model_validate(service.get_account(db, principal, account_id))


def get_contact(db: Session, principal: Principal, contact_id: int) -> ContactRead:
    return contact_service.get_contact(db, principal, contact_id)


def account_contacts(db: Session, principal: Principal, account_id: int) -> list[ContactRead]:
    """The account's contacts that are not archived (at most 500), by pinyin name."""
    return [ContactRead.model_validate(c) for c in service.contacts_of(db, principal, account_id)]


def contacts_by_ids(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, ContactRead]:
    """Contacts of the workspace by id, archived ones included; other ids are left out."""
    found = repo.contacts_by_ids(db, scope, ids)
    names = repo.account_names(db, scope, {c.account_id for c in found.values()})
    return {
        cid: ContactRead.model_validate(c).model_copy(
            update={"account_name": names.get(c.account_id, "")}
        )
        for cid, c in found.items()
    }


def last_interactions(
    db: Session, scope: WorkspaceScope, user_ids: set[int], contact_ids: set[int]
) -> dict[tuple[int, int], datetime]:
    return repo.last_interactions(db, scope, user_ids, contact_ids)


def set_reports_to(
    db: Session, principal: Principal, contact_id: int, boss_id: int | None
) -> ContactRead:
    """Re-parent a contact in its account's org chart (cycles and other accounts refused)."""
    contact = contact_service.get_contact(db, principal, contact_id)
    try:
        contact_service.update_contact(
            db, principal, contact_id, ContactUpdate(reports_to_id=boss_id), contact.version
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
    return repo.reporting_links(db, scope, contact_ids)


def last_activity_with(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> dict[int, datetime]:
    return repo.last_activity_with(db, scope, contact_ids)
