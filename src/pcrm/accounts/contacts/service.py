"""Business rules for contacts (联系人): reporting lines, employment history, duplicates, merge."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from pcrm.accounts.accounts import repository as accounts_repo
from pcrm.accounts.accounts.schemas import Duplicate
from pcrm.accounts.activities import repository as activities_repo
from pcrm.accounts.contacts import repository as repo
from pcrm.accounts.contacts.models import Contact, Employment
from pcrm.accounts.contacts.repository import ContactFilters
from pcrm.accounts.contacts.schemas import (
    ContactCreate,
    ContactQuery,
    ContactRead,
    ContactUpdate,
    EmploymentRead,
)
from pcrm.accounts.lists.service import count_cap, day_start, default_sort
from pcrm.accounts.search import models as search
from pcrm.accounts.search.service import normalize_query
from pcrm.accounts.validation import display_phone
from pcrm.accounts.vocab import ContactStatus
from pcrm.core.db import row_dicts, utcnow
from pcrm.core.errors import NotFound, field_error
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.core.pagination import (
    Page,
    PageRequest,
)
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, end_portal_access


def refresh_search_fields(contact: Contact) -> None:
    phones = []
    for number in (contact.mobile, contact.office_phone):
        if number:
            phones += [number, display_phone(number).replace(" ", "")]
    contact.search_text, contact.search_grams = search.index_fields(
        [
            contact.name,
            contact.english_name,
            *phones,
            contact.email,
            contact.title,
            contact.department,
            contact.wechat,
        ]
    )
    contact.sort_name = search.sort_key(contact.name)


def _check_account(db: Session, scope: WorkspaceScope, account_id: int) -> None:
    found = accounts_repo.accounts_by_ids(db, scope, [account_id]).get(account_id)
    if found is None or found.archived_at is not None:
        raise field_error("account_id", N_("Choose an account of this workspace."))


def _check_reports_to(
    db: Session, scope: WorkspaceScope, contact_id: int | None, account_id: int, reports_to_id: int
) -> None:
    if reports_to_id == contact_id:
        raise field_error("reports_to_id", N_("A contact cannot report to themselves."))
    boss = repo.contacts_by_ids(db, scope, [reports_to_id]).get(reports_to_id)
    if boss is None:
        raise field_error("reports_to_id", N_("Choose a contact of this workspace."))
    if boss.account_id != account_id:
        raise field_error("reports_to_id", N_("Choose a contact of the same account."))
    seen: set[int] = set()
    current: int | None = reports_to_id
    while current is not None and current not in seen:
        if current == contact_id:
            raise field_error(
                "reports_to_id",
                N_("This would make a reporting cycle: the contact is above that person."),
            )
        seen.add(current)
        current = repo.reports_to_of(db, scope, current)


def _check_left(status: ContactStatus | None, left_on: object) -> None:
    if status == ContactStatus.LEFT and left_on is None:
        raise field_error("left_on", N_("Give the date the contact left."))


def create_contact(db: Session, principal: Principal, data: ContactCreate) -> Contact:
    principal.require(Permission.WRITE_CONTACTS)
    scope = principal.scope
    _check_account(db, scope, data.account_id)
    if data.reports_to_id is not None:
        _check_reports_to(db, scope, None, data.account_id, data.reports_to_id)
    _check_left(data.status, data.left_on)
    contact = Contact(workspace_id=scope.workspace_id, **data.model_dump())
    refresh_search_fields(contact)
    db.add(contact)
    db.flush()
    db.add(
        Employment(
            workspace_id=scope.workspace_id,
            contact_id=contact.id,
            account_id=contact.account_id,
            title=contact.title,
            department=contact.department,
            started_on=principal.today(),
        )
    )
    db.flush()
    return contact


def update_contact(
    db: Session,
    principal: Principal,
    contact_id: int,
    data: ContactUpdate,
    expected_version: int | None,
) -> Contact:
    """Change a contact. Moving to another account closes the old employment, opens a new one
    and drops a reports-to line that would point into the old account."""
    principal.require(Permission.WRITE_CONTACTS)
    scope = principal.scope
    contact = repo.contact(db, scope, contact_id)
    check_version(contact.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    for key in ("name", "account_id", "gender", "importance", "status"):
        if key in changes and changes[key] is None:
            if key in ("name", "account_id"):
                raise field_error(key, N_("This field is required."))
            changes.pop(key)
    account_id = changes.get("account_id", contact.account_id)
    moving = account_id != contact.account_id
    if moving:
        _check_account(db, scope, account_id)
        if "reports_to_id" not in changes:
            changes["reports_to_id"] = None
    if changes.get("reports_to_id") is not None:
        _check_reports_to(db, scope, contact.id, account_id, changes["reports_to_id"])
    _check_left(changes.get("status", contact.status), changes.get("left_on", contact.left_on))
    today = principal.today()
    if moving:
        current = repo.open_employment(db, scope, contact.id)
        if current is not None:
            current.ended_on = today
        for report in repo.direct_reports(db, scope, contact.id):
            report.reports_to_id = None
    for key, value in changes.items():
        setattr(contact, key, value)
    if moving:
        db.add(
            Employment(
                workspace_id=scope.workspace_id,
                contact_id=contact.id,
                account_id=account_id,
                title=contact.title,
                department=contact.department,
                started_on=today,
            )
        )
    elif "title" in changes or "department" in changes:
        current = repo.open_employment(db, scope, contact.id)
        if current is not None:
            current.title, current.department = contact.title, contact.department
    if contact.status == ContactStatus.LEFT and contact.left_on is not None:
        current = repo.open_employment(db, scope, contact.id)
        if current is not None:
            current.ended_on = contact.left_on  # leaving ends the job at that account
    refresh_search_fields(contact)
    db.flush()
    if moving or contact.status == ContactStatus.LEFT:
        end_portal_access(db, scope, contact.id)  # a portal user belongs to one account
    return contact


def archive_contact(
    db: Session, principal: Principal, contact_id: int, expected_version: int | None = None
) -> Contact:
    principal.require(Permission.WRITE_CONTACTS)
    contact = repo.contact(db, principal.scope, contact_id)
    check_version(contact.version, expected_version)
    if contact.archived_at is None:
        contact.archived_at = utcnow()
        db.flush()
        end_portal_access(db, principal.scope, contact.id)
    return contact


def get_contact(db: Session, principal: Principal, contact_id: int) -> ContactRead:
    principal.require(Permission.READ)
    row = repo.contact_rows(db, principal.scope, {contact_id}).get(contact_id)
    if row is None:
        raise NotFound()
    return ContactRead.model_validate(row._asdict())


def contact_names(db: Session, principal: Principal, ids: Iterable[int]) -> dict[int, str]:
    """Id → name of the workspace's contacts among `ids`, archived ones too."""
    principal.require(Permission.READ)
    return {c.id: c.name for c in repo.contacts_by_ids(db, principal.scope, ids).values()}


