"""Converting a won opportunity to a project in one step, through the opportunities area's
hand-over: the account, the awarded amount as budget baseline, the contract date as start, our
team (the delivery lead as project manager), the customer's decision chain as the first
stakeholder register, the opportunity's documents (referenced in the files area, not copied) and
the open risks recorded on the opportunity (they move to the project)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pcrm.core.errors import ValidationFailed
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.public import DecisionRole, OpportunityRole, handover
from pcrm.projects.errors import AlreadyConverted
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.models import Project
from pcrm.projects.projects.schemas import ProjectCreate
from pcrm.projects.risks import service as risks
from pcrm.projects.stakeholders import service as stakeholders
from pcrm.projects.stakeholders.schemas import StakeholderWrite
from pcrm.projects.team import service as team
from pcrm.projects.team.schemas import TeamMemberWrite
from pcrm.projects.vocab import Stake, StakeholderRole, TeamRole

TEAM_ROLE: dict[OpportunityRole, TeamRole] = {
    OpportunityRole.DELIVERY: TeamRole.PM,
    OpportunityRole.SALES: TeamRole.SALES,
    OpportunityRole.BID_MANAGER: TeamRole.SALES,
    OpportunityRole.PRESALES: TeamRole.TECHNICAL,
    OpportunityRole.EXECUTIVE: TeamRole.OTHER,
}
# A converted member's first allocation, per role (the PM edits it afterwards).
ALLOCATION: dict[TeamRole, int] = {
    TeamRole.PM: 50,
    TeamRole.TECHNICAL: 50,
    TeamRole.SALES: 20,
    TeamRole.MARKETING: 10,
    TeamRole.AFTER_SALES: 20,
    TeamRole.OTHER: 10,
}


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a decision-chain role starts in the stakeholder register."""

    role: StakeholderRole
    stakes: tuple[Stake, ...]
    power: int
    interest: int
    approver: bool = False


PLACEMENT: dict[DecisionRole, Placement] = {
    DecisionRole.DECISION_MAKER: Placement(
        StakeholderRole.MANAGEMENT, (Stake.DECIDES,), 5, 4, True
    ),
    DecisionRole.TECHNICAL_EVALUATOR: Placement(
        StakeholderRole.IT, (Stake.DECIDES, Stake.AFFECTED), 3, 4
    ),
    DecisionRole.BUSINESS_EVALUATOR: Placement(
        StakeholderRole.FINANCE, (Stake.PAYS, Stake.DECIDES), 4, 3, True
    ),
    DecisionRole.USER: Placement(StakeholderRole.USER, (Stake.USES, Stake.AFFECTED), 2, 5),
    DecisionRole.INFLUENCER: Placement(StakeholderRole.OTHER, (Stake.AFFECTED,), 3, 3),
    DecisionRole.GATEKEEPER: Placement(StakeholderRole.PURCHASING, (Stake.AFFECTED,), 2, 2),
    DecisionRole.COACH: Placement(StakeholderRole.OTHER, (Stake.AFFECTED,), 2, 4),
}


def convert_opportunity(db: Session, principal: Principal, opportunity_id: int) -> Project:
    """The project of a won opportunity; a 409 naming the project when it was converted
    before, a 422 when the opportunity is not won."""
    principal.require(Permission.WRITE_PROJECTS)
    scope = principal.scope
    earlier = projects.project_of_opportunity(db, scope, opportunity_id)
    if earlier is not None:
        raise AlreadyConverted(earlier.id)
    taken = handover(db, principal, opportunity_id)
    won = taken.opportunity
    lead = next((m for m in won.team if m.role is OpportunityRole.DELIVERY), None)
    project = projects.create_project(
        db,
        principal,
        ProjectCreate(
            name=won.name,
            account_id=won.account_id,
            manager_id=lead.user_id if lead else None,
            budget_amount=won.awarded_amount
            if won.awarded_amount is not None
            else won.budget_amount,
            currency=won.currency,
            start_on=(taken.tender.contract_signed_on if taken.tender else None)
            or principal.today(),
            description=won.description,
        ),
        opportunity_id=won.id,
    )
    for member in won.team:
        role = TEAM_ROLE[member.role]
        team.add_member(
            db,
            principal,
            project.id,
            TeamMemberWrite(user_id=member.user_id, role=role, allocation=ALLOCATION[role]),
        )
    for person in taken.decision_chain:
        placed = PLACEMENT[person.decision_role]
        try:
            stakeholders.add_stakeholder(
                db,
                principal,
                project.id,
                StakeholderWrite(
                    contact_id=person.contact_id,
                    project_role=placed.role,
                    stakes=list(placed.stakes),
                    power=placed.power,
                    interest=placed.interest,
                    is_approver=placed.approver,
                    note=person.note,
                ),
            )
        except ValidationFailed:  # a person of another account (a consultant): not the customer's
            continue
    for document in taken.documents:
        projects.add_document(
            db, scope, project, document.id, document.kind.value, document.filename
        )
    risks.carry_over(db, principal, won.id, project.id)
    db.flush()
    return project
