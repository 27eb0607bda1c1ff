"""The project's rules: creation (with its generated code), changes, the customer's liaison,
the status actions (筹备 → 进行中 ⇄ 暂停 → 已收尾 → 已归档, and 客户提前终止), and the move to
the next phase through its gate or past it by an administrator's audited override."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pcrm.accounts.public import account_refs, contacts_by_ids, get_account
from pcrm.core.db import utcnow
from pcrm.core.errors import Conflict, PermissionDenied, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, active_user_refs, user_refs
from pcrm.projects.baselines import repository as baselines
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus
from pcrm.projects.projects import gates
from pcrm.projects.projects import repository as repo
from pcrm.projects.projects.models import PhaseChange, Project, ProjectDocument
from pcrm.projects.projects.schemas import (
    DocumentRef,
    GateBlocker,
    LiaisonAppointment,
    PhaseAdvance,
    PhaseChangeRead,
    PhaseColumn,
    ProjectCreate,
    ProjectDetail,
    ProjectFilters,
    ProjectQuery,
    ProjectRead,
    ProjectUpdate,
    StatusMove,
    Termination,
)
from pcrm.projects.requirements import repository as requirements
from pcrm.projects.requirements.vocab import RequirementStatus
from pcrm.projects.schemas import ENDS_BEFORE_START
from pcrm.projects.training import repository as training
from pcrm.projects.vocab import FINISHED, STATUS_MOVES, TERMINABLE, Phase, ProjectStatus

BOARD_CARDS = 20
# Why a status action is refused, by the status asked for (the allowed moves are STATUS_MOVES).
REFUSALS: dict[ProjectStatus, str] = {
    ProjectStatus.DRAFT: N_("A project cannot go back to draft."),
    ProjectStatus.ACTIVE: N_("Only a draft project can be started, or one on hold resumed."),
    ProjectStatus.ON_HOLD: N_("Only an active project can be put on hold."),
    ProjectStatus.CLOSED: N_("Only an active project can be closed."),
    ProjectStatus.ARCHIVED: N_("Only a closed project can be archived."),
    ProjectStatus.TERMINATED: N_(
        "Record the customer's termination with its date, reason and person."
    ),
}
FINISHED_MESSAGE = N_("This project is archived and can no longer be changed.")


# --- reading ------------------------------------------------------------------------------


def project_reads(
    db: Session, scope: WorkspaceScope, rows: Sequence[Project | Row[Any]]
) -> list[ProjectRead]:
    """Projects (ORM objects or rows of their columns) as reads, with the names of their
    accounts, people and contacts (three queries)."""
    accounts = account_refs(db, scope, {p.account_id for p in rows})
    users = user_refs(db, scope, {p.manager_id for p in rows if p.manager_id})
    contact_ids = {
        c
        for p in rows
        for c in (p.liaison_id, p.liaison_appointed_by_id, p.terminated_by_id)
        if c is not None
    }
    contacts = contacts_by_ids(db, scope, contact_ids)

    def contact(cid: int | None) -> str | None:
        return contacts[cid].name if cid is not None and cid in contacts else None

    out = []
    for p in rows:
        account = accounts.get(p.account_id)
        manager = users.get(p.manager_id) if p.manager_id else None
        out.append(
            ProjectRead(
                id=p.id,
                code=p.code,
                name=p.name,
                account_id=p.account_id,
                account_name=account.name if account else "",
                opportunity_id=p.opportunity_id,
                manager_id=p.manager_id,
                manager_name=manager.name if manager else None,
                liaison_id=p.liaison_id,
                liaison_name=contact(p.liaison_id),
                liaison_appointed_by_id=p.liaison_appointed_by_id,
                liaison_appointed_by_name=contact(p.liaison_appointed_by_id),
                liaison_appointed_on=p.liaison_appointed_on,
                budget_amount=p.budget_amount,
                currency=p.currency,
                start_on=p.start_on,
                end_on=p.end_on,
                status=p.status,
                phase=p.phase,
                description=p.description,
                terminated_on=p.terminated_on,
                termination_reason=p.termination_reason,
                terminated_by_id=p.terminated_by_id,
                terminated_by_name=contact(p.terminated_by_id),
                termination_costs=p.termination_costs,
                created_at=p.created_at,
                updated_at=p.updated_at,
                version=p.version,
            )
        )
    return out


def get_project(db: Session, principal: Principal, project_id: int) -> Project:
    principal.require(Permission.READ)
    return repo.project(db, principal.scope, project_id)


def read_project(db: Session, principal: Principal, project_id: int) -> ProjectRead:
    return project_reads(db, principal.scope, [get_project(db, principal, project_id)])[0]


def gate_blockers(db: Session, scope: WorkspaceScope, project: Project) -> list[gates.Blocker]:
    if project.phase is Phase.PLANNING:
        plan = baselines.latest_baseline(db, scope, project.id, BaselineKind.PLAN)
        reviewed = training.reviewed(db, scope, project.id)
        return gates.exit_blockers(
            gates.GateFacts(
                project_id=project.id,
                phase=project.phase,
                plan_approved=plan is not None and plan.status is BaselineStatus.APPROVED,
                liaison_appointed=project.liaison_id is not None,
                training_reviewed=reviewed,
            )
        )
    if project.phase is not Phase.NEEDS:
        return gates.exit_blockers(gates.GateFacts(project_id=project.id, phase=project.phase))
    latest = baselines.latest_baseline(db, scope, project.id, BaselineKind.REQUIREMENTS)
    statuses = [r.status for r in requirements.requirements(db, scope, project.id)]
    facts = gates.GateFacts(
        project_id=project.id,
        phase=project.phase,
        requirements_signed_off=latest is not None and latest.status is BaselineStatus.APPROVED,
        reworked_requirements=statuses.count(RequirementStatus.DRAFT),
        open_clarifications=requirements.open_clarification_count(db, scope, project.id),
    )
    return gates.exit_blockers(facts)


def project_detail(db: Session, principal: Principal, project_id: int) -> ProjectDetail:
    project = get_project(db, principal, project_id)
    scope = principal.scope
    changes = repo.phase_changes(db, scope, project_id)
    people = user_refs(db, scope, {c.changed_by_id for c in changes if c.changed_by_id})
    read = project_reads(db, scope, [project])[0]
    return ProjectDetail(
        **read.model_dump(),
        documents=[DocumentRef.model_validate(d) for d in repo.documents(db, scope, project_id)],
        phase_changes=[
            PhaseChangeRead(
                id=c.id,
                from_phase=c.from_phase,
                to_phase=c.to_phase,
                changed_by_id=c.changed_by_id,
                changed_by_name=(
                    people[c.changed_by_id].name if c.changed_by_id in people else None
                ),
                overridden=c.overridden,
                override_reason=c.override_reason,
                created_at=c.created_at,
            )
            for c in changes
        ],
        gate_blockers=[
            GateBlocker(code=b.code, message=b.message) for b in gate_blockers(db, scope, project)
        ],
        next_statuses=list(STATUS_MOVES[project.status]),
    )


def filters_of(query: ProjectQuery) -> ProjectFilters:
    return ProjectFilters(
        q=query.q,
        statuses=tuple(query.status),
        phases=tuple(query.phase),
        manager_id=query.manager_id,
        account_id=query.account_id,
    )


def list_projects(
    db: Session, principal: Principal, filters: ProjectFilters, page: PageRequest, sort: str | None
) -> Page[ProjectRead]:
    principal.require(Permission.READ)
    rows, total, capped = repo.projects_page(db, principal.scope, filters, page, sort)
    return Page.of(project_reads(db, principal.scope, rows), total, page, capped)


def board(db: Session, principal: Principal, filters: ProjectFilters) -> list[PhaseColumn]:
    """The board by phase: each phase's count and its most recently changed projects."""
    principal.require(Permission.READ)
    scope = principal.scope
    counts = repo.phase_counts(db, scope, filters)
    firsts = {phase: repo.first_of_phase(db, scope, filters, phase, BOARD_CARDS) for phase in Phase}
    reads = iter(project_reads(db, scope, [p for phase in Phase for p in firsts[phase]]))
    return [
        PhaseColumn(
            phase=phase,
            count=counts.get(phase, 0),
            cards=[next(reads) for _ in firsts[phase]],
        )
        for phase in Phase
    ]