def contacts_at(db: Session, principal: Principal, account_id: int) -> list[Contact]:
    """The account's contacts that are not archived (at most 500), by pinyin name; none for
    an account that is not the workspace's."""
    principal.require(Permission.READ)
    return list(repo.account_contacts(db, principal.scope, account_id))


def direct_reports(db: Session, principal: Principal, contact_id: int) -> list[Contact]:
    """The contacts who report to this one."""
    principal.require(Permission.READ)
    return list(repo.direct_reports(db, principal.scope, contact_id))


def list_contacts(db: Session, principal: Principal, query: ContactQuery) -> Page[ContactRead]:
    """A page of the contacts the query's filters find, each with its account's name, read in
    the same query. Without a `sort`, a search lists the newest matches first, other lists go
    by name."""
    principal.require(Permission.READ)
    filters = _filters(query, principal.timezone)
    sort = query.sort or default_sort(filters.q)
    page = PageRequest(query.page, query.page_size)
    rows, total, capped = repo.contact_page(
        db, principal.scope, filters, sort, page, count_cap(filters.q)
    )
    items = [ContactRead.model_validate(d) for d in row_dicts(rows)]
    return Page[ContactRead].of(items, total, page, capped)


def employment_history(db: Session, principal: Principal, contact_id: int) -> list[EmploymentRead]:
    principal.require(Permission.READ)
    repo.contact(db, principal.scope, contact_id)
    rows = repo.employments(db, principal.scope, contact_id)
    names = accounts_repo.account_names(db, principal.scope, {e.account_id for e in rows})
    return [
        EmploymentRead.model_validate(e).model_copy(
            update={"account_name": names.get(e.account_id, "")}
        )
        for e in rows
    ]


