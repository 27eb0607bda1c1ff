"""Rules of baselines and the customer's sign-offs.

A baseline is an immutable, numbered snapshot with the SHA-256 of its content. Sending the
requirements for sign-off makes the next version (superseding one still under review); an
approver stakeholder's decision is recorded against one version and its hash, and a decision on
a version that is no longer the one under review is a 409. The first decision closes the review:
approved confirms the requirements it holds, rejected returns them to drafts for rework.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.errors import Conflict, NotFound, field_error
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.files.public import (
    FileStream,
    Storage,
    get_file,
    open_file,
    owned_files,
    upload_file,
)
from pcrm.identity.public import Permission, Principal
from pcrm.projects.baselines import repository as repo
from pcrm.projects.baselines.models import Baseline, SignOff
from pcrm.projects.baselines.reminders import drop_reminder, remind_manager
from pcrm.projects.baselines.schemas import BaselineCreate, SignOffCreate
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision, SignOffChannel
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements import repository as requirements
from pcrm.projects.requirements.models import Requirement
from pcrm.projects.requirements.service import project_for
from pcrm.projects.requirements.vocab import RequirementStatus

# The file owner type under which a project's files are kept in the files area.
PROJECT_FILES = "project"
# Requirements that a new requirements baseline leaves out.
LEFT_OUT = (RequirementStatus.REJECTED, RequirementStatus.CHANGED)


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the content as canonical JSON (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _requirement_entry(requirement: Requirement) -> dict[str, Any]:
    return {
        "id": requirement.id,
        "number": requirement.number,
        "version": requirement.version,
        "title": requirement.title,
        "description": requirement.description,
        "kano": str(requirement.kano),
        "priority": str(requirement.priority),
        "acceptance_criteria": requirement.acceptance_criteria,
        "source_stakeholder_id": requirement.source_stakeholder_id,
    }


def requirements_content(db: Session, scope: WorkspaceScope, project_id: int) -> dict[str, Any]:
    """The project's requirements as a requirements baseline holds them (the rejected and the
    replaced ones left out): what a change request's approval freezes."""
    included = [
        r for r in requirements.requirements(db, scope, project_id) if r.status not in LEFT_OUT
    ]
    return {"requirements": [_requirement_entry(r) for r in included]}


def list_baselines(db: Session, principal: Principal, project_id: int) -> list[Baseline]:
    project_for(db, principal, project_id, write=False)
    return list(repo.baselines(db, principal.scope, project_id))


def baseline_versions(
    db: Session, principal: Principal, project_id: int, kind: BaselineKind
) -> list[Baseline]:
    """The versions of one kind, newest first, without their snapshots (for lists)."""
    project_for(db, principal, project_id, write=False)
    return list(repo.baselines(db, principal.scope, project_id, kind, with_content=False))


def get_baseline(db: Session, principal: Principal, baseline_id: int) -> Baseline:
    principal.require(Permission.READ)
    return repo.baseline(db, principal.scope, baseline_id)


def send_requirements_for_sign_off(
    db: Session, principal: Principal, project_id: int, data: BaselineCreate
) -> Baseline:
    """Freeze the project's requirements as the next requirements baseline, under review."""
    project = project_for(db, principal, project_id, write=True)
    scope = principal.scope
    sent_on = data.sent_on or principal.today()
    if sent_on > principal.today():
        raise field_error("sent_on", N_("The day it was sent cannot be in the future."))
    if requirements.open_clarification_count(db, scope, project.id):
        raise Conflict(
            N_("A clarification is still open: answer or withdraw it before the sign-off.")
        )
    included = [
        r for r in requirements.requirements(db, scope, project.id) if r.status not in LEFT_OUT
    ]
    if not included:
        raise Conflict(N_("There is no requirement to send for sign-off."))
    content = {"requirements": [_requirement_entry(r) for r in included]}
    baseline = freeze(
        db, principal, project, BaselineKind.REQUIREMENTS, content, data.note, sent_on
    )
    for requirement in included:
        if requirement.status != RequirementStatus.CONFIRMED:
            requirement.status = RequirementStatus.IN_REVIEW
    db.flush()
    return baseline


def freeze(
    db: Session,
    principal: Principal,
    project: Project,
    kind: BaselineKind,
    content: dict[str, Any],
    note: str | None,
    sent_on: date | None = None,
) -> Baseline:
    """The next baseline of `kind` with this content, sent for the customer's review on
    `sent_on` (today) with a reminder to the PM; a version still under review is superseded.
    The caller has checked the right to write the project."""
    scope = principal.scope
    project_id = project.id
    latest = repo.latest_baseline(db, scope, project_id, kind)
    if latest is not None and latest.status == BaselineStatus.IN_REVIEW:
        latest.status = BaselineStatus.SUPERSEDED
        drop_reminder(db, scope, latest)
    baseline = Baseline(
        workspace_id=scope.workspace_id,
        project_id=project_id,
        kind=kind,
        number=(latest.number if latest else 0) + 1,
        content=content,
        content_hash=content_hash(content),
        status=BaselineStatus.IN_REVIEW,
        note=note,
        sent_on=sent_on or principal.today(),
        created_by_id=principal.user_id,
    )
    db.add(baseline)
    db.flush()
    remind_manager(db, principal, project, baseline)
    return baseline


def record_project_sign_off(
    db: Session, principal: Principal, project_id: int, baseline_id: int, data: SignOffCreate
) -> SignOff:
    """A decision on a baseline named through its project's page: a baseline of another
    project is not found there."""
    principal.require(Permission.WRITE_PROJECTS)
    if repo.baseline(db, principal.scope, baseline_id).project_id != project_id:
        raise NotFound()
    return record_sign_off(db, principal, baseline_id, data)


