"""Every query of the win/loss reviews, always scoped to the workspace."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.review.models import WinLossReview


def review_of(db: Session, scope: WorkspaceScope, opportunity_id: int) -> WinLossReview | None:
    return db.scalar(
        select(WinLossReview).where(
            WinLossReview.workspace_id == scope.workspace_id,
            WinLossReview.opportunity_id == opportunity_id,
        )
    )