def find_contact_duplicates(
    db: Session,
    principal: Principal,
    name: str,
    account_id: int | None,
    mobile: str | None = None,
    email: str | None = None,
    exclude_id: int | None = None,
) -> list[Duplicate]:
    """Contacts that look like the one being entered: same mobile, same e-mail, or a
    near-identical name at the same account."""
    principal.require(Permission.READ)
    scope = principal.scope
    found: dict[int, Duplicate] = {}
    twins = [("mobile", t) for t in repo.contacts_with(db, scope, mobile=mobile)] if mobile else []
    if email:
        twins += [("email", t) for t in repo.contacts_with(db, scope, email=email.lower())]
    for reason, twin in twins:
        if twin.id != exclude_id and twin.id not in found:
            found[twin.id] = Duplicate(
                id=twin.id,
                name=twin.name,
                reason="mobile" if reason == "mobile" else "email",
                score=100,
            )
    if account_id is not None and name.strip():
        wanted = search.normalize(name)
        for twin in repo.account_contacts(db, scope, account_id):
            if twin.id == exclude_id or twin.id in found:
                continue
            score = int(fuzz.ratio(wanted, search.normalize(twin.name)))
            if score >= 90:
                found[twin.id] = Duplicate(id=twin.id, name=twin.name, reason="name", score=score)
    return sorted(found.values(), key=lambda d: -d.score)[:5]


def merge_contacts(
    db: Session,
    principal: Principal,
    keep_id: int,
    duplicate_id: int,
    expected_version: int | None = None,
) -> Contact:
    """Move the duplicate's activities, reports and history onto the kept contact, then
    archive the duplicate as merged."""
    principal.require(Permission.WRITE_CONTACTS)
    scope = principal.scope
    if keep_id == duplicate_id:
        raise field_error("duplicate_id", N_("Choose a different record to merge."))
    keep = repo.contact(db, scope, keep_id)
    check_version(keep.version, expected_version)
    duplicate = repo.contact(db, scope, duplicate_id)
    if duplicate.merged_into_id is not None:
        raise field_error("duplicate_id", N_("This record was already merged."))
    for activity in activities_repo.activities_with(db, scope, duplicate.id):
        if activity.contact_id == duplicate.id:
            activity.contact_id = keep.id
    activities_repo.move_participant(db, scope, duplicate.id, keep.id)
    for report in repo.direct_reports(db, scope, duplicate.id):
        report.reports_to_id = keep.id if report.id != keep.id else None
    if keep.reports_to_id == duplicate.id:
        keep.reports_to_id = None
    for employment in repo.employments(db, scope, duplicate.id):
        employment.contact_id = keep.id
    for field in (
        "english_name",
        "title",
        "department",
        "mobile",
        "office_phone",
        "email",
        "wechat",
        "birthday",
        "preferences",
    ):
        if getattr(keep, field) in (None, "") and getattr(duplicate, field) not in (None, ""):
            setattr(keep, field, getattr(duplicate, field))
    duplicate.archived_at = utcnow()
    duplicate.merged_into_id = keep.id
    refresh_search_fields(keep)
    db.flush()
    end_portal_access(db, principal.scope, duplicate.id)
    return keep


def bulk_archive_contacts(db: Session, principal: Principal, ids: list[int]) -> int:
    principal.require(Permission.WRITE_CONTACTS)
    contacts = repo.contacts_by_ids(db, principal.scope, ids)
    if len(contacts) != len(set(ids)):
        raise field_error("ids", N_("Some of the chosen records do not exist."))
    now = utcnow()
    for contact in contacts.values():
        if contact.archived_at is None:
            contact.archived_at = now
    db.flush()
    for contact in contacts.values():
        end_portal_access(db, principal.scope, contact.id)
    return len(contacts)


def _filters(query: ContactQuery, tz: str) -> ContactFilters:
    """The repository's filters for a list query: its search normalised, its days in the
    workspace's time zone."""
    return ContactFilters(
        q=normalize_query(query.q),
        account_id=query.account_id,
        importance=query.importance,
        status=query.status,
        owner_id=query.owner_id,
        industry=query.industry,
        province=query.province,
        updated_from=day_start(query.updated_from, tz),
        updated_to=day_start(query.updated_to, tz, next_day=True),
        include_archived=query.include_archived,
    )


def contact_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """The contacts among `ids` by name, linked to their pages (for a history)."""
    linked = reader.can(Permission.READ)
    return {
        cid: Reference(c.name, f"/contacts/{cid}" if linked else None)
        for cid, c in repo.contacts_by_ids(db, reader.scope, ids).items()
    }
