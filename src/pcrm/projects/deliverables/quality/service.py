"""Quality (质量) of deliverables: the standards each must meet (质量标准) and the inspections
(质量检查) that measure it.

A standard is of a product kind (performance, reliability, security, other) or a service kind
(response time, resolution time), with a metric, a target, a unit and whether the measured
value must reach the target (at least) or stay under it (at most). Standards change only while
the deliverable is not accepted or waived (what the customer signed stays what was inspected).

An inspection of a delivered deliverable (it moves to 检查中 in inspection) records the day, our
inspector, the customer's participant, a result per standard (a measured value's pass is
computed from the target; without a value the inspector says pass or fail) and the findings.
It passes when every result passes (one without results needs the verdict). A failed one needs
its findings and opens an issue in the conflicts register (a quality project-element conflict,
high severity, linked from the inspection); while the latest inspection failed the deliverable
cannot be accepted."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_people
from pcrm.core.errors import Conflict, FieldError, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal, active_user_refs
from pcrm.projects.conflicts import service as conflicts
from pcrm.projects.conflicts.schemas import ConflictWrite
from pcrm.projects.conflicts.vocab import ConflictKind, ProjectElement, Severity
from pcrm.projects.deliverables import repository as repo
from pcrm.projects.deliverables.models import InspectionResult, QualityInspection, QualityStandard
from pcrm.projects.deliverables.schemas import (
    DeliverableDetail,
    InspectionWrite,
    StandardUpdate,
    StandardWrite,
)
from pcrm.projects.deliverables.service import (
    FUTURE,
    SETTLED_MESSAGE,
    details,
    writable_deliverable,
)
from pcrm.projects.deliverables.vocab import (
    INSPECTABLE,
    SETTLED,
    Comparison,
    DeliverableStatus,
)
from pcrm.projects.plan.models import Deliverable

NOT_INSPECTABLE = N_("Only a delivered deliverable, or one in inspection, can be inspected.")
ISSUE_TITLE = N_("Quality inspection failed: %(name)s")
ISSUE_TEXT = N_("Inspection of %(day)s failed. Findings: %(findings)s")


def meets(measured: Decimal, target: Decimal, comparison: Comparison) -> bool:
    return measured >= target if comparison is Comparison.AT_LEAST else measured <= target


def _open(row: Deliverable) -> None:
    if row.status in SETTLED:
        raise Conflict(SETTLED_MESSAGE)


def add_standard(
    db: Session, principal: Principal, project_id: int, deliverable_id: int, data: StandardWrite
) -> DeliverableDetail:
    project, row = writable_deliverable(db, principal, project_id, deliverable_id, None)
    _open(row)
    db.add(
        QualityStandard(
            workspace_id=principal.scope.workspace_id,
            project_id=project.id,
            deliverable_id=row.id,
            **data.model_dump(),
        )
    )
    db.flush()
    return details(db, principal, project, [row])[0]


def update_standard(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    standard_id: int,
    data: StandardUpdate,
    expected_version: int | None = None,
) -> DeliverableDetail:
    project, row = writable_deliverable(db, principal, project_id, deliverable_id, None)
    standard = repo.standard(db, principal.scope, row.id, standard_id)
    check_version(standard.version, expected_version)
    _open(row)
    changes = data.model_dump(exclude_unset=True)
    errors = [
        FieldError(key, N_("This field is required."), "missing")
        for key in ("kind", "metric", "target_value", "comparison")
        if key in changes and changes[key] is None
    ]
    if errors:
        raise ValidationFailed(errors)
    for key, value in changes.items():
        setattr(standard, key, value)
    db.flush()
    return details(db, principal, project, [row])[0]


def remove_standard(
    db: Session,
    principal: Principal,
    project_id: int,
    deliverable_id: int,
    standard_id: int,
    expected_version: int | None = None,
) -> None:
    _, row = writable_deliverable(db, principal, project_id, deliverable_id, None)
    standard = repo.standard(db, principal.scope, row.id, standard_id)
    check_version(standard.version, expected_version)
    _open(row)
    db.delete(standard)
    db.flush()


def _verdicts(
    db: Session,
    principal: Principal,
    row: Deliverable,
    data: InspectionWrite,
    errors: list[FieldError],
) -> dict[int, tuple[Decimal | None, bool]]:
    """Each result's measured value and pass (computed from the target when measured); the
    refused ones added to `errors`."""
    standards = {s.id: s for s in repo.standards(db, principal.scope, [row.id])}
    verdicts: dict[int, tuple[Decimal | None, bool]] = {}
    for result in data.results:
        standard = standards.get(result.standard_id)
        if standard is None:
            errors.append(FieldError("results", N_("Choose standards of this deliverable.")))
            break
        if result.standard_id in verdicts:
            errors.append(FieldError("results", N_("Give each standard one result.")))
            break
        if result.measured_value is not None:
            passed = meets(result.measured_value, standard.target_value, standard.comparison)
        elif result.passed is not None:
            passed = result.passed
        else:
            errors.append(
                FieldError(
                    f"result-{standard.id}",
                    N_("Give the measured value, or say whether it passed."),
                    "missing",
                )
            )
            continue
        verdicts[result.standard_id] = (result.measured_value, passed)
    return verdicts


def record_inspection(
    db: Session, principal: Principal, project_id: int, deliverable_id: int, data: InspectionWrite
) -> DeliverableDetail:
    """An inspection of a delivered deliverable (or one in inspection); a failed one opens an
    issue in the conflicts register."""
    project, row = writable_deliverable(db, principal, project_id, deliverable_id, None)
    if row.status not in INSPECTABLE:
        raise Conflict(NOT_INSPECTABLE)
    scope = principal.scope
    errors: list[FieldError] = []
    day = data.inspected_on or principal.today()
    if day > principal.today():
        errors.append(FieldError("inspected_on", FUTURE))
    elif row.delivered_on is not None and day < row.delivered_on:
        errors.append(FieldError("inspected_on", N_("The day comes before the delivery.")))
    inspector = data.inspector_id or principal.user_id
    if inspector not in {u.id for u in active_user_refs(db, scope)}:
        errors.append(FieldError("inspector_id", N_("Choose an active user of this workspace.")))
    if data.participant_id is not None and data.participant_id not in {
        c.id for c in account_people(db, principal, project.account_id)
    }:
        errors.append(
            FieldError("participant_id", N_("Choose a contact of the project's account."))
        )
    verdicts = _verdicts(db, principal, row, data, errors)
    if not data.results and data.passed is None:
        errors.append(FieldError("passed", N_("Say whether the inspection passed."), "missing"))
    if errors:
        raise ValidationFailed(errors)
    passed = all(p for _, p in verdicts.values()) if verdicts else bool(data.passed)
    if not passed and not data.findings:
        raise field_error("findings", N_("Write the findings of a failed inspection."), "missing")
    inspection = QualityInspection(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        deliverable_id=row.id,
        inspected_on=day,
        inspector_id=inspector,
        participant_id=data.participant_id,
        passed=passed,
        findings=data.findings,
    )
    db.add(inspection)
    db.flush()
    for standard_id, (value, ok) in verdicts.items():
        db.add(
            InspectionResult(
                workspace_id=scope.workspace_id,
                inspection_id=inspection.id,
                standard_id=standard_id,
                measured_value=value,
                passed=ok,
            )
        )
    if not passed:
        locale = principal.locale or "zh_CN"
        issue = conflicts.add_conflict(
            db,
            principal,
            project.id,
            ConflictWrite(
                kind=ConflictKind.PROJECT_ELEMENT,
                element=ProjectElement.QUALITY,
                severity=Severity.HIGH,
                title=translate(locale, ISSUE_TITLE, name=row.name)[:200],
                description=translate(
                    locale, ISSUE_TEXT, day=day.isoformat(), findings=data.findings or ""
                ),
                opened_on=day,
                user_ids=[inspector],
                contact_ids=[data.participant_id] if data.participant_id else [],
            ),
        )
        inspection.issue_id = issue.id
    if row.status is DeliverableStatus.DELIVERED:
        row.status = DeliverableStatus.IN_INSPECTION
    db.flush()
    return details(db, principal, project, [row])[0]
