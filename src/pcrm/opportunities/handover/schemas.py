"""The hand-over of a won opportunity: what a delivery team starts a project from."""

from __future__ import annotations

from pydantic import BaseModel, Field

from pcrm.opportunities.chain.schemas import DecisionMemberRead
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.pipeline.schemas import OpportunityDetail
from pcrm.opportunities.review.schemas import ReviewRead
from pcrm.opportunities.tender.schemas import TenderRead


class Handover(BaseModel):
    """Everything a delivery team starts a project from: the won opportunity with its team
    and related opportunities, the tender and its key dates, the customer's decision chain,
    the documents (RFP, our proposal, contract) and the win review."""

    opportunity: OpportunityDetail
    tender: TenderRead | None
    decision_chain: list[DecisionMemberRead]
    documents: list[DocumentRead] = Field(description="Every version, newest first per kind")
    review: ReviewRead | None
