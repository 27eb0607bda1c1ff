"""The steps of a change request and the customer's decision.

submitted → impact analysed (its options in place: two at least when we raised it) → awaiting
the customer's decision → approved (one version of one option chosen) or rejected →
implemented; withdrawn before a decision. Any other step is a 409 saying what is allowed, and
nothing is written. Only an approver stakeholder decides, recorded like a sign-off. An approval,
in the same transaction: moves the plan's tasks by the chosen option's schedule Δ (impact.py,
through plan/schedule.py), makes new requirements and plan baseline versions signed off by the
same approver, moves the project's budget baseline by the cost Δ and, when billable, grows the
won opportunity's awarded amount (opportunities.public).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from pcrm.accounts.public import contacts_by_ids
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.i18n import N_
from pcrm.files.public import Storage, get_file, upload_file
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.public import add_approved_change
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.schemas import SignOffCreate
from pcrm.projects.baselines.vocab import BaselineKind, Decision, SignOffChannel
from pcrm.projects.changes import repository as repo
from pcrm.projects.changes.models import ChangeDecision, ChangeOption, ChangeRequest
from pcrm.projects.changes.schemas import (
    ChangeDetail,
    ChangeFigures,
    DecisionCreate,
    Implementation,
    SendForDecision,
    Withdrawal,
)
from pcrm.projects.changes.service import (
    BEFORE_DECISION,
    EVIDENCE_KIND,
    FUTURE,
    NOT_ANALYSED,
    NOT_APPROVED,
    NOT_AWAITING,
    NOT_SUBMITTED,
    NOT_WITHDRAWABLE,
    STALE_OPTION,
    TOO_FEW_OPTIONS,
    TOO_FEW_OURS,
    change_of,
    code,
    detail,
    fewest_options,
    option_of,
    plan_tasks,
    shifted,
    writable_change,
)
from pcrm.projects.changes.vocab import ChangeOrigin, ChangeState
from pcrm.projects.plan import repository as plan
from pcrm.projects.plan.approval import service as plan_approval
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements import repository as requirements
from pcrm.projects.requirements.vocab import RequirementStatus


def analyse(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    expected_version: int | None = None,
) -> ChangeDetail:
    """Submitted → impact analysed, once it has its options (two when we raised it)."""
    project, change = writable_change(db, principal, project_id, change_id, expected_version)
    if change.state is not ChangeState.SUBMITTED:
        raise Conflict(NOT_SUBMITTED)
    count = len(repo.options(db, principal.scope, [change.id]))
    if count < fewest_options(change):
        message = TOO_FEW_OURS if change.origin is ChangeOrigin.US else TOO_FEW_OPTIONS
        raise field_error("options", message, "missing")
    change.state = ChangeState.IMPACT_ANALYSED
    db.flush()
    return detail(db, principal, project, change)


def send_for_decision(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: SendForDecision,
    expected_version: int | None = None,
) -> ChangeDetail:
    project, change = writable_change(db, principal, project_id, change_id, expected_version)
    if change.state is not ChangeState.IMPACT_ANALYSED:
        raise Conflict(NOT_ANALYSED)
    sent = data.sent_on or principal.today()
    if sent > principal.today():
        raise field_error("sent_on", FUTURE)
    change.state = ChangeState.AWAITING_DECISION
    change.sent_on = sent
    db.flush()
    return detail(db, principal, project, change)


def withdraw(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: Withdrawal,
    expected_version: int | None = None,
) -> ChangeDetail:
    project, change = writable_change(db, principal, project_id, change_id, expected_version)
    if change.state not in BEFORE_DECISION:
        raise Conflict(NOT_WITHDRAWABLE)
    change.state = ChangeState.WITHDRAWN
    change.withdrawn_reason = data.reason
    db.flush()
    return detail(db, principal, project, change)


def implement(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: Implementation,
    expected_version: int | None = None,
) -> ChangeDetail:
    project, change = writable_change(db, principal, project_id, change_id, expected_version)
    if change.state is not ChangeState.APPROVED:
        raise Conflict(NOT_APPROVED)
    done = data.implemented_on or principal.today()
    if done > principal.today():
        raise field_error("implemented_on", FUTURE)
    change.state = ChangeState.IMPLEMENTED
    change.implemented_on = done
    db.flush()
    return detail(db, principal, project, change)


def record_decision(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: DecisionCreate,
    expected_version: int | None = None,
    channel: SignOffChannel = SignOffChannel.RECORDED,
) -> ChangeDetail:
    """The customer's decision, by an approver stakeholder, on one version of one option (to
    approve) or on the request (to reject). An approval carries its effects in the same
    transaction; anything refused writes nothing."""
    project, change = writable_change(db, principal, project_id, change_id, expected_version)
    scope = principal.scope
    if change.state is not ChangeState.AWAITING_DECISION:
        raise Conflict(NOT_AWAITING)
    errors: list[FieldError] = []
    stakeholder = requirements.stakeholder_of(db, scope, project.id, data.stakeholder_id)
    if stakeholder is None:
        errors.append(FieldError("stakeholder_id", N_("Choose a stakeholder of this project.")))
    elif not stakeholder.is_approver:
        errors.append(
            FieldError(
                "stakeholder_id", N_("Only a stakeholder marked as approver may decide a change.")
            )
        )
    decided_on = data.decided_on or principal.today()
    if decided_on > principal.today():
        errors.append(FieldError("decided_on", FUTURE))
    approved = data.decision is Decision.APPROVED
    option: ChangeOption | None = None
    if approved:
        if data.option_id is None:
            errors.append(
                FieldError("option_id", N_("Choose the option the customer approved."), "missing")
            )
        else:
            try:
                option = option_of(db, principal, change, data.option_id)
            except NotFound:
                errors.append(
                    FieldError("option_id", N_("Choose an option of this change request."))
                )
        if data.option_version is None:
            errors.append(
                FieldError(
                    "option_version", N_("Give the version of the option decided on."), "missing"
                )
            )
    if data.evidence_file_id is not None:
        try:
            get_file(db, scope, baselines.PROJECT_FILES, data.evidence_file_id, project.id)
        except NotFound:
            errors.append(FieldError("evidence_file_id", N_("Choose a file of this project.")))
    if errors or stakeholder is None:
        raise ValidationFailed(errors)
    if option is not None and option.version != data.option_version:
        raise Conflict(STALE_OPTION)
    contact = contacts_by_ids(db, scope, {stakeholder.contact_id}).get(stakeholder.contact_id)
    decision = ChangeDecision(
        workspace_id=scope.workspace_id,
        project_id=project.id,
        change_id=change.id,
        option_id=option.id if option else None,
        option_version=option.version if option else None,
        stakeholder_id=stakeholder.id,
        contact_id=stakeholder.contact_id,
        signer_name=contact.name if contact else "",
        decision=data.decision,
        decided_on=decided_on,
        channel=channel,
        recorded_by_id=None if channel is SignOffChannel.PORTAL else principal.user_id,
        evidence_file_id=data.evidence_file_id,
        comment=data.comment,
        impact={},
    )
    if option is not None:
        decision.impact = _approve(
            db, principal, project, change, option, data, decided_on, channel
        )
        change.state = ChangeState.APPROVED
    else:
        change.state = ChangeState.REJECTED
    db.add(decision)
    db.flush()
    return detail(db, principal, project, change)


def _approve(
    db: Session,
    principal: Principal,
    project: Project,
    change: ChangeRequest,
    option: ChangeOption,
    data: DecisionCreate,
    decided_on: date,
    channel: SignOffChannel,
) -> dict[str, Any]:
    """The approval's effects; returns the impact as it was applied (kept on the decision)."""
    scope = principal.scope
    cost = option.cost_delta or Decimal(0)
    budget = (project.budget_amount or Decimal(0)) + cost
    if budget < 0:
        raise Conflict(N_("The cost Δ would take the project's budget baseline below zero."))
    # the plan moves first, so that the new plan baseline holds the shifted tasks
    tasks, links, names = plan_tasks(db, principal, project.id)
    moved = shifted(change, option, tasks, links)
    rows = {t.id: t for t in plan.tasks(db, scope, project.id)}
    for move in moved.moves:
        rows[move.task_id].start_on = move.new_start
        rows[move.task_id].end_on = move.new_end
    db.flush()
    sign_off = {
        "stakeholder_id": data.stakeholder_id,
        "decision": Decision.APPROVED,
        "decided_on": decided_on,
        "comment": data.comment,
        "evidence_file_id": data.evidence_file_id,
    }
    note = f"{code(change.number)} {change.title}"[:1000]
    reference = {
        "id": change.id,
        "code": code(change.number),
        "option_id": option.id,
        "option_version": option.version,
    }
    kept = baselines.requirements_content(db, scope, project.id)
    if kept["requirements"]:
        made = baselines.freeze(
            db, principal, project, BaselineKind.REQUIREMENTS,
            kept | {"change_request": reference}, note, decided_on,
        )  # fmt: skip
        # what the customer approves with the change is confirmed by the sign-off
        held = {entry["id"] for entry in kept["requirements"]}
        for requirement in requirements.requirements(db, scope, project.id):
            if requirement.id in held and requirement.status is not RequirementStatus.CONFIRMED:
                requirement.status = RequirementStatus.IN_REVIEW
        baselines.record_sign_off(
            db, principal, made.id,
            SignOffCreate(baseline_number=made.number, **sign_off), channel,
        )  # fmt: skip
        change.requirements_baseline_id = made.id
    if tasks:
        content = plan_approval.plan_content(db, scope, project.id)
        content["end_on"] = max(t["end_on"] for t in content["tasks"])
        content["acknowledged"] = [
            {
                "constraint_id": b.constraint_id,
                "kind": str(b.kind),
                "statement": b.statement,
                "due_on": b.due_on.isoformat() if b.due_on else None,
                "plan_end_on": b.plan_end_on.isoformat() if b.plan_end_on else None,
                "ceiling": str(b.ceiling) if b.ceiling is not None else None,
                "budget": str(budget) if b.budget is not None else None,
                "reason": note,
                "acknowledged_by_id": principal.user_id,
            }
            for b in plan_approval.breaches(db, principal, project.id)
        ]
        content["change_request"] = reference
        made = baselines.freeze(
            db, principal, project, BaselineKind.PLAN, content, note, decided_on
        )
        baselines.record_sign_off(
            db, principal, made.id, SignOffCreate(baseline_number=made.number, **sign_off), channel
        )
        change.plan_baseline_id = made.id
    if cost:
        project.budget_amount = budget
        if change.billable and project.opportunity_id is not None:
            add_approved_change(db, principal, project.opportunity_id, cost)
    db.flush()
    return {
        "cost_delta": str(cost),
        "schedule_delta_days": option.schedule_delta_days or 0,
        "old_end_on": moved.old_end.isoformat() if moved.old_end else None,
        "new_end_on": moved.new_end.isoformat() if moved.new_end else None,
        "moved": [
            {
                "task_id": m.task_id,
                "name": names[m.task_id][0],
                "old_end_on": m.old_end.isoformat(),
                "new_end_on": m.new_end.isoformat(),
            }
            for m in moved.moves
        ],
    }


