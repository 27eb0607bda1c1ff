"""The customer's portal over the projects area (ADR 0007): a portal principal reaches only
the projects on which their contact is a stakeholder (of their own account), sees only what
the customer may see, and acts through the same rules as the staff's recording of those acts
(stale version 409, only approvers decide, a finished project is read-only), with channel =
portal and a receipt (time, address, browser) the project manager sees."""

from __future__ import annotations

from datetime import date, timedelta
from string import ascii_uppercase

from sqlalchemy.orm import Session

from pcrm.accounts.public import ContactStatus, contacts_by_ids
from pcrm.core.db import utcnow
from pcrm.core.errors import Conflict, NotFound, PermissionDenied, field_error
from pcrm.core.i18n import N_
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import (
    PortalInvitation,
    PortalInvite,
    PortalPrincipal,
    PortalRole,
    PortalUserRead,
    Principal,
    acting_for_portal,
    invite_portal_user,
    portal_users_of_contacts,
    revoke_portal_user,
    sign_off_reminder_days,
    user_refs,
)
from pcrm.projects.baselines import repository as baselines_repo
from pcrm.projects.baselines import service as baselines
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.schemas import SignOffCreate
from pcrm.projects.baselines.vocab import BaselineKind, Decision, SignOffChannel
from pcrm.projects.changes import repository as changes_repo
from pcrm.projects.changes import service as changes
from pcrm.projects.changes.decision import service as change_steps
from pcrm.projects.changes.schemas import ChangeWrite, DecisionCreate
from pcrm.projects.changes.vocab import ChangeOrigin
from pcrm.projects.customer import repository as repo
from pcrm.projects.customer.models import PortalAct
from pcrm.projects.customer.schemas import (
    PendingAct,
    PortalActRead,
    PortalBaseline,
    PortalChange,
    PortalMilestone,
    PortalOption,
    PortalProject,
    PortalProjectSummary,
    PortalQuestion,
    PortalRequirement,
    PortalTeamMember,
)
from pcrm.projects.customer.vocab import PendingKind, PortalActKind
from pcrm.projects.plan import repository as plan_repo
from pcrm.projects.plan.gantt.service import variance_of
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.projects.service import FINISHED_MESSAGE
from pcrm.projects.requirements import repository as requirements_repo
from pcrm.projects.requirements.models import Clarification
from pcrm.projects.requirements.vocab import ClarificationStatus
from pcrm.projects.stakeholders import repository as stakeholders_repo
from pcrm.projects.stakeholders.models import Stakeholder
from pcrm.projects.team import repository as team_repo
from pcrm.projects.vocab import FINISHED

NOT_AN_APPROVER = N_("Only an approver of this project may decide.")


def _stakes(db: Session, portal: PortalPrincipal) -> list[tuple[Stakeholder, Project]]:
    return list(repo.stakes_of_contact(db, portal.scope, portal.contact_id, portal.account_id))


def _stake(db: Session, portal: PortalPrincipal, project_id: int) -> tuple[Stakeholder, Project]:
    """The contact's stakeholder row on the project, or 404: another account's, another
    workspace's and a project they have no stake in look the same as a missing one."""
    for stake in _stakes(db, portal):
        if stake[1].id == project_id:
            return stake
    raise NotFound()


def _approver(portal: PortalPrincipal, stakeholder: Stakeholder) -> bool:
    return portal.is_approver and stakeholder.is_approver


