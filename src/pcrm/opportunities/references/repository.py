"""The few columns that name opportunities and their bid records, for many ids at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.tender.models import QuoteRound, ScoringItem, Tender, Vendor


def opportunity_names(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> dict[int, str]:
    query = select(Opportunity.id, Opportunity.name).where(
        Opportunity.workspace_id == scope.workspace_id, Opportunity.id.in_(set(ids))
    )
    return {row.id: row.name for row in db.execute(query)}


def tenders(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> list[Row[Any]]:
    """(id, opportunity_id, opportunity name) of the tenders among `ids`."""
    query = (
        select(Tender.id, Tender.opportunity_id, Opportunity.name)
        .join(
            Opportunity,
            (Opportunity.id == Tender.opportunity_id)
            & (Opportunity.workspace_id == Tender.workspace_id),
        )
        .where(Tender.workspace_id == scope.workspace_id, Tender.id.in_(set(ids)))
    )
    return list(db.execute(query))


def quote_rounds(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> list[Row[Any]]:
    """(id, opportunity_id, number) of the quote rounds among `ids`."""
    query = select(QuoteRound.id, QuoteRound.opportunity_id, QuoteRound.number).where(
        QuoteRound.workspace_id == scope.workspace_id, QuoteRound.id.in_(set(ids))
    )
    return list(db.execute(query))


def vendors(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> list[Row[Any]]:
    """(id, opportunity_id, competitor_id) of the participating vendors among `ids`."""
    query = select(Vendor.id, Vendor.opportunity_id, Vendor.competitor_id).where(
        Vendor.workspace_id == scope.workspace_id, Vendor.id.in_(set(ids))
    )
    return list(db.execute(query))


def scoring_items(db: Session, scope: WorkspaceScope, ids: Iterable[int]) -> list[Row[Any]]:
    """(id, opportunity_id, name) of the scoring items among `ids`."""
    query = (
        select(ScoringItem.id, Tender.opportunity_id, ScoringItem.name)
        .join(
            Tender,
            (Tender.id == ScoringItem.tender_id)
            & (Tender.workspace_id == ScoringItem.workspace_id),
        )
        .where(ScoringItem.workspace_id == scope.workspace_id, ScoringItem.id.in_(set(ids)))
    )
    return list(db.execute(query))
