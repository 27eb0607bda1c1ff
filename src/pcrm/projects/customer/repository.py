"""Every query of the customer's view: what a contact is a stakeholder of, what waits for
them, and the receipts of their acts. Always within the portal user's workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.projects.baselines.models import Baseline
from pcrm.projects.baselines.vocab import BaselineStatus
from pcrm.projects.changes.models import ChangeDecision, ChangeOption, ChangeRequest
from pcrm.projects.changes.vocab import ChangeState
from pcrm.projects.customer.models import PortalAct
from pcrm.projects.plan.models import PlanTask
from pcrm.projects.projects.models import Project
from pcrm.projects.requirements.models import Clarification, Requirement
from pcrm.projects.requirements.vocab import ClarificationStatus
from pcrm.projects.stakeholders.models import Stakeholder


def stakes_of_contact(
    db: Session, scope: WorkspaceScope, contact_id: int, account_id: int
) -> Sequence[tuple[Stakeholder, Project]]:
    """The stakeholder rows of the contact, with their projects of the contact's account."""
    rows = db.execute(
        select(Stakeholder, Project)
        .join(Project, Project.id == Stakeholder.project_id)
        .where(
            Stakeholder.workspace_id == scope.workspace_id,
            Project.workspace_id == scope.workspace_id,
            Stakeholder.contact_id == contact_id,
            Project.account_id == account_id,
        )
        .order_by(Project.start_on.desc(), Project.id.desc())
    ).all()
    return [(row[0], row[1]) for row in rows]


def baselines_in_review(
    db: Session, scope: WorkspaceScope, project_ids: Sequence[int]
) -> Sequence[Baseline]:
    if not project_ids:
        return []
    return db.scalars(
        select(Baseline)
        .where(
            Baseline.workspace_id == scope.workspace_id,
            Baseline.project_id.in_(project_ids),
            Baseline.status == BaselineStatus.IN_REVIEW,
        )
        .order_by(Baseline.sent_on, Baseline.id)
    ).all()


def open_questions_to(
    db: Session, scope: WorkspaceScope, project_ids: Sequence[int], contact_id: int
) -> Sequence[tuple[Clarification, Requirement]]:
    if not project_ids:
        return []
    rows = db.execute(
        select(Clarification, Requirement)
        .join(Requirement, Requirement.id == Clarification.requirement_id)
        .where(
            Clarification.workspace_id == scope.workspace_id,
            Requirement.workspace_id == scope.workspace_id,
            Clarification.project_id.in_(project_ids),
            Clarification.asked_to_id == contact_id,
            Clarification.status == ClarificationStatus.OPEN,
        )
        .order_by(Clarification.asked_on, Clarification.id)
    ).all()
    return [(row[0], row[1]) for row in rows]


def changes_of(
    db: Session, scope: WorkspaceScope, project_ids: Sequence[int], awaiting_only: bool = False
) -> Sequence[ChangeRequest]:
    if not project_ids:
        return []
    query = select(ChangeRequest).where(
        ChangeRequest.workspace_id == scope.workspace_id,
        ChangeRequest.project_id.in_(project_ids),
    )
    if awaiting_only:
        query = query.where(ChangeRequest.state == ChangeState.AWAITING_DECISION)
    return db.scalars(query.order_by(ChangeRequest.number.desc())).all()


def options_of(
    db: Session, scope: WorkspaceScope, change_ids: Sequence[int]
) -> Sequence[ChangeOption]:
    if not change_ids:
        return []
    return db.scalars(
        select(ChangeOption)
        .where(
            ChangeOption.workspace_id == scope.workspace_id, ChangeOption.change_id.in_(change_ids)
        )
        .order_by(ChangeOption.change_id, ChangeOption.id)
    ).all()


def decisions_of(
    db: Session, scope: WorkspaceScope, change_ids: Sequence[int]
) -> Sequence[ChangeDecision]:
    if not change_ids:
        return []
    return db.scalars(
        select(ChangeDecision).where(
            ChangeDecision.workspace_id == scope.workspace_id,
            ChangeDecision.change_id.in_(change_ids),
        )
    ).all()


def milestones(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[PlanTask]:
    return db.scalars(
        select(PlanTask)
        .where(
            PlanTask.workspace_id == scope.workspace_id,
            PlanTask.project_id == project_id,
            PlanTask.is_milestone.is_(True),
        )
        .order_by(PlanTask.end_on, PlanTask.id)
    ).all()


def acts_of_project(db: Session, scope: WorkspaceScope, project_id: int) -> Sequence[PortalAct]:
    return db.scalars(
        select(PortalAct)
        .where(PortalAct.workspace_id == scope.workspace_id, PortalAct.project_id == project_id)
        .order_by(PortalAct.occurred_at.desc(), PortalAct.id.desc())
    ).all()
