"""What later areas may use from opportunities: the projects area takes over a won opportunity
(stage III, joint execution) through `handover`; analytics reads the pipeline. Returns schemas,
never ORM objects."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.identity.public import Principal
from pcrm.opportunities.chain.schemas import DecisionMemberRead
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.handover.schemas import Handover
from pcrm.opportunities.handover.service import handover
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import OpportunityDetail, OpportunityRead
from pcrm.opportunities.review.schemas import ReviewRead
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
    "get_opportunity",
    "handover",
]


def get_opportunity(db: Session, principal: Principal, opportunity_id: int) -> OpportunityDetail:
    return service.opportunity_detail(db, principal, opportunity_id)
