"""Every query of the tender and the bid, always scoped to the workspace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.tender.models import (
    Quote,
    QuoteRound,
    ScoringItem,
    Tender,
    Vendor,
    VendorScore,
)


def tender_ids(db: Session, scope: WorkspaceScope, opportunity_ids: Iterable[int]) -> set[int]:
    """The opportunities among these that have a tender."""
    wanted = set(opportunity_ids)
    if not wanted:
        return set()
    query = select(Tender.opportunity_id).where(
        Tender.workspace_id == scope.workspace_id, Tender.opportunity_id.in_(wanted)
    )
    return set(db.scalars(query))


def tender_of(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Tender | None:
    return db.scalar(
        select(Tender).where(
            Tender.workspace_id == scope.workspace_id, Tender.opportunity_id == opportunity_id
        )
    )


def scoring_items(
    db: Session, scope: WorkspaceScope, tender_ids: Iterable[int]
) -> Sequence[ScoringItem]:
    wanted = set(tender_ids)
    if not wanted:
        return []
    query = select(ScoringItem).where(
        ScoringItem.workspace_id == scope.workspace_id, ScoringItem.tender_id.in_(wanted)
    )
    return db.scalars(query.order_by(ScoringItem.tender_id, ScoringItem.position)).all()


def vendors(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Sequence[Vendor]:
    query = select(Vendor).where(
        Vendor.workspace_id == scope.workspace_id, Vendor.opportunity_id == opportunity_id
    )
    # us first, then in the order they were added
    return db.scalars(query.order_by(Vendor.competitor_id.is_not(None), Vendor.id)).all()


def our_vendor(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Vendor | None:
    return db.scalar(
        select(Vendor).where(
            Vendor.workspace_id == scope.workspace_id,
            Vendor.opportunity_id == opportunity_id,
            Vendor.competitor_id.is_(None),
        )
    )


def vendor_scores(
    db: Session, scope: WorkspaceScope, vendor_ids: Iterable[int]
) -> Sequence[VendorScore]:
    wanted = set(vendor_ids)
    if not wanted:
        return []
    query = select(VendorScore).where(
        VendorScore.workspace_id == scope.workspace_id, VendorScore.vendor_id.in_(wanted)
    )
    return db.scalars(query).all()


def rounds(db: Session, scope: WorkspaceScope, opportunity_id: int) -> Sequence[QuoteRound]:
    query = select(QuoteRound).where(
        QuoteRound.workspace_id == scope.workspace_id, QuoteRound.opportunity_id == opportunity_id
    )
    return db.scalars(query.order_by(QuoteRound.number)).all()


def quotes(db: Session, scope: WorkspaceScope, round_ids: Iterable[int]) -> Sequence[Quote]:
    wanted = set(round_ids)
    if not wanted:
        return []
    query = select(Quote).where(
        Quote.workspace_id == scope.workspace_id, Quote.round_id.in_(wanted)
    )
    return db.scalars(query.order_by(Quote.round_id, Quote.id)).all()


def vendor(db: Session, scope: WorkspaceScope, vendor_id: int) -> Vendor:
    found = db.scalar(
        select(Vendor).where(Vendor.workspace_id == scope.workspace_id, Vendor.id == vendor_id)
    )
    if found is None:
        raise NotFound()
    return found


def quote_round(db: Session, scope: WorkspaceScope, round_id: int) -> QuoteRound:
    found = db.scalar(
        select(QuoteRound).where(
            QuoteRound.workspace_id == scope.workspace_id, QuoteRound.id == round_id
        )
    )
    if found is None:
        raise NotFound()
    return found
