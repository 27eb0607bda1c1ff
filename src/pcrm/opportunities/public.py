"""What later areas may use from opportunities: the projects area takes over a won opportunity
(stage III, joint execution) through `handover`; analytics reads the pipeline. Returns schemas,
never ORM objects."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from pcrm.identity.public import Principal
from pcrm.opportunities import vocab as _vocab
from pcrm.opportunities.chain import schemas as _chain_schemas
from pcrm.opportunities.chain import service as _chain
from pcrm.opportunities.chain.schemas import DecisionMemberRead
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.handover.actions import (
    WonAction,
    register_opportunity_tab,
    register_won_action,
)
from pcrm.opportunities.handover.schemas import Handover
from pcrm.opportunities.handover.service import handover
from pcrm.opportunities.pipeline import schemas as _pipeline_schemas
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline import service as _opportunities
from pcrm.opportunities.pipeline.schemas import OpportunityDetail, OpportunityRead
from pcrm.opportunities.review import schemas as _review_schemas
from pcrm.opportunities.review.schemas import ReviewRead
from pcrm.opportunities.tender import pricing as _pricing
from pcrm.opportunities.tender import schemas as _tender_schemas
from pcrm.opportunities.tender import service as _tender
from pcrm.opportunities.tender.schemas import TenderRead
from pcrm.opportunities.vocab import Stage

__all__ = [
    "DecisionMemberRead",
    "DocumentRead",
    "Handover",
    "OpportunityDetail",
    "OpportunityRead",
    "ReviewRead",
    "Stage",
    "TenderRead",
    "WonAction",
    "add_approved_change",
    "get_opportunity",
    "handover",
    "register_opportunity_tab",
    "register_won_action",
]


def get_opportunity(db: Session, principal: Principal, opportunity_id: int) -> OpportunityDetail:
    return service.opportunity_detail(db, principal, opportunity_id)


# --- writes for callers outside the area (the demo seed; import and transfer later) ------------
# Each takes the acting principal, is checked and audited like the API's, and returns what the
# API returns. (Each addition on its own lines, so that the area's restructuring merges cleanly.)

CloseOpportunity = _review_schemas.CloseOpportunity
DecisionMemberWrite = _chain_schemas.DecisionMemberWrite
OpportunityCreate = _pipeline_schemas.OpportunityCreate
QuoteRoundCreate = _tender_schemas.QuoteRoundCreate
QuoteRoundRead = _tender_schemas.QuoteRoundRead
QuoteWrite = _tender_schemas.QuoteWrite
RelationCreate = _pipeline_schemas.RelationCreate
RelationRead = _pipeline_schemas.RelationRead
ReviewWrite = _review_schemas.ReviewWrite
ScoresWrite = _tender_schemas.ScoresWrite
ScoringItemRead = _tender_schemas.ScoringItemRead
ScoringItemWrite = _tender_schemas.ScoringItemWrite
StageMove = _pipeline_schemas.StageMove
SubItemWrite = _tender_schemas.SubItemWrite
TeamMemberWrite = _pipeline_schemas.TeamMemberWrite
TenderWrite = _tender_schemas.TenderWrite
VendorCreate = _tender_schemas.VendorCreate
VendorRead = _tender_schemas.VendorRead
VendorUpdate = _tender_schemas.VendorUpdate
DecisionRole = _vocab.DecisionRole
EvaluationMethod = _vocab.EvaluationMethod
OpportunityRole = _vocab.OpportunityRole
Outcome = _vocab.Outcome
PriceFormula = _vocab.PriceFormula
ProjectType = _vocab.ProjectType
RelationKind = _vocab.RelationKind
ReviewReason = _vocab.ReviewReason
Source = _vocab.Source
Stance = _vocab.Stance
TenderMethod = _vocab.TenderMethod
Trigger = _vocab.Trigger
VendorStatus = _vocab.VendorStatus
# The arithmetic of a bid (pure): price scores under a tender's rule and the ranking.
PriceRule = _pricing.PriceRule
BidEntry = _pricing.Entry
bid_standings = _pricing.standings

__all__ += [
    "BidEntry",
    "CloseOpportunity",
    "DecisionMemberWrite",
    "DecisionRole",
    "EvaluationMethod",
    "OpportunityCreate",
    "OpportunityRole",
    "Outcome",
    "PriceFormula",
    "PriceRule",
    "ProjectType",
    "QuoteRoundCreate",
    "QuoteRoundRead",
    "QuoteWrite",
    "RelationCreate",
    "RelationKind",
    "RelationRead",
    "ReviewReason",
    "ReviewWrite",
    "ScoresWrite",
    "ScoringItemRead",
    "ScoringItemWrite",
    "Source",
    "StageMove",
    "Stance",
    "SubItemWrite",
    "TeamMemberWrite",
    "TenderMethod",
    "TenderWrite",
    "Trigger",
    "VendorCreate",
    "VendorRead",
    "VendorStatus",
    "VendorUpdate",
    "add_decision_member",
    "add_relation",
    "add_vendor",
    "bid_standings",
    "close_opportunity",
    "create_opportunity",
    "list_vendors",
    "move_stage",
    "save_tender",
    "set_vendor_scores",
    "submit_quote_round",
    "update_vendor",
]


def create_opportunity(
    db: Session, principal: Principal, data: OpportunityCreate
) -> OpportunityRead:
    """A new opportunity (potential or bidding) with its team."""
    created = _opportunities.create_opportunity(db, principal, data)
    return _opportunities.read_opportunity(db, principal, created.id)


def add_relation(
    db: Session, principal: Principal, opportunity_id: int, data: RelationCreate
) -> list[RelationRead]:
    """Record that the opportunity follows an earlier one (phase 2 of, landing of, …)."""
    _opportunities.add_relation(db, principal, opportunity_id, data)
    return _opportunities.relations(db, principal, opportunity_id)


def move_stage(
    db: Session, principal: Principal, opportunity_id: int, data: StageMove
) -> OpportunityRead:
    """Move between open stages (bidding needs a tender or a reason), or from won to
    delivered."""
    _opportunities.move_stage(db, principal, opportunity_id, data)
    return _opportunities.read_opportunity(db, principal, opportunity_id)


def close_opportunity(
    db: Session, principal: Principal, opportunity_id: int, data: CloseOpportunity
) -> OpportunityRead:
    """Won, lost or abandoned, with the win/loss review (经验总结)."""
    _opportunities.close_opportunity(db, principal, opportunity_id, data)
    return _opportunities.read_opportunity(db, principal, opportunity_id)


def save_tender(
    db: Session, principal: Principal, opportunity_id: int, data: TenderWrite
) -> TenderRead:
    """Create or replace the tender with its key dates and scoring sheet."""
    tender = _tender.write_tender(db, principal, opportunity_id, data)
    return _tender.tender_read(db, principal.scope, tender)


def add_vendor(
    db: Session, principal: Principal, opportunity_id: int, data: VendorCreate
) -> VendorRead:
    """A competitor bidding on the tender (we are a vendor from the first one on)."""
    return _tender.add_vendor(db, principal, opportunity_id, data)


def update_vendor(
    db: Session, principal: Principal, opportunity_id: int, vendor_id: int, data: VendorUpdate
) -> VendorRead:
    """A vendor's status (bidding, withdrew, disqualified, won, lost) or notes."""
    return _tender.update_vendor(db, principal, opportunity_id, vendor_id, data)


