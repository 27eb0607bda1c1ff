"""What later areas may use from opportunities: the projects area takes over a won opportunity
(stage III, joint execution) through `handover`; analytics reads the pipeline. Returns schemas,
never ORM objects."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.identity.public import Principal
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.schemas import DecisionMemberRead
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import (
    OpportunityDetail,
    OpportunityRead,
)
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.review.schemas import ReviewRead
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.tender.schemas import TenderRead
from pcrm.opportunities.vocab import WON_STAGES, Stage

__all__ = [
    "DecisionMemberRead",
    "DocumentRead",
    "Handover",
    "OpportunityDetail",
    "OpportunityRead",
    "ReviewRead",
    "Stage",
    "TenderRead",
    "get_opportunity",
    "handover",
]


class Handover(BaseModel):
    """Everything a delivery team starts a project from: the won opportunity with its team
    and related opportunities, the tender and its key dates, the customer's decision chain,
    the documents (RFP, our proposal, contract) and the win review."""

    opportunity: OpportunityDetail
    tender: TenderRead | None
    decision_chain: list[DecisionMemberRead]
    documents: list[DocumentRead] = Field(description="Every version, newest first per kind")
    review: ReviewRead | None


def get_opportunity(db: Session, principal: Principal, opportunity_id: int) -> OpportunityDetail:
    return service.opportunity_detail(db, principal, opportunity_id)


def handover(db: Session, principal: Principal, opportunity_id: int) -> Handover:
    """The hand-over of a won opportunity to delivery; a 422 for one that is not won."""
    detail = service.opportunity_detail(db, principal, opportunity_id)
    if detail.stage not in WON_STAGES:
        raise field_error("opportunity_id", N_("Only a won opportunity is handed to delivery."))
    return Handover(
        opportunity=detail,
        tender=tender_service.read_tender(db, principal, opportunity_id),
        decision_chain=chain_service.chain(db, principal, opportunity_id),
        documents=documents.documents_of(db, principal.scope, [opportunity_id]),
        review=review_service.get_review(db, principal, opportunity_id),
    )
