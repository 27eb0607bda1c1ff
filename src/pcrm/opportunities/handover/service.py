"""Handing a won opportunity over to delivery: the opportunity with its tender, decision chain,
documents and review, read through their own services (each checks the read permission)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.errors import field_error
from pcrm.core.i18n import N_
from pcrm.identity.public import Principal
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.documents import service as documents
from pcrm.opportunities.handover.schemas import Handover
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.vocab import WON_STAGES


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
