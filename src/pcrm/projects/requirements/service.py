"""Rules of requirements and clarifications.

A requirement is ours to edit while it is a draft, rejected, or in a baseline the customer is
still reviewing (editing it then withdraws that baseline: the customer must not sign text that
has changed). Once the customer confirmed it, only a new baseline through a change request may
change it. A baseline cannot go for sign-off while a clarification is open.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.errors import Conflict, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.identity.public import Permission, Principal
from pcrm.projects.baselines import repository as baselines
from pcrm.projects.baselines.reminders import drop_reminder
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements import repository as repo
from pcrm.projects.requirements.models import Clarification, Requirement
from pcrm.projects.requirements.schemas import (
    ClarificationCreate,
    ClarificationUpdate,
    RequirementCreate,
    RequirementUpdate,
)
from pcrm.projects.requirements.vocab import ClarificationStatus, RequirementStatus

CONFIRMED_IS_FROZEN = N_(
    "The customer has confirmed this requirement: it changes only through a change request."
)


def project_for(db: Session, principal: Principal, project_id: int, write: bool) -> Project:
    """The project, after checking that the principal may read it (or change what hangs on it:
    not once the project is archived or terminated)."""
    if write:
        return projects.writable(db, principal, project_id)
    return projects.get_project(db, principal, project_id)


def _check_stakeholder(
    db: Session, principal: Principal, project: Project, stakeholder_id: int | None
) -> None:
    if stakeholder_id is not None and (
        repo.stakeholder_of(db, principal.scope, project.id, stakeholder_id) is None
    ):
        raise field_error("source_stakeholder_id", N_("Choose a stakeholder of this project."))


def _check_customer_contact(
    db: Session, principal: Principal, project: Project, contact_id: int | None
) -> None:
    if contact_id is None:
        return
    found = contacts_by_ids(db, principal.scope, {contact_id}).get(contact_id)
    if found is None or found.account_id != project.account_id:
        raise field_error("asked_to_id", N_("Choose a contact of the project's customer."))


def list_requirements(db: Session, principal: Principal, project_id: int) -> list[Requirement]:
    project_for(db, principal, project_id, write=False)
    return list(repo.requirements(db, principal.scope, project_id))


def get_requirement(db: Session, principal: Principal, requirement_id: int) -> Requirement:
    principal.require(Permission.READ)
    return repo.one(db, Requirement, principal.scope, requirement_id)


def create_requirement(
    db: Session, principal: Principal, project_id: int, data: RequirementCreate
) -> Requirement:
    project = project_for(db, principal, project_id, write=True)
    _check_stakeholder(db, principal, project, data.source_stakeholder_id)
    requirement = Requirement(
        workspace_id=principal.workspace_id,
        project_id=project.id,
        number=repo.next_requirement_number(db, principal.scope, project.id),
        **data.model_dump(),
    )
    db.add(requirement)
    db.flush()
    return requirement


def update_requirement(
    db: Session,
    principal: Principal,
    requirement_id: int,
    data: RequirementUpdate,
    expected_version: int | None,
) -> Requirement:
    principal.require(Permission.WRITE_PROJECTS)
    requirement = repo.one(db, Requirement, principal.scope, requirement_id)
    project = project_for(db, principal, requirement.project_id, write=True)
    check_version(requirement.version, expected_version)
    if requirement.status in (RequirementStatus.CONFIRMED, RequirementStatus.CHANGED):
        raise Conflict(CONFIRMED_IS_FROZEN)
    changes = data.model_dump(exclude_unset=True)
    for required in ("title", "kano", "priority"):
        if required in changes and changes[required] is None:
            raise field_error(required, N_("This field is required."))
    if "source_stakeholder_id" in changes:
        _check_stakeholder(db, principal, project, changes["source_stakeholder_id"])
    if requirement.status == RequirementStatus.IN_REVIEW:
        withdraw_review(db, principal, project.id)
    status = changes.pop("status", None)
    for key, value in changes.items():
        setattr(requirement, key, value)
    requirement.status = RequirementStatus(status) if status else RequirementStatus.DRAFT
    db.flush()
    return requirement


def withdraw_review(db: Session, principal: Principal, project_id: int) -> None:
    """The requirements under review changed: the baseline the customer is reviewing is
    superseded (a sign-off on it is refused) and its requirements are drafts again."""
    latest = baselines.latest_baseline(db, principal.scope, project_id, BaselineKind.REQUIREMENTS)
    if latest is not None and latest.status == BaselineStatus.IN_REVIEW:
        latest.status = BaselineStatus.SUPERSEDED
        drop_reminder(db, principal.scope, latest)
    for requirement in repo.requirements(db, principal.scope, project_id):
        if requirement.status == RequirementStatus.IN_REVIEW:
            requirement.status = RequirementStatus.DRAFT


def list_clarifications(db: Session, principal: Principal, project_id: int) -> list[Clarification]:
    project_for(db, principal, project_id, write=False)
    return list(repo.clarifications(db, principal.scope, project_id))


def create_clarification(
    db: Session, principal: Principal, requirement_id: int, data: ClarificationCreate
) -> Clarification:
    principal.require(Permission.WRITE_PROJECTS)
    requirement = repo.one(db, Requirement, principal.scope, requirement_id)
    project = project_for(db, principal, requirement.project_id, write=True)
    _check_customer_contact(db, principal, project, data.asked_to_id)
    clarification = Clarification(
        workspace_id=principal.workspace_id,
        project_id=project.id,
        requirement_id=requirement.id,
        question=data.question,
        asked_to_id=data.asked_to_id,
        asked_on=data.asked_on or principal.today(),
    )
    db.add(clarification)
    db.flush()
    return clarification


def update_clarification(
    db: Session,
    principal: Principal,
    clarification_id: int,
    data: ClarificationUpdate,
    expected_version: int | None,
) -> Clarification:
    """Record the answer (it marks the question answered), take it back (open again), change
    the question or withdraw it (void). Every check runs before anything changes."""
    principal.require(Permission.WRITE_PROJECTS)
    clarification = repo.one(db, Clarification, principal.scope, clarification_id)
    project = project_for(db, principal, clarification.project_id, write=True)
    check_version(clarification.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if "question" in changes and changes["question"] is None:
        raise field_error("question", N_("This field is required."))
    if "asked_to_id" in changes:
        _check_customer_contact(db, principal, project, changes["asked_to_id"])
    void = changes.pop("void", False)
    if void and data.answer:
        raise field_error("void", N_("An answered question cannot be withdrawn at once."))
    answered_on = clarification.answered_on
    if data.answer:
        answered_on = data.answered_on or answered_on or principal.today()
        if answered_on < clarification.asked_on:
            raise field_error("answered_on", N_("The answer cannot come before the question."))
    for key in ("question", "asked_to_id"):
        if key in changes:
            setattr(clarification, key, changes[key])
    if void:
        clarification.status = ClarificationStatus.VOID
    elif data.answer:
        clarification.answer, clarification.answered_on = data.answer, answered_on
        clarification.status = ClarificationStatus.ANSWERED
    elif "answer" in changes and clarification.status == ClarificationStatus.ANSWERED:
        # the answer taken back: the question is open again
        clarification.answer, clarification.answered_on = None, None
        clarification.status = ClarificationStatus.OPEN
    db.flush()
    return clarification


def get_clarification(db: Session, principal: Principal, clarification_id: int) -> Clarification:
    principal.require(Permission.READ)
    return repo.one(db, Clarification, principal.scope, clarification_id)
