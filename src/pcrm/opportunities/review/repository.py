"""Every query of the win/loss reviews, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable

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


def reviews_of(
    db: Session, scope: WorkspaceScope, opportunity_ids: Iterable[int]
) -> dict[int, WinLossReview]:
    wanted = set(opportunity_ids)
    if not wanted:
        return {}
    query = select(WinLossReview).where(
        WinLossReview.workspace_id == scope.workspace_id,
        WinLossReview.opportunity_id.in_(wanted),
    )
    return {r.opportunity_id: r for r in db.scalars(query)}