# --- writing --------------------------------------------------------------------------------


def writable(db: Session, principal: Principal, project_id: int) -> Project:
    """The project, for a change by this principal: a 409 once it is archived or terminated."""
    principal.require(Permission.WRITE_PROJECTS)
    project = repo.project(db, principal.scope, project_id)
    if project.status in FINISHED:
        raise Conflict(FINISHED_MESSAGE)
    return project


def _check_manager(db: Session, scope: WorkspaceScope, manager_id: int | None) -> None:
    if manager_id is not None and manager_id not in {u.id for u in active_user_refs(db, scope)}:
        raise field_error("manager_id", N_("Choose an active user of this workspace."))


def _check_code(db: Session, scope: WorkspaceScope, code: str, project_id: int | None) -> None:
    if repo.code_taken(db, scope, code, project_id):
        raise field_error("code", N_("Another project already has this code."), "unique")


def next_code(db: Session, scope: WorkspaceScope, year: int) -> str:
    """The workspace's next code of the year: PRJ-2026-001, PRJ-2026-002, …"""
    prefix = f"PRJ-{year}-"
    numbers = [
        int(match.group(1))
        for code in repo.codes_starting(db, scope, prefix)
        if (match := re.fullmatch(rf"{re.escape(prefix)}(\d+)", code))
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def create_project(
    db: Session, principal: Principal, data: ProjectCreate, opportunity_id: int | None = None
) -> Project:
    """A new project in draft, in the needs-identification phase."""
    principal.require(Permission.WRITE_PROJECTS)
    scope = principal.scope
    get_account(db, principal, data.account_id)  # a 404 for another workspace's account
    _check_manager(db, scope, data.manager_id)
    code = data.code or next_code(db, scope, principal.today().year)
    _check_code(db, scope, code, None)
    project = Project(
        workspace_id=scope.workspace_id,
        code=code,
        name=data.name,
        account_id=data.account_id,
        opportunity_id=opportunity_id,
        manager_id=data.manager_id,
        budget_amount=data.budget_amount,
        currency=data.currency,
        start_on=data.start_on,
        end_on=data.end_on,
        description=data.description,
        status=ProjectStatus.DRAFT,
        phase=Phase.NEEDS,
    )
    db.add(project)
    try:
        db.flush()
    except IntegrityError as exc:  # a second writer took the code or the opportunity
        raise Conflict(N_("Another project was created at the same moment; try again.")) from exc
    return project


def project_of_opportunity(
    db: Session, scope: WorkspaceScope, opportunity_id: int
) -> Project | None:
    return repo.project_of_opportunity(db, scope, opportunity_id)


def add_document(
    db: Session, scope: WorkspaceScope, project: Project, file_id: int, kind: str, filename: str
) -> None:
    db.add(
        ProjectDocument(
            workspace_id=scope.workspace_id,
            project_id=project.id,
            file_id=file_id,
            kind=kind,
            filename=filename,
        )
    )


def update_project(
    db: Session,
    principal: Principal,
    project_id: int,
    data: ProjectUpdate,
    expected_version: int | None = None,
) -> Project:
    project = writable(db, principal, project_id)
    check_version(project.version, expected_version)
    scope = principal.scope
    changes = data.model_dump(exclude_unset=True)
    for required in ("code", "name"):
        if required in changes and changes[required] is None:
            raise field_error(required, N_("This field is required."), "missing")
    if "code" in changes:
        _check_code(db, scope, changes["code"], project.id)
    if "manager_id" in changes:
        _check_manager(db, scope, changes["manager_id"])
    start = changes.get("start_on", project.start_on)
    end = changes.get("end_on", project.end_on)
    if start is not None and end is not None and end < start:
        raise field_error("end_on", ENDS_BEFORE_START)
    for key, value in changes.items():
        setattr(project, key, value)
    db.flush()
    return project


def _account_contact(
    db: Session, scope: WorkspaceScope, project: Project, contact_id: int, field: str
) -> None:
    contact = contacts_by_ids(db, scope, {contact_id}).get(contact_id)
    if (
        contact is None
        or contact.archived_at is not None
        or contact.account_id != (project.account_id)
    ):
        raise field_error(field, N_("Choose a contact of the project's account."))


def appoint_liaison(
    db: Session,
    principal: Principal,
    project_id: int,
    data: LiaisonAppointment,
    expected_version: int | None = None,
) -> Project:
    """Record the customer's liaison (客户联系人), who on their side appointed them and when."""
    project = writable(db, principal, project_id)
    check_version(project.version, expected_version)
    scope = principal.scope
    errors = []
    for field, cid in (("liaison_id", data.liaison_id), ("appointed_by_id", data.appointed_by_id)):
        try:
            _account_contact(db, scope, project, cid, field)
        except ValidationFailed as exc:
            errors.extend(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    project.liaison_id = data.liaison_id
    project.liaison_appointed_by_id = data.appointed_by_id
    project.liaison_appointed_on = data.appointed_on or principal.today()
    db.flush()
    return project


def move_status(
    db: Session,
    principal: Principal,
    project_id: int,
    data: StatusMove,
    expected_version: int | None = None,
) -> Project:
    """A status action; a move the life cycle does not allow is a 409 that says why. Closing
    goes through the closure gate (projects/closure)."""
    project = writable(db, principal, project_id)
    check_version(project.version, expected_version)
    if data.status not in STATUS_MOVES[project.status]:
        raise Conflict(REFUSALS[data.status])
    if data.status is ProjectStatus.CLOSED:
        # closing passes the closure gate (a 422 naming the missing acts) and plans follow-ups
        from pcrm.projects.closure import service as closure

        closure.close(db, principal, project)
        return project
    project.status = data.status
    project.status_changed_at = utcnow()
    db.flush()
    return project


def terminate(
    db: Session,
    principal: Principal,
    project_id: int,
    data: Termination,
    expected_version: int | None = None,
) -> Project:
    """客户提前终止: the customer ends the project; it is archived with when, why, by whom on
    their side and the costs until then."""
    project = writable(db, principal, project_id)
    check_version(project.version, expected_version)
    if project.status not in TERMINABLE:
        raise Conflict(
            N_("Only a draft, active or on-hold project can be terminated by the customer.")
        )
    _account_contact(db, principal.scope, project, data.terminated_by_id, "terminated_by_id")
    project.status = ProjectStatus.TERMINATED
    project.status_changed_at = utcnow()
    project.terminated_on = data.terminated_on
    project.termination_reason = data.reason
    project.terminated_by_id = data.terminated_by_id
    project.termination_costs = data.costs
    db.flush()
    return project


def advance_phase(
    db: Session,
    principal: Principal,
    project_id: int,
    data: PhaseAdvance,
    expected_version: int | None = None,
) -> Project:
    """Move to the next phase when its gate is open. A blocked gate is a 409; an administrator
    may pass it with a reason, recorded with the phase change (and audited)."""
    project = writable(db, principal, project_id)
    check_version(project.version, expected_version)
    following = gates.next_phase(project.phase)
    if following is None:
        raise Conflict(N_("The project is already in its last phase."))
    blocked = gate_blockers(db, principal.scope, project)
    overridden = False
    if blocked:
        if not data.override_reason:
            raise Conflict(N_("The gate of this phase is not passed yet: see what is missing."))
        if not principal.can(Permission.MANAGE_WORKSPACE):
            raise PermissionDenied(N_("Only an administrator may pass a blocked gate."))
        overridden = True
    db.add(
        PhaseChange(
            workspace_id=principal.workspace_id,
            project_id=project.id,
            from_phase=project.phase,
            to_phase=following,
            changed_by_id=principal.user_id,
            overridden=overridden,
            override_reason=data.override_reason if overridden else None,
        )
    )
    project.phase = following
    db.flush()
    return project