def record_sign_off(
    db: Session,
    principal: Principal,
    baseline_id: int,
    data: SignOffCreate,
    channel: SignOffChannel = SignOffChannel.RECORDED,
) -> SignOff:
    """Record an approver's decision on the baseline version under review."""
    principal.require(Permission.WRITE_PROJECTS)
    baseline = repo.baseline(db, principal.scope, baseline_id)
    project = project_for(db, principal, baseline.project_id, write=True)
    recorder = None if channel is SignOffChannel.PORTAL else principal.user_id
    return decide(
        db, principal.scope, project, baseline, data, channel, recorder, principal.today()
    )


def decide(
    db: Session,
    scope: WorkspaceScope,
    project: Project,
    baseline: Baseline,
    data: SignOffCreate,
    channel: SignOffChannel,
    recorded_by_id: int | None,
    today: date,
) -> SignOff:
    """The decision itself, once the caller checked who may make it: a staff user recording it
    on the customer's word, or the approver in the customer portal (`recorded_by_id` None)."""
    latest = repo.latest_baseline(db, scope, project.id, baseline.kind)
    if (
        data.baseline_number != baseline.number
        or baseline.status != BaselineStatus.IN_REVIEW
        or latest is None
        or latest.id != baseline.id
    ):
        raise Conflict(
            N_("This version is no longer the one under review: reload to see the current one.")
        )
    stakeholder = requirements.stakeholder_of(db, scope, project.id, data.stakeholder_id)
    if stakeholder is None:
        raise field_error("stakeholder_id", N_("Choose a stakeholder of this project."))
    if not stakeholder.is_approver:
        raise field_error(
            "stakeholder_id", N_("Only a stakeholder marked as approver may sign off.")
        )
    if data.evidence_file_id is not None:
        try:
            get_file(db, scope, PROJECT_FILES, data.evidence_file_id, project.id)
        except NotFound:
            raise field_error("evidence_file_id", N_("Choose a file of this project.")) from None
    contact = contacts_by_ids(db, scope, {stakeholder.contact_id}).get(stakeholder.contact_id)
    sign_off = SignOff(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        baseline_id=baseline.id,
        baseline_number=baseline.number,
        content_hash=baseline.content_hash,
        stakeholder_id=stakeholder.id,
        contact_id=stakeholder.contact_id,
        signer_name=contact.name if contact else "",
        decision=data.decision,
        decided_on=data.decided_on or today,
        channel=channel,
        recorded_by_id=recorded_by_id,
        evidence_file_id=data.evidence_file_id,
        comment=data.comment,
    )
    db.add(sign_off)
    approved = data.decision == Decision.APPROVED
    baseline.status = BaselineStatus.APPROVED if approved else BaselineStatus.REJECTED
    drop_reminder(db, scope, baseline)
    if baseline.kind == BaselineKind.REQUIREMENTS:
        held = {entry["id"] for entry in baseline.content["requirements"]}
        for requirement in requirements.requirements(db, scope, project.id):
            if requirement.id in held and requirement.status == RequirementStatus.IN_REVIEW:
                requirement.status = (
                    RequirementStatus.CONFIRMED if approved else RequirementStatus.DRAFT
                )
    db.flush()
    return sign_off


def sign_offs_of(db: Session, principal: Principal, baseline_ids: list[int]) -> list[SignOff]:
    """The decisions on these baselines (of one project, already read), in the order given."""
    principal.require(Permission.READ)
    return list(repo.sign_offs(db, principal.scope, baseline_ids))


def baseline_sign_offs(db: Session, principal: Principal, baseline_id: int) -> list[SignOff]:
    baseline = get_baseline(db, principal, baseline_id)
    return list(repo.sign_offs(db, principal.scope, [baseline.id]))


# The kind under which sign-off evidence uploaded from the project page is kept.
EVIDENCE_KIND = "sign_off_evidence"


def record_sign_off_with_evidence(
    db: Session,
    principal: Principal,
    project_id: int,
    baseline_id: int,
    data: SignOffCreate,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> SignOff:
    """Record a decision given on the customer's side with the file that shows it (a signed
    page, a mail), kept among the project's files. A refused decision keeps no file: the upload
    goes with the rolled-back transaction."""
    principal.require(Permission.WRITE_PROJECTS)
    baseline = repo.baseline(db, principal.scope, baseline_id)
    if baseline.project_id != project_id:
        raise NotFound()
    project = project_for(db, principal, project_id, write=True)
    if filename:
        stored = upload_file(
            db,
            principal.scope,
            PROJECT_FILES,
            project.id,
            EVIDENCE_KIND,
            filename,
            stream,
            storage,
            max_bytes,
            principal.user_id,
        )
        data = data.model_copy(update={"evidence_file_id": stored.id})
    return record_sign_off(db, principal, baseline.id, data)


def open_evidence(
    db: Session, principal: Principal, project_id: int, file_id: int, storage: Storage
) -> FileStream:
    """A file of the project (a sign-off's evidence) with its bytes."""
    project_for(db, principal, project_id, write=False)
    return open_file(db, principal.scope, PROJECT_FILES, file_id, storage, project_id)


def evidence_names(db: Session, principal: Principal, project_id: int) -> dict[int, str]:
    """The names of the project's files, by id."""
    return {f.id: f.filename for f in owned_files(db, principal.scope, PROJECT_FILES, [project_id])}