def record_decision_with_evidence(
    db: Session,
    principal: Principal,
    project_id: int,
    change_id: int,
    data: DecisionCreate,
    expected_version: int | None,
    filename: str | None,
    stream: BinaryIO,
    storage: Storage,
    max_bytes: int,
) -> ChangeDetail:
    """The decision with the file that shows it, kept among the project's files; a refused
    decision keeps no file (the upload goes with the rolled-back transaction)."""
    project = projects.writable(db, principal, project_id)
    change_of(db, principal, project.id, change_id)
    if filename:
        stored = upload_file(
            db, principal.scope, baselines.PROJECT_FILES, project.id, EVIDENCE_KIND,
            filename, stream, storage, max_bytes, principal.user_id,
        )  # fmt: skip
        data = data.model_copy(update={"evidence_file_id": stored.id})
    return record_decision(db, principal, project_id, change_id, data, expected_version)


# --- figures for other areas -----------------------------------------------------------------


def _figures(rows: list[Any]) -> ChangeFigures:
    by_state = dict.fromkeys(ChangeState, 0)
    per_requirement: dict[int, int] = {}
    cost = Decimal(0)
    for _, state, requirement_ids, cost_delta in rows:
        by_state[state] += 1
        for requirement in set(requirement_ids or []):
            per_requirement[requirement] = per_requirement.get(requirement, 0) + 1
        if state in (ChangeState.APPROVED, ChangeState.IMPLEMENTED) and cost_delta is not None:
            cost += cost_delta
    return ChangeFigures(
        changes=len(rows),
        by_state=by_state,
        per_requirement=per_requirement,
        approved_cost_delta=cost,
    )


def project_figures(db: Session, principal: Principal, project_id: int) -> ChangeFigures:
    project = projects.get_project(db, principal, project_id)
    return _figures(repo.figure_rows(db, principal.scope, project_id=project.id))


def account_figures(db: Session, principal: Principal, account_id: int) -> ChangeFigures:
    principal.require(Permission.READ)
    return _figures(repo.figure_rows(db, principal.scope, account_id=account_id))
