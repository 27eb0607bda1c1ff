"""JSON API of the tender and the bid: the tender with its scoring sheet, vendors, estimated
scores, quote rounds and the bid sheet with its "what if we quote ¥X"."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, IfMatchOnReplace, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.tender import service as tender_service
from pcrm.opportunities.tender.schemas import (
    BidSheet,
    QuoteRoundCreate,
    QuoteRoundRead,
    ScoresWrite,
    TenderRead,
    TenderWrite,
    VendorCreate,
    VendorRead,
    VendorUpdate,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["opportunities"])


@router.get("/opportunities/{opportunity_id}/tender", summary="The tender, or null")
def get_tender(
    opportunity_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> TenderRead | None:
    tender = tender_service.read_tender(db, principal, opportunity_id)
    if tender is not None:
        tag(response, tender.version)
    return tender


@router.put(
    "/opportunities/{opportunity_id}/tender",
    summary="Create or replace the tender and its scoring sheet (weights add up to 100)",
)
def write_tender(
    opportunity_id: Id,
    data: TenderWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatchOnReplace = None,
) -> TenderRead:
    written = tender_service.write_tender(
        db, principal, opportunity_id, data, expected_version(if_match)
    )
    tender = tender_service.tender_read(db, principal.scope, written)
    tag(response, tender.version)
    return tender


@router.get("/opportunities/{opportunity_id}/vendors", summary="Participating vendors, us first")
def list_vendors(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> list[VendorRead]:
    return tender_service.vendor_reads(db, principal, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/vendors",
    status_code=status.HTTP_201_CREATED,
    summary="Add a competitor to the opportunity",
)
def add_vendor(
    opportunity_id: Id, data: VendorCreate, principal: CurrentPrincipal, db: DB
) -> VendorRead:
    return tender_service.add_vendor(db, principal, opportunity_id, data)


@router.patch(
    "/opportunities/{opportunity_id}/vendors/{vendor_id}",
    summary="Change a vendor's status (bidding, withdrew, disqualified, won, lost) or notes",
)
def update_vendor(
    opportunity_id: Id,
    vendor_id: Id,
    data: VendorUpdate,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> VendorRead:
    return tender_service.update_vendor(
        db, principal, opportunity_id, vendor_id, data, expected_version(if_match)
    )


@router.delete(
    "/opportunities/{opportunity_id}/vendors/{vendor_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a competitor without quotes",
)
def remove_vendor(
    opportunity_id: Id, vendor_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> None:
    tender_service.remove_vendor(
        db, principal, opportunity_id, vendor_id, expected=expected_version(if_match)
    )


@router.put(
    "/opportunities/{opportunity_id}/vendors/{vendor_id}/scores",
    summary="Replace a vendor's estimated scores per scoring item",
)
def set_scores(
    opportunity_id: Id,
    vendor_id: Id,
    data: ScoresWrite,
    principal: CurrentPrincipal,
    db: DB,
) -> BidSheet:
    tender_service.set_scores(db, principal, opportunity_id, vendor_id, data)
    return tender_service.bid_sheet(db, principal, opportunity_id)


@router.get(
    "/opportunities/{opportunity_id}/quote-rounds", summary="Quote rounds (报价历史) in order"
)
def list_rounds(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> list[QuoteRoundRead]:
    return tender_service.rounds(db, principal, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/quote-rounds",
    status_code=status.HTTP_201_CREATED,
    summary="Record the next quote round (ours and competitors' quotes)",
)
def submit_quote_round(
    opportunity_id: Id, data: QuoteRoundCreate, principal: CurrentPrincipal, db: DB
) -> list[QuoteRoundRead]:
    tender_service.submit_quote_round(db, principal, opportunity_id, data)
    return tender_service.rounds(db, principal, opportunity_id)


@router.delete(
    "/opportunities/{opportunity_id}/quote-rounds/{round_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take back the latest round",
)
def delete_round(opportunity_id: Id, round_id: Id, principal: CurrentPrincipal, db: DB) -> None:
    tender_service.delete_last_round(db, principal, opportunity_id, round_id)


@router.get(
    "/opportunities/{opportunity_id}/bid-sheet",
    summary="Scores, price scores, totals and ranks; `try_price` simulates our quote",
)
def bid_sheet(
    opportunity_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    try_price: Annotated[
        Decimal | None,
        Query(gt=0, max_digits=16, decimal_places=2, description="¥, our quote to try"),
    ] = None,
) -> BidSheet:
    return tender_service.bid_sheet(db, principal, opportunity_id, try_price)
