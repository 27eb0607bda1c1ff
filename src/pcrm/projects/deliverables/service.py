"""The acceptance of deliverables (交付验收).

A deliverable moves 计划 planned → 已交付 delivered (the day, what was handed over and where,
an optional file) → 检查中 in inspection (its first quality inspection, see quality.py) → the
customer's decision: 已验收 accepted, 被拒绝 rejected (with the findings; it may be delivered
again) or 客户豁免 waived (with the reason; from any state before acceptance). The decision is a
customer act recorded like a sign-off: only an approver stakeholder decides, and the deliverable
as inspected (name, description, requirements, standards, inspections) is frozen as an
acceptance baseline that the sign-off names by its hash, so the customer signs exactly what was
inspected. A deliverable whose latest inspection failed cannot be accepted (it may be waived).
A step from the wrong state is a 409, bad input a 422, and nothing is written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.history import Reference
from pcrm.core.i18n import N_
from pcrm.files.public import Storage, get_file, upload_file
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.schemas import SignOffCreate
from pcrm.projects.baselines.vocab import BaselineKind, Decision
from pcrm.projects.deliverables import repository as repo
from pcrm.projects.deliverables.models import QualityInspection, QualityStandard
from pcrm.projects.deliverables.schemas import (
    AcceptanceDecision,
    Counts,
    DeliverableBrief,
    DeliverableDetail,
    Delivery,
    InspectionRead,
    ResultRead,
    SignedBy,
    StandardRead,
)
from pcrm.projects.deliverables.vocab import (
    DECIDABLE,
    DELIVERABLE_FROM,
    INSPECTABLE,
    SETTLED,
    WAIVABLE,
    DeliverableStatus,
    Outcome,
    group_of,
)
from pcrm.projects.plan.models import Deliverable
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements import repository as requirements

FUTURE = N_("The day cannot be in the future.")
REQUIRED = N_("This field is required.")
NOT_DELIVERABLE = N_("Only a planned or rejected deliverable can be delivered.")
NOT_DECIDABLE = N_("The customer decides on a deliverable once it is delivered or in inspection.")
NOT_WAIVABLE = N_("An accepted or waived deliverable can no longer be waived.")
FAILED_LATEST = N_(
    "The latest inspection failed: inspect it again and pass, or the customer may waive it."
)
SETTLED_MESSAGE = N_("The deliverable is accepted or waived: its quality can no longer change.")
NOT_APPROVER = N_("Only a stakeholder marked as approver may decide on a deliverable.")
NOT_A_STAKEHOLDER = N_("Choose a stakeholder of this project.")
NOT_A_FILE = N_("Choose a file of this project.")
# The kinds under which the files of a delivery and of an acceptance are kept.
DELIVERY_KIND = "deliverable_delivery"
EVIDENCE_KIND = "acceptance_evidence"


def next_steps(deliverable: Deliverable, blocked: bool) -> list[str]:
    status = deliverable.status
    steps: list[str] = []
    if status in DELIVERABLE_FROM:
        steps.append("deliver")
    if status in INSPECTABLE:
        steps.append("inspect")
    if status in DECIDABLE:
        if not blocked:
            steps.append(Outcome.ACCEPTED.value)
        steps.append(Outcome.REJECTED.value)
    if status in WAIVABLE:
        steps.append(Outcome.WAIVED.value)
    return steps


def details(
    db: Session, principal: Principal, project: Project, rows: Sequence[Deliverable]
) -> list[DeliverableDetail]:
    scope = principal.scope
    ids = [d.id for d in rows]
    standards = repo.standards(db, scope, ids)
    inspections = repo.inspections(db, scope, ids)
    results = repo.results(db, scope, [i.id for i in inspections])
    metric = {s.id: s.metric for s in standards}
    users = user_refs(db, scope, {i.inspector_id for i in inspections if i.inspector_id})
    contacts = (
        {c.id: c.name for c in account_people(db, principal, project.account_id)}
        if any(i.participant_id for i in inspections)
        else {}
    )
    by_inspection: dict[int, list[ResultRead]] = {}
    for r in results:
        by_inspection.setdefault(r.inspection_id, []).append(
            ResultRead(
                standard_id=r.standard_id,
                metric=metric.get(r.standard_id, ""),
                measured_value=r.measured_value,
                passed=r.passed,
            )
        )
    signed = _signatures(db, principal, [d.acceptance_baseline_id for d in rows])
    out = []
    for d in rows:
        mine = [i for i in inspections if i.deliverable_id == d.id]
        blocked = bool(mine) and not mine[0].passed
        out.append(
            DeliverableDetail(
                id=d.id,
                project_id=d.project_id,
                name=d.name,
                description=d.description,
                milestone_id=d.milestone_id,
                requirement_ids=list(d.requirement_ids or []),
                status=d.status,
                delivered_on=d.delivered_on,
                delivery_note=d.delivery_note,
                delivery_file_id=d.delivery_file_id,
                decided_on=d.decided_on,
                decision_note=d.decision_note,
                acceptance_baseline_id=d.acceptance_baseline_id,
                signed=signed.get(d.acceptance_baseline_id or 0),
                standards=[standard_read(s) for s in standards if s.deliverable_id == d.id],
                inspections=[
                    inspection_read(
                        i,
                        by_inspection.get(i.id, []),
                        users[i.inspector_id].name if i.inspector_id in users else None,
                        contacts.get(i.participant_id or 0),
                    )
                    for i in mine
                ],
                blocked_by_failed_inspection=blocked,
                next_steps=next_steps(d, blocked),
                version=d.version,
            )
        )
    return out


def _signatures(
    db: Session, principal: Principal, baseline_ids: list[int | None]
) -> dict[int, SignedBy]:
    ids = [b for b in baseline_ids if b]
    if not ids:
        return {}
    return {
        s.baseline_id: SignedBy(
            baseline_id=s.baseline_id,
            signer_name=s.signer_name,
            decided_on=s.decided_on,
            evidence_file_id=s.evidence_file_id,
        )
        for s in baselines.sign_offs_of(db, principal, ids)
    }


def standard_read(s: QualityStandard) -> StandardRead:
    return StandardRead(
        id=s.id,
        deliverable_id=s.deliverable_id,
        kind=s.kind,
        group=group_of(s.kind),
        metric=s.metric,
        target_value=s.target_value,
        unit=s.unit,
        comparison=s.comparison,
        version=s.version,
    )


def inspection_read(
    i: QualityInspection, results: list[ResultRead], inspector: str | None, participant: str | None
) -> InspectionRead:
    return InspectionRead(
        id=i.id,
        deliverable_id=i.deliverable_id,
        inspected_on=i.inspected_on,
        inspector_id=i.inspector_id,
        inspector_name=inspector,
        participant_id=i.participant_id,
        participant_name=participant,
        passed=i.passed,
        findings=i.findings,
        issue_id=i.issue_id,
        results=results,
        version=i.version,
    )


def deliverables(db: Session, principal: Principal, project_id: int) -> list[DeliverableDetail]:
    project = projects.get_project(db, principal, project_id)
    return details(db, principal, project, repo.deliverables(db, principal.scope, project.id))


def deliverable(
    db: Session, principal: Principal, project_id: int, deliverable_id: int
) -> DeliverableDetail:
    project = projects.get_project(db, principal, project_id)
    row = repo.deliverable(db, principal.scope, project.id, deliverable_id)
    return details(db, principal, project, [row])[0]


def unsettled_deliverables(
    db: Session, principal: Principal, project_id: int
) -> list[DeliverableBrief]:
    """The deliverables not accepted or waived yet: the closure gate stays shut while any is."""
    project = projects.get_project(db, principal, project_id)
    return [
        DeliverableBrief(id=d.id, name=d.name, status=d.status)
        for d in repo.deliverables(db, principal.scope, project.id)
        if d.status not in SETTLED
    ]


def _project_file(
    db: Session, principal: Principal, project: Project, file_id: int | None, field: str
) -> list[FieldError]:
    if file_id is None:
        return []
    try:
        get_file(db, principal.scope, baselines.PROJECT_FILES, file_id, project.id)
    except NotFound:
        return [FieldError(field, NOT_A_FILE)]
    return []


def writable_deliverable(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    expected_version: int | None,
) -> tuple[Project, Deliverable]:
    project = projects.writable(db, principal, project_id)
    row = repo.deliverable(db, principal.scope, project.id, deliverable_id)
    check_version(row.version, expected_version)
    return project, row


def deliver(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    data: Delivery,
    expected_version: int | None = None,
) -> DeliverableDetail:
    """Planned or rejected → delivered (a rejected one is delivered again)."""
    project, row = writable_deliverable(db, principal, project_id, deliverable_id, expected_version)
    if row.status not in DELIVERABLE_FROM:
        raise Conflict(NOT_DELIVERABLE)
    errors = []
    day = data.delivered_on or principal.today()
    if day > principal.today():
        errors.append(FieldError("delivered_on", FUTURE))
    if not data.delivery_note:
        errors.append(FieldError("delivery_note", REQUIRED, "missing"))
    errors += _project_file(db, principal, project, data.delivery_file_id, "delivery_file_id")
    if errors:
        raise ValidationFailed(errors)
    row.status = DeliverableStatus.DELIVERED
    row.delivered_on = day
    row.delivery_note = data.delivery_note
    row.delivery_file_id = data.delivery_file_id
    row.decided_on = None
    row.decision_note = None
    db.flush()
    return details(db, principal, project, [row])[0]


def deliver_with_file(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    data: Delivery,
    expected_version: int | None,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> DeliverableDetail:
    """The delivery with the file handed over, kept among the project's files (a refused
    delivery keeps no file: the upload goes with the rolled-back transaction)."""
    project = projects.writable(db, principal, project_id)
    repo.deliverable(db, principal.scope, project.id, deliverable_id)
    if filename:
        stored = upload_file(
            db, principal.scope, baselines.PROJECT_FILES, project.id, DELIVERY_KIND,
            filename, stream, storage, max_bytes, principal.user_id,
        )  # fmt: skip
        data = data.model_copy(update={"delivery_file_id": stored.id})
    return deliver(db, principal, project_id, deliverable_id, data, expected_version)


def _snapshot(
    db: Session, principal: Principal, project: Project, row: Deliverable, data: AcceptanceDecision
) -> dict[str, Any]:
    """The deliverable as the customer decides on it: what it is, the requirements it
    fulfils, its standards and every inspection with its results."""
    held = set(row.requirement_ids or [])
    detail = details(db, principal, project, [row])[0]
    return {
        "deliverable": {
            "id": row.id,
            "version": row.version,
            "name": row.name,
            "description": row.description,
            "delivered_on": row.delivered_on.isoformat() if row.delivered_on else None,
            "delivery_note": row.delivery_note,
            "delivery_file_id": row.delivery_file_id,
        },
        # as a requirements baseline holds them (the baselines tab lists them alike)
        "requirements": [
            entry
            for entry in baselines.requirements_content(db, principal.scope, project.id)[
                "requirements"
            ]
            if entry["id"] in held
        ],
        "standards": [s.model_dump(mode="json") for s in detail.standards],
        "inspections": [i.model_dump(mode="json") for i in detail.inspections],
        "outcome": data.outcome.value,
        "note": data.note,
    }


def decide(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    data: AcceptanceDecision,
    expected_version: int | None = None,
) -> DeliverableDetail:
    """The customer's decision by an approver stakeholder, frozen and signed as an acceptance
    baseline: accepted, rejected (findings) or waived (reason)."""
    project, row = writable_deliverable(db, principal, project_id, deliverable_id, expected_version)
    scope = principal.scope
    if data.outcome is Outcome.WAIVED:
        if row.status not in WAIVABLE:
            raise Conflict(NOT_WAIVABLE)
    elif row.status not in DECIDABLE:
        raise Conflict(NOT_DECIDABLE)
    errors: list[FieldError] = []
    stakeholder = requirements.stakeholder_of(db, scope, project.id, data.stakeholder_id)
    if stakeholder is None:
        errors.append(FieldError("stakeholder_id", NOT_A_STAKEHOLDER))
    elif not stakeholder.is_approver:
        errors.append(FieldError("stakeholder_id", NOT_APPROVER))
    decided_on = data.decided_on or principal.today()
    if decided_on > principal.today():
        errors.append(FieldError("decided_on", FUTURE))
    if data.outcome is Outcome.REJECTED and not data.note:
        errors.append(
            FieldError("note", N_("Write the findings the customer rejected it for."), "missing")
        )
    if data.outcome is Outcome.WAIVED and not data.note:
        errors.append(
            FieldError("note", N_("Write why the customer waives the deliverable."), "missing")
        )
    errors += _project_file(db, principal, project, data.evidence_file_id, "evidence_file_id")
    if errors:
        raise ValidationFailed(errors)
    if data.outcome is Outcome.ACCEPTED:
        latest = repo.inspections(db, scope, [row.id])
        if latest and not latest[0].passed:
            raise Conflict(FAILED_LATEST)
    content = _snapshot(db, principal, project, row, data)
    made = baselines.freeze(
        db, principal, project, BaselineKind.ACCEPTANCE, content, row.name[:1000], decided_on
    )
    baselines.record_sign_off(
        db,
        principal,
        made.id,
        SignOffCreate(
            baseline_number=made.number,
            stakeholder_id=data.stakeholder_id,
            decision=Decision.REJECTED if data.outcome is Outcome.REJECTED else Decision.APPROVED,
            decided_on=decided_on,
            comment=data.comment,
            evidence_file_id=data.evidence_file_id,
        ),
    )
    row.status = {
        Outcome.ACCEPTED: DeliverableStatus.ACCEPTED,
        Outcome.REJECTED: DeliverableStatus.REJECTED,
        Outcome.WAIVED: DeliverableStatus.WAIVED,
    }[data.outcome]
    row.decided_on = decided_on
    row.decision_note = data.note
    row.acceptance_baseline_id = made.id
    db.flush()
    return details(db, principal, project, [row])[0]


def decide_with_evidence(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    data: AcceptanceDecision,
    expected_version: int | None,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> DeliverableDetail:
    """The decision with the file that shows it (kept only when the decision is)."""
    project = projects.writable(db, principal, project_id)
    repo.deliverable(db, principal.scope, project.id, deliverable_id)
    if filename:
        stored = upload_file(
            db, principal.scope, baselines.PROJECT_FILES, project.id, EVIDENCE_KIND,
            filename, stream, storage, max_bytes, principal.user_id,
        )  # fmt: skip
        data = data.model_copy(update={"evidence_file_id": stored.id})
    return decide(db, principal, project_id, deliverable_id, data, expected_version)


# --- counts for other areas ------------------------------------------------------------------


def project_counts(db: Session, principal: Principal, project_id: int) -> Counts:
    project = projects.get_project(db, principal, project_id)
    n, failed = repo.counts_of_project(db, principal.scope, project.id)
    return Counts(inspections=n, failed=failed)


def account_counts(db: Session, principal: Principal, account_id: int) -> Counts:
    principal.require(Permission.READ)
    account_people(db, principal, account_id)  # a 404 for another workspace's account
    n, failed = repo.counts_of_account(db, principal.scope, account_id)
    return Counts(inspections=n, failed=failed)


def deliverable_references(
    db: Session, reader: Principal, ids: frozenset[int], locale: str
) -> dict[int, Reference]:
    """Deliverables named in a history (a standard's or an inspection's): the name, linked to
    the project's deliverables tab."""
    return {
        d.id: Reference(d.name, f"/projects/{d.project_id}?tab=deliverables")
        for d in repo.deliverables_by_ids(db, reader.scope, ids)
    }