def _pending(
    db: Session, portal: PortalPrincipal, stakes: list[tuple[Stakeholder, Project]]
) -> list[PendingAct]:
    scope = portal.scope
    by_id = {p.id: (s, p) for s, p in stakes}
    ids = list(by_id)
    late_after = sign_off_reminder_days(db, scope)
    today = portal.today()
    acts: list[PendingAct] = []
    for b in repo.baselines_in_review(db, scope, ids):
        stakeholder, project = by_id[b.project_id]
        due = b.sent_on + timedelta(days=late_after)
        title = (
            N_("Requirements baseline")
            if b.kind == BaselineKind.REQUIREMENTS
            else N_("Plan baseline")
        )
        acts.append(
            PendingAct(
                kind=PendingKind.BASELINE,
                project_id=project.id,
                project_name=project.name,
                record_id=b.id,
                title=title,
                version=b.number,
                sent_on=b.sent_on,
                due_on=due,
                overdue=due < today,
                can_decide=_approver(portal, stakeholder),
            )
        )
    for c in repo.changes_of(db, scope, ids, awaiting_only=True):
        stakeholder, project = by_id[c.project_id]
        sent = c.sent_on or c.raised_on
        due = sent + timedelta(days=late_after)
        acts.append(
            PendingAct(
                kind=PendingKind.CHANGE,
                project_id=project.id,
                project_name=project.name,
                record_id=c.id,
                title=f"CR-{c.number:03d} {c.title}",
                version=None,
                sent_on=sent,
                due_on=due,
                overdue=due < today,
                can_decide=_approver(portal, stakeholder),
            )
        )
    for q, requirement in repo.open_questions_to(db, scope, ids, portal.contact_id):
        _stakeholder, project = by_id[q.project_id]
        due = q.asked_on + timedelta(days=late_after)
        acts.append(
            PendingAct(
                kind=PendingKind.CLARIFICATION,
                project_id=project.id,
                project_name=project.name,
                record_id=q.id,
                title=f"R-{requirement.number:03d} {requirement.title}",
                version=q.version,
                sent_on=q.asked_on,
                due_on=due,
                overdue=due < today,
                can_decide=True,
            )
        )
    order = list(PendingKind)  # on the same day: sign-offs, then changes, then questions
    return sorted(
        acts, key=lambda a: (a.due_on or date.max, order.index(a.kind), a.project_id, a.record_id)
    )


def inbox(db: Session, portal: PortalPrincipal) -> list[PendingAct]:
    """Everything awaiting this customer on their projects, the earliest due first."""
    return _pending(db, portal, _stakes(db, portal))


def my_projects(db: Session, portal: PortalPrincipal) -> list[PortalProjectSummary]:
    stakes = _stakes(db, portal)
    pending = _pending(db, portal, stakes)
    return [
        PortalProjectSummary(
            id=p.id,
            code=p.code,
            name=p.name,
            phase=p.phase,
            status=p.status,
            is_approver=_approver(portal, s),
            pending=sum(1 for a in pending if a.project_id == p.id),
        )
        for s, p in stakes
    ]


def _progress(db: Session, scope: WorkspaceScope, project_id: int) -> tuple[int, date | None]:
    """The plan's progress (its leaf tasks' progress weighted by their length) and end."""
    tasks = plan_repo.tasks(db, scope, project_id)
    parents = {t.parent_id for t in tasks if t.parent_id}
    leaves = [t for t in tasks if t.id not in parents and not t.is_milestone]
    weight = sum((t.end_on - t.start_on).days + 1 for t in leaves)
    done = sum(((t.end_on - t.start_on).days + 1) * t.progress for t in leaves)
    end = max((t.end_on for t in tasks), default=None)
    return (round(done / weight) if weight else 0), end


def _baseline_view(b: Baseline, late_after: int) -> PortalBaseline:
    view = PortalBaseline(
        id=b.id,
        kind=b.kind,
        number=b.number,
        status=b.status,
        content_hash=b.content_hash,
        sent_on=b.sent_on,
        due_on=b.sent_on + timedelta(days=late_after),
    )
    if b.kind == BaselineKind.REQUIREMENTS:
        view.requirements = [
            PortalRequirement(
                number=r["number"],
                title=r["title"],
                description=r.get("description"),
                acceptance_criteria=r.get("acceptance_criteria"),
            )
            for r in b.content.get("requirements", [])
        ]
    else:
        view.tasks = [
            (t["name"], date.fromisoformat(t["start_on"]), date.fromisoformat(t["end_on"]))
            for t in b.content.get("tasks", [])
        ]
        end = b.content.get("end_on")
        view.plan_end_on = date.fromisoformat(end) if end else None
    return view


