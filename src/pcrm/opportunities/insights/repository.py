"""The queries of the analytical views built from past opportunities (项目历史线): a customer's
tender rhythm, a competitor's record against us and an account's project history.

Every query is scoped to the workspace and loads one kind of row for all the opportunities in
view at once (joined through the opportunity to its account or competitor), so the number of
queries never grows with the number of opportunities. Archived opportunities are left out: they
have left the lists and do not count as history.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session, aliased

from pcrm.core.tenancy import WorkspaceScope
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.insights.schemas import (
    ItemFacts,
    MeetingFacts,
    QuoteFacts,
    RelationFacts,
    TenderFacts,
)
from pcrm.opportunities.pipeline.models import (
    Opportunity,
    OpportunityRelation,
)
from pcrm.opportunities.review.models import WinLossReview
from pcrm.opportunities.tender.models import (
    Quote,
    QuoteRound,
    ScoringItem,
    Tender,
    Vendor,
)

# --- tender rhythm ----------------------------------------------------------------------------


def _live_opportunities(scope: WorkspaceScope) -> ColumnElement[bool]:
    return and_(Opportunity.workspace_id == scope.workspace_id, Opportunity.archived_at.is_(None))


def _of_accounts(account_ids: Collection[int] | None) -> ColumnElement[bool]:
    """Opportunities of these accounts; None means every account of the workspace."""
    if account_ids is None:
        return Opportunity.id.is_not(None)
    if len(account_ids) == 1:
        return Opportunity.account_id == next(iter(account_ids))
    return Opportunity.account_id.in_(set(account_ids))


def tender_facts(
    db: Session, scope: WorkspaceScope, account_ids: Collection[int] | None
) -> list[TenderFacts]:
    """The tenders of the accounts' opportunities (one query)."""
    query = (
        select(
            Tender.id,
            Opportunity.account_id,
            Tender.method,
            Tender.evaluation_method,
            Tender.rfp_published_on,
            Tender.award_announced_on,
            Tender.contract_signed_on,
        )
        .join(Opportunity, Opportunity.id == Tender.opportunity_id)
        .where(
            Tender.workspace_id == scope.workspace_id,
            _live_opportunities(scope),
            _of_accounts(account_ids),
        )
    )
    return [TenderFacts(*row) for row in db.execute(query)]


def top_level_items(
    db: Session, scope: WorkspaceScope, account_ids: Collection[int] | None
) -> list[ItemFacts]:
    """The top-level scoring items of the same tenders (one query)."""
    query = (
        select(ScoringItem.tender_id, ScoringItem.name, ScoringItem.weight, ScoringItem.is_price)
        .join(Tender, Tender.id == ScoringItem.tender_id)
        .join(Opportunity, Opportunity.id == Tender.opportunity_id)
        .where(
            ScoringItem.workspace_id == scope.workspace_id,
            ScoringItem.parent_id.is_(None),
            Tender.workspace_id == scope.workspace_id,
            _live_opportunities(scope),
            _of_accounts(account_ids),
        )
    )
    return [ItemFacts(*row) for row in db.execute(query)]


# --- competitor record ------------------------------------------------------------------------


def _met(scope: WorkspaceScope, competitor_id: int) -> Any:
    """Ids of the opportunities where the competitor was a vendor or won against us."""
    as_vendor = select(Vendor.opportunity_id).where(
        Vendor.workspace_id == scope.workspace_id, Vendor.competitor_id == competitor_id
    )
    as_winner = select(WinLossReview.opportunity_id).where(
        WinLossReview.workspace_id == scope.workspace_id,
        WinLossReview.winner_competitor_id == competitor_id,
    )
    return as_vendor.union(as_winner)


def meetings(db: Session, scope: WorkspaceScope, competitor_id: int) -> list[MeetingFacts]:
    """The opportunities where we met the competitor, with their status there (one query)."""
    query = (
        select(
            Opportunity.id,
            Opportunity.name,
            Opportunity.account_id,
            Opportunity.stage,
            Opportunity.closed_on,
            Opportunity.expected_close_on,
            Opportunity.currency,
            Tender.rfp_published_on,
            Vendor.status,
        )
        .outerjoin(
            Tender,
            and_(
                Tender.opportunity_id == Opportunity.id,
                Tender.workspace_id == scope.workspace_id,
            ),
        )
        .outerjoin(
            Vendor,
            and_(
                Vendor.opportunity_id == Opportunity.id,
                Vendor.workspace_id == scope.workspace_id,
                Vendor.competitor_id == competitor_id,
            ),
        )
        .where(_live_opportunities(scope), Opportunity.id.in_(_met(scope, competitor_id)))
        .order_by(Opportunity.id)
    )
    return [MeetingFacts(*row) for row in db.execute(query)]


