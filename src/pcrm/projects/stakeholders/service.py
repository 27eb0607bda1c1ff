"""The stakeholder register (项目干系人): every customer person who uses, pays for, decides on
or is affected by the project's output, placed on the power/interest grid, with how we keep
them informed and whether they may approve. The last contact comes from the accounts area's
activities."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.accounts.public import contacts_by_ids, last_activity_with
from pcrm.core.errors import FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal, active_user_refs, user_refs
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.stakeholders import repository as repo
from pcrm.projects.stakeholders.models import Stakeholder
from pcrm.projects.stakeholders.schemas import (
    StakeholderRead,
    StakeholderUpdate,
    StakeholderWrite,
)
from pcrm.projects.vocab import Stake, quadrant

ALREADY = N_("This person is already in the stakeholder register.")
OTHER_ACCOUNT = N_("Choose a contact of the project's account.")


def _reads(
    db: Session, scope: WorkspaceScope, rows: Sequence[Stakeholder]
) -> list[StakeholderRead]:
    contact_ids = {s.contact_id for s in rows}
    contacts = contacts_by_ids(db, scope, contact_ids)
    owners = user_refs(db, scope, {s.our_owner_id for s in rows if s.our_owner_id})
    last = last_activity_with(db, scope, contact_ids)
    out = []
    for s in rows:
        contact = contacts.get(s.contact_id)
        owner = owners.get(s.our_owner_id) if s.our_owner_id else None
        out.append(
            StakeholderRead(
                id=s.id,
                project_id=s.project_id,
                contact_id=s.contact_id,
                contact_name=contact.name if contact else "",
                title=contact.title if contact else None,
                project_role=s.project_role,
                stakes=[Stake(v) for v in s.stakes],
                power=s.power,
                interest=s.interest,
                quadrant=quadrant(s.power, s.interest),
                expectations=s.expectations,
                channel=s.channel,
                frequency=s.frequency,
                our_owner_id=s.our_owner_id,
                our_owner_name=owner.name if owner else None,
                is_approver=s.is_approver,
                note=s.note,
                last_contact_at=last.get(s.contact_id),
                version=s.version,
            )
        )
    return out


def register(db: Session, principal: Principal, project_id: int) -> list[StakeholderRead]:
    projects.get_project(db, principal, project_id)
    return _reads(db, principal.scope, repo.stakeholders(db, principal.scope, project_id))


def _check_contact(db: Session, scope: WorkspaceScope, project: Project, contact_id: int) -> None:
    contact = contacts_by_ids(db, scope, {contact_id}).get(contact_id)
    if (
        contact is None
        or contact.archived_at is not None
        or (contact.account_id != project.account_id)
    ):
        raise field_error("contact_id", OTHER_ACCOUNT)


def _check_owner(db: Session, scope: WorkspaceScope, owner_id: int | None) -> None:
    if owner_id is not None and owner_id not in {u.id for u in active_user_refs(db, scope)}:
        raise field_error("our_owner_id", N_("Choose an active user of this workspace."))


def add_stakeholder(
    db: Session, principal: Principal, project_id: int, data: StakeholderWrite
) -> StakeholderRead:
    project = projects.writable(db, principal, project_id)
    scope = principal.scope
    _check_contact(db, scope, project, data.contact_id)
    _check_owner(db, scope, data.our_owner_id)
    if any(s.contact_id == data.contact_id for s in repo.stakeholders(db, scope, project_id)):
        raise field_error("contact_id", ALREADY, "unique")
    stakeholder = Stakeholder(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        contact_id=data.contact_id,
        project_role=data.project_role,
        stakes=[s.value for s in data.stakes],
        power=data.power,
        interest=data.interest,
        expectations=data.expectations,
        channel=data.channel,
        frequency=data.frequency,
        our_owner_id=data.our_owner_id,
        is_approver=data.is_approver,
        note=data.note,
    )
    db.add(stakeholder)
    try:
        db.flush()
    except IntegrityError as exc:
        raise field_error("contact_id", ALREADY, "unique") from exc
    return _reads(db, scope, [stakeholder])[0]


def stakeholder_of(
    db: Session, scope: WorkspaceScope, project_id: int, stakeholder_id: int
) -> Stakeholder:
    found = repo.stakeholder(db, scope, stakeholder_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def update_stakeholder(
    db: Session,
    principal: Principal,
    project_id: int,
    stakeholder_id: int,
    data: StakeholderUpdate,
    expected_version: int | None = None,
) -> StakeholderRead:
    projects.writable(db, principal, project_id)
    scope = principal.scope
    stakeholder = stakeholder_of(db, scope, project_id, stakeholder_id)
    check_version(stakeholder.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(field, N_("This field is required."), "missing")
        for field in ("project_role", "stakes", "power", "interest", "is_approver")
        if field in changes and changes[field] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    if "our_owner_id" in changes:
        _check_owner(db, scope, changes["our_owner_id"])
    if "stakes" in changes:
        changes["stakes"] = [Stake(s).value for s in changes["stakes"]]
    for key, value in changes.items():
        setattr(stakeholder, key, value)
    db.flush()
    return _reads(db, scope, [stakeholder])[0]


def remove_stakeholder(
    db: Session,
    principal: Principal,
    project_id: int,
    stakeholder_id: int,
    *,
    expected: int | None = None,
) -> None:
    projects.writable(db, principal, project_id)
    record = stakeholder_of(db, principal.scope, project_id, stakeholder_id)
    check_version(record.version, expected)
    db.delete(record)
    db.flush()