def _changes(db: Session, scope: WorkspaceScope, project_id: int) -> list[PortalChange]:
    rows = repo.changes_of(db, scope, [project_id])
    ids = [c.id for c in rows]
    options = repo.options_of(db, scope, ids)
    decisions = {d.change_id: d for d in repo.decisions_of(db, scope, ids)}
    views = []
    for c in rows:
        own = [o for o in options if o.change_id == c.id]
        labels = {o.id: ascii_uppercase[i % 26] for i, o in enumerate(own)}
        decision = decisions.get(c.id)
        views.append(
            PortalChange(
                id=c.id,
                number=c.number,
                title=c.title,
                reason=c.reason,
                category=c.category,
                state=c.state,
                raised_on=c.raised_on,
                raised_by_us=c.origin == ChangeOrigin.US,
                sent_on=c.sent_on,
                options=[
                    PortalOption(
                        id=o.id,
                        label=labels[o.id],
                        title=o.title,
                        version=o.version,
                        cost_delta=o.cost_delta,
                        schedule_delta_days=o.schedule_delta_days,
                        quality_effect=o.quality_effect,
                        new_risks=o.new_risks,
                    )
                    for o in own
                ],
                decision=decision.decision if decision else None,
                decided_on=decision.decided_on if decision else None,
                chosen_option=labels.get(decision.option_id or 0) if decision else None,
                decided_by=decision.signer_name if decision else None,
            )
        )
    return views


def project(db: Session, portal: PortalPrincipal, project_id: int) -> PortalProject:
    """One of the customer's projects as they may see it."""
    stakeholder, found = _stake(db, portal, project_id)
    scope = portal.scope
    today = portal.today()
    progress, plan_end = _progress(db, scope, found.id)
    variance = variance_of(db, scope, found.id)
    milestones = [
        PortalMilestone(name=m.name, due_on=m.end_on, done=m.progress >= 100)
        for m in repo.milestones(db, scope, found.id)
    ]
    members = team_repo.team(db, scope, found.id)
    users = user_refs(db, scope, {m.user_id for m in members})
    late_after = sign_off_reminder_days(db, scope)
    in_review = repo.baselines_in_review(db, scope, [found.id])
    questions = [
        PortalQuestion(
            id=q.id,
            version=q.version,
            requirement=f"R-{r.number:03d} {r.title}",
            question=q.question,
            asked_on=q.asked_on,
        )
        for q, r in repo.open_questions_to(db, scope, [found.id], portal.contact_id)
    ]
    pending = _pending(db, portal, [(stakeholder, found)])
    return PortalProject(
        id=found.id,
        code=found.code,
        name=found.name,
        phase=found.phase,
        status=found.status,
        is_approver=_approver(portal, stakeholder),
        pending=len(pending),
        start_on=found.start_on,
        end_on=found.end_on,
        progress=progress,
        variance_days=variance.days,
        baseline_end_on=variance.baseline_end_on,
        plan_end_on=plan_end,
        milestones_done=[m for m in milestones if m.done],
        milestones_next=[m for m in milestones if not m.done and m.due_on >= today][:3]
        or [m for m in milestones if not m.done][:3],
        changes=_changes(db, scope, found.id),
        team=[
            PortalTeamMember(
                name=users[m.user_id].display(), role=m.role, email=users[m.user_id].email
            )
            for m in members
            if m.user_id in users and users[m.user_id].is_active
        ],
        pending_acts=pending,
        baselines=[_baseline_view(b, late_after) for b in in_review],
        questions=questions,
    )


# --- the customer's acts ----------------------------------------------------------------------


def _receipt(
    db: Session,
    portal: PortalPrincipal,
    project_id: int,
    kind: PortalActKind,
    record_id: int,
    summary: str,
    client: tuple[str | None, str | None],
) -> None:
    """The act's receipt: who, what, when, from which address and browser."""
    db.add(
        PortalAct(
            workspace_id=portal.workspace_id,
            project_id=project_id,
            portal_user_id=portal.portal_user_id,
            contact_id=portal.contact_id,
            actor_name=portal.name[:200],
            kind=kind,
            record_id=record_id,
            summary=summary[:300],
            occurred_at=utcnow(),
            ip=(client[0] or "")[:64] or None,
            user_agent=(client[1] or "")[:300] or None,
        )
    )


