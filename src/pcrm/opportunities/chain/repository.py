"""Every query of the decision chain, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.chain.models import DecisionChainMember


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
