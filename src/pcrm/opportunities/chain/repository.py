"""Every query of the decision chain, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.vocab import Stage


def chain(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Sequence[DecisionChainMember]:
    query = select(DecisionChainMember).where(
        DecisionChainMember.workspace_id == scope.workspace_id,
        DecisionChainMember.opportunity_id == opportunity_id,
    )
    return db.scalars(query.order_by(DecisionChainMember.id)).all()


def chain_member(db: Session, scope: WorkspaceScope, member_id: int) -> DecisionChainMember:
    found = db.scalar(
        select(DecisionChainMember).where(
            DecisionChainMember.workspace_id == scope.workspace_id,
            DecisionChainMember.id == member_id,
        )
    )
    if found is None:
        raise NotFound()
    return found


def roles_of_contact(
    db: Session, scope: WorkspaceScope, contact_id: int, stages: Sequence[Stage]
) -> list[tuple[DecisionChainMember, Opportunity]]:
    """The contact's places on the decision chains of the workspace's unarchived opportunities
    in these stages, the largest budget first."""
    query = (
        select(DecisionChainMember, Opportunity)
        .join(
            Opportunity,
            (Opportunity.id == DecisionChainMember.opportunity_id)
            & (Opportunity.workspace_id == scope.workspace_id),
        )
        .where(
            DecisionChainMember.workspace_id == scope.workspace_id,
            DecisionChainMember.contact_id == contact_id,
            Opportunity.archived_at.is_(None),
            Opportunity.stage.in_(stages),
        )
        .order_by(Opportunity.budget_amount.desc().nulls_last(), Opportunity.id)
    )
    return [(member, opportunity) for member, opportunity in db.execute(query).all()]