def _writable(project: Project) -> None:
    if project.status in FINISHED:
        raise Conflict(FINISHED_MESSAGE)


def _decision(value: str) -> Decision:
    try:
        return Decision(value)
    except ValueError:
        raise field_error("decision", N_("Choose approve or reject.")) from None


def decide_baseline(
    db: Session,
    portal: PortalPrincipal,
    project_id: int,
    baseline_id: int,
    baseline_number: int,
    decision: str,
    comment: str | None,
    client: tuple[str | None, str | None],
) -> None:
    """The approver approves or rejects the baseline version under review (409 on any other
    version); written as the staff's sign-off is, with channel = portal."""
    stakeholder, found = _stake(db, portal, project_id)
    baseline = baselines_repo.baseline(db, portal.scope, baseline_id)
    if baseline.project_id != found.id:
        raise NotFound()
    if not _approver(portal, stakeholder):
        raise PermissionDenied(NOT_AN_APPROVER)
    _writable(found)
    chosen = _decision(decision)
    sign_off = baselines.decide(
        db, portal.scope, found, baseline,
        SignOffCreate(
            stakeholder_id=stakeholder.id, baseline_number=baseline_number,
            decision=chosen, comment=comment,
        ),
        SignOffChannel.PORTAL, None, portal.today(),
    )  # fmt: skip
    summary = f"{baseline.kind} v{baseline.number}: {chosen}"
    _receipt(db, portal, found.id, PortalActKind.BASELINE_DECISION, sign_off.id, summary, client)
    db.flush()


def decide_change(
    db: Session,
    portal: PortalPrincipal,
    project_id: int,
    change_id: int,
    option: tuple[int, int] | None,
    decision: str,
    comment: str | None,
    client: tuple[str | None, str | None],
) -> None:
    """The approver chooses an option (its id and the version they saw: 409 when it changed
    since) or rejects the change request. Written by the change's own decision code with
    channel = portal; what an approval carries out (the plan moved, new baselines, the budget)
    is done in the name of the project's manager."""
    stakeholder, found = _stake(db, portal, project_id)
    change = changes_repo.change(db, portal.scope, change_id)
    if change.project_id != found.id:
        raise NotFound()
    if not _approver(portal, stakeholder):
        raise PermissionDenied(NOT_AN_APPROVER)
    _writable(found)
    chosen = _decision(decision)
    if chosen is Decision.APPROVED and option is None:
        raise field_error("option_id", N_("Choose the option you approve."))
    manager = acting_for_portal(db, portal.scope, found.manager_id) if found.manager_id else None
    if manager is None:
        raise Conflict(N_("This project has no project manager yet: ask your account team."))
    data = DecisionCreate(
        decision=chosen,
        option_id=option[0] if option and chosen is Decision.APPROVED else None,
        option_version=option[1] if option and chosen is Decision.APPROVED else None,
        stakeholder_id=stakeholder.id,
        comment=comment,
    )
    change_steps.record_decision(
        db, manager, found.id, change.id, data, None, SignOffChannel.PORTAL
    )
    summary = f"CR-{change.number:03d}: {chosen}"
    _receipt(db, portal, found.id, PortalActKind.CHANGE_DECISION, change.id, summary, client)
    db.flush()


def raise_change(
    db: Session,
    portal: PortalPrincipal,
    project_id: int,
    title: str,
    reason: str,
    category: str,
    client: tuple[str | None, str | None],
) -> int:
    """A stakeholder of the customer raises a change request (origin customer, raised by their
    contact, today): the change's own code checks it, the project's manager analyses it. Its
    number; 422 with the field's message on bad input."""
    _stakeholder, found = _stake(db, portal, project_id)
    _writable(found)
    manager = acting_for_portal(db, portal.scope, found.manager_id) if found.manager_id else None
    if manager is None:
        raise Conflict(N_("This project has no project manager yet: ask your account team."))
    data = ChangeWrite.model_validate(
        {
            "title": title.strip(),
            "origin": ChangeOrigin.CUSTOMER,
            "raised_by_contact_id": portal.contact_id,
            "raised_on": portal.today(),
            "reason": reason.strip(),
            "category": category,
        }
    )
    made = changes.create_change(db, manager, found.id, data)
    summary = f"CR-{made.number:03d} {made.title}"
    _receipt(db, portal, found.id, PortalActKind.CHANGE_RAISED, made.id, summary, client)
    db.flush()
    return made.number