def head_to_head_quotes(db: Session, scope: WorkspaceScope, competitor_id: int) -> list[QuoteFacts]:
    """Their quotes and ours on those opportunities, round by round (one query)."""
    query = (
        select(QuoteRound.opportunity_id, Vendor.competitor_id, QuoteRound.number, Quote.amount)
        .join(QuoteRound, QuoteRound.id == Quote.round_id)
        .join(Vendor, Vendor.id == Quote.vendor_id)
        .where(
            Quote.workspace_id == scope.workspace_id,
            QuoteRound.workspace_id == scope.workspace_id,
            Vendor.workspace_id == scope.workspace_id,
            QuoteRound.opportunity_id.in_(_met(scope, competitor_id)),
            or_(Vendor.competitor_id == competitor_id, Vendor.competitor_id.is_(None)),
        )
        .order_by(QuoteRound.opportunity_id, QuoteRound.number)
    )
    return [QuoteFacts(*row) for row in db.execute(query)]


def reviews_where_met(
    db: Session, scope: WorkspaceScope, competitor_id: int
) -> Sequence[WinLossReview]:
    query = select(WinLossReview).where(
        WinLossReview.workspace_id == scope.workspace_id,
        WinLossReview.opportunity_id.in_(_met(scope, competitor_id)),
    )
    return db.scalars(query).all()


# --- project history --------------------------------------------------------------------------


def account_opportunities(
    db: Session, scope: WorkspaceScope, account_id: int
) -> Sequence[Opportunity]:
    query = select(Opportunity).where(
        _live_opportunities(scope), Opportunity.account_id == account_id
    )
    return db.scalars(query.order_by(Opportunity.id)).all()


def account_relations(db: Session, scope: WorkspaceScope, account_id: int) -> list[RelationFacts]:
    """Relations with at least one end among the account's opportunities (one query)."""
    later = aliased(Opportunity)
    earlier = aliased(Opportunity)
    query = (
        select(
            OpportunityRelation.opportunity_id,
            OpportunityRelation.earlier_id,
            OpportunityRelation.kind,
            later.name,
            later.account_id,
            earlier.name,
            earlier.account_id,
        )
        .join(later, later.id == OpportunityRelation.opportunity_id)
        .join(earlier, earlier.id == OpportunityRelation.earlier_id)
        .where(
            OpportunityRelation.workspace_id == scope.workspace_id,
            later.workspace_id == scope.workspace_id,
            earlier.workspace_id == scope.workspace_id,
            later.archived_at.is_(None),
            earlier.archived_at.is_(None),
            or_(later.account_id == account_id, earlier.account_id == account_id),
        )
        .order_by(OpportunityRelation.id)
    )
    return [RelationFacts(*row) for row in db.execute(query)]


def _through_opportunity(
    model: Any, scope: WorkspaceScope, account_id: int, via: Any = None
) -> Select[Any]:
    """Rows of `model` for the account's opportunities: `model` has an opportunity_id, or
    reaches one through `via` (a scoring item through its tender, a quote through its round)."""
    query = select(model).where(model.workspace_id == scope.workspace_id)
    owner = model
    if via is not None:
        link = (
            Tender.id == ScoringItem.tender_id if via is Tender else QuoteRound.id == Quote.round_id
        )
        query = query.join(via, link).where(via.workspace_id == scope.workspace_id)
        owner = via
    return query.join(Opportunity, Opportunity.id == owner.opportunity_id).where(
        _live_opportunities(scope), Opportunity.account_id == account_id
    )


def account_tenders(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Tender]:
    return db.scalars(_through_opportunity(Tender, scope, account_id)).all()


def account_scoring_items(
    db: Session, scope: WorkspaceScope, account_id: int
) -> Sequence[ScoringItem]:
    query = _through_opportunity(ScoringItem, scope, account_id, Tender)
    return db.scalars(query.order_by(ScoringItem.tender_id, ScoringItem.position)).all()


def account_vendors(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Vendor]:
    query = _through_opportunity(Vendor, scope, account_id)
    return db.scalars(query.order_by(Vendor.competitor_id.is_not(None), Vendor.id)).all()


def account_rounds(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[QuoteRound]:
    query = _through_opportunity(QuoteRound, scope, account_id)
    return db.scalars(query.order_by(QuoteRound.opportunity_id, QuoteRound.number)).all()


def account_quotes(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[Quote]:
    query = _through_opportunity(Quote, scope, account_id, QuoteRound)
    return db.scalars(query.order_by(Quote.round_id, Quote.id)).all()


def account_chain_members(
    db: Session, scope: WorkspaceScope, account_id: int
) -> Sequence[DecisionChainMember]:
    query = _through_opportunity(DecisionChainMember, scope, account_id)
    return db.scalars(query.order_by(DecisionChainMember.id)).all()


def account_reviews(db: Session, scope: WorkspaceScope, account_id: int) -> Sequence[WinLossReview]:
    return db.scalars(_through_opportunity(WinLossReview, scope, account_id)).all()
