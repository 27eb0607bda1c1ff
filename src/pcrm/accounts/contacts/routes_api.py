"""JSON API of contacts: /api/v1/contacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.accounts.accounts.schemas import BulkAction, BulkResult, Duplicate, MergeRequest
from pcrm.accounts.contacts import service
from pcrm.accounts.contacts.schemas import (
    ContactCreate,
    ContactQuery,
    ContactRead,
    ContactUpdate,
    EmploymentRead,
)
from pcrm.accounts.validation import normalize_phone
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.pagination import Page
from pcrm.core.types import Id
from pcrm.identity.public import AuditEntryRead, CurrentPrincipal, record_history

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get("/contacts", tags=["contacts"], summary="List contacts")
def list_contacts(
    principal: CurrentPrincipal, db: DB, query: Annotated[ContactQuery, Query()]
) -> Page[ContactRead]:
    return service.list_contacts(db, principal, query)


@router.post(
    "/contacts", tags=["contacts"], status_code=status.HTTP_201_CREATED, summary="Create a contact"
)
def create_contact(
    data: ContactCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> ContactRead:
    contact = service.create_contact(db, principal, data)
    tag(response, contact.version, f"/api/v1/contacts/{contact.id}")
    return service.get_contact(db, principal, contact.id)


@router.get(
    "/contacts/duplicates",
    tags=["contacts"],
    summary="Contacts that look like the one being entered",
)
def contact_duplicates(
    principal: CurrentPrincipal,
    db: DB,
    name: Annotated[str, Query(max_length=100)] = "",
    account_id: Id | None = None,
    mobile: Annotated[str | None, Query(max_length=30)] = None,
    email: Annotated[str | None, Query(max_length=254)] = None,
    exclude_id: Id | None = None,
) -> list[Duplicate]:
    try:
        normalized = normalize_phone(mobile) if mobile else None
    except ValueError:
        normalized = None
    return service.find_contact_duplicates(
        db, principal, name, account_id, normalized, email, exclude_id
    )


@router.post("/contacts/bulk-archive", tags=["contacts"], summary="Archive many contacts")
def bulk_archive_contacts(principal: CurrentPrincipal, db: DB, data: BulkAction) -> BulkResult:
    return BulkResult(updated=service.bulk_archive_contacts(db, principal, data.ids))


@router.get("/contacts/{contact_id}", tags=["contacts"], summary="One contact")
def get_contact(
    contact_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> ContactRead:
    contact = service.get_contact(db, principal, contact_id)
    tag(response, contact.version)
    return contact


@router.patch(
    "/contacts/{contact_id}",
    tags=["contacts"],
    summary="Change a contact (moving account keeps the employment history)",
)
def update_contact(
    contact_id: Id,
    data: ContactUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ContactRead:
    contact = service.update_contact(db, principal, contact_id, data, expected_version(if_match))
    tag(response, contact.version)
    return service.get_contact(db, principal, contact.id)


@router.post("/contacts/{contact_id}/archive", tags=["contacts"], summary="Archive a contact")
def archive_contact(
    contact_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ContactRead:
    contact = service.archive_contact(db, principal, contact_id, expected_version(if_match))
    tag(response, contact.version)
    return service.get_contact(db, principal, contact.id)


@router.post(
    "/contacts/{contact_id}/merge", tags=["contacts"], summary="Merge a duplicate into this contact"
)
def merge_contact(
    contact_id: Id,
    data: MergeRequest,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ContactRead:
    contact = service.merge_contacts(
        db, principal, contact_id, data.duplicate_id, expected_version(if_match)
    )
    tag(response, contact.version)
    return service.get_contact(db, principal, contact.id)


@router.get(
    "/contacts/{contact_id}/employments",
    tags=["contacts"],
    summary="Where the contact has worked, newest first",
)
def contact_employments(
    contact_id: Id, principal: CurrentPrincipal, db: DB
) -> list[EmploymentRead]:
    return service.employment_history(db, principal, contact_id)


@router.get(
    "/contacts/{contact_id}/history",
    tags=["contacts"],
    summary="The contact's audit trail, newest first",
)
def contact_history(contact_id: Id, principal: CurrentPrincipal, db: DB) -> list[AuditEntryRead]:
    service.get_contact(db, principal, contact_id)
    return record_history(db, principal, "contact", contact_id)