def answer_question(
    db: Session,
    portal: PortalPrincipal,
    project_id: int,
    clarification_id: int,
    version: int,
    answer: str,
    client: tuple[str | None, str | None],
) -> None:
    """The contact answers a question asked to them (409 once it is no longer open or changed
    since they read it)."""
    _stakeholder, found = _stake(db, portal, project_id)
    question = requirements_repo.one(db, Clarification, portal.scope, clarification_id)
    if question.project_id != found.id or question.asked_to_id != portal.contact_id:
        raise NotFound()
    _writable(found)
    if not answer.strip():
        raise field_error("answer", N_("Write your answer."))
    if question.status != ClarificationStatus.OPEN or question.version != version:
        raise Conflict(N_("This question is no longer open: reload to see its answer."))
    question.answer = answer.strip()[:20000]
    question.answered_on = max(portal.today(), question.asked_on)
    question.status = ClarificationStatus.ANSWERED
    summary = f"clarification {question.id}"
    _receipt(db, portal, found.id, PortalActKind.CLARIFICATION_ANSWER, question.id, summary, client)
    db.flush()


# --- what the project manager sees -----------------------------------------------------------


def acts_of_project(db: Session, principal: Principal, project_id: int) -> list[PortalActRead]:
    """The receipts of the customer's acts in the portal on this project, newest first."""
    found = projects.get_project(db, principal, project_id)
    return [
        PortalActRead.model_validate(a, from_attributes=True)
        for a in repo.acts_of_project(db, principal.scope, found.id)
    ]


def portal_access(db: Session, principal: Principal, project_id: int) -> dict[int, PortalUserRead]:
    """Stakeholder id → the portal user of its contact (for the stakeholders tab)."""
    found = projects.get_project(db, principal, project_id)
    rows = stakeholders_repo.stakeholders(db, principal.scope, found.id)
    users = portal_users_of_contacts(db, principal.scope, {s.contact_id for s in rows})
    return {s.id: users[s.contact_id] for s in rows if s.contact_id in users}


def invite_stakeholder(
    db: Session, principal: Principal, project_id: int, stakeholder_id: int
) -> PortalInvitation:
    """Invite a stakeholder's contact to the portal (again: a new link, today's approver flag
    as their role). The contact needs an e-mail address; the link is shown to the project
    manager, who passes it on until the notifications area sends it."""
    found = projects.writable(db, principal, project_id)
    stakeholder = stakeholders_repo.stakeholder(db, principal.scope, stakeholder_id)
    if stakeholder.project_id != found.id:
        raise NotFound()
    contact = contacts_by_ids(db, principal.scope, {stakeholder.contact_id}).get(
        stakeholder.contact_id
    )
    if contact is None or contact.account_id != found.account_id or contact.archived_at:
        raise NotFound()
    if contact.status == ContactStatus.LEFT:
        raise Conflict(N_("This contact has left the account and cannot be invited."))
    if not contact.email:
        raise Conflict(N_("Give the contact an e-mail address before inviting them."))
    role = PortalRole.APPROVER if stakeholder.is_approver else PortalRole.VIEWER
    return invite_portal_user(
        db,
        principal,
        PortalInvite(
            contact_id=contact.id,
            account_id=contact.account_id,
            email=contact.email,
            name=contact.name,
            role=role,
        ),
    )


def revoke_stakeholder(
    db: Session, principal: Principal, project_id: int, stakeholder_id: int
) -> PortalUserRead:
    """End the portal access of a stakeholder's contact; their sessions end at once."""
    found = projects.writable(db, principal, project_id)
    stakeholder = stakeholders_repo.stakeholder(db, principal.scope, stakeholder_id)
    if stakeholder.project_id != found.id:
        raise NotFound()
    return revoke_portal_user(db, principal, stakeholder.contact_id)