def list_vendors(db: Session, principal: Principal, opportunity_id: int) -> list[VendorRead]:
    """The tender's vendors, us among them."""
    return _tender.vendor_reads(db, principal, opportunity_id)


def set_vendor_scores(
    db: Session, principal: Principal, opportunity_id: int, vendor_id: int, data: ScoresWrite
) -> None:
    """Replace a vendor's estimated scores on the scoring sheet's items."""
    _tender.set_scores(db, principal, opportunity_id, vendor_id, data)


def submit_quote_round(
    db: Session, principal: Principal, opportunity_id: int, data: QuoteRoundCreate
) -> list[QuoteRoundRead]:
    """A round of quotes (ours and the competitors'); returns every round so far."""
    _tender.submit_quote_round(db, principal, opportunity_id, data)
    return _tender.rounds(db, principal, opportunity_id)


def add_decision_member(
    db: Session, principal: Principal, opportunity_id: int, data: DecisionMemberWrite
) -> DecisionMemberRead:
    """A customer person on the decision chain, with role and stance."""
    return _chain.add_member(db, principal, opportunity_id, data)


def add_approved_change(
    db: Session, principal: Principal, opportunity_id: int, amount: Decimal
) -> OpportunityRead:
    """Add the cost of an approved billable change request to the won opportunity's awarded
    amount (the projects area calls it in the approval's transaction)."""
    _opportunities.add_approved_change(db, principal, opportunity_id, amount)
    return _opportunities.read_opportunity(db, principal, opportunity_id)
