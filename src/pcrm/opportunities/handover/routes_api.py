"""JSON API of the hand-over of a won opportunity to delivery."""

from __future__ import annotations

from fastapi import APIRouter

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.handover import service
from pcrm.opportunities.handover.schemas import Handover

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["opportunities"])


@router.get(
    "/opportunities/{opportunity_id}/handover",
    summary="A won opportunity as delivery takes it over: tender, decision chain, documents",
)
def handover(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> Handover:
    return service.handover(db, principal, opportunity_id)
