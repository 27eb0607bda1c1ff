"""JSON API of the win/loss review (经验总结) of a closed opportunity."""

from __future__ import annotations

from fastapi import APIRouter, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.review.schemas import ReviewRead, ReviewWrite

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["opportunities"])


@router.get("/opportunities/{opportunity_id}/review", summary="The win/loss review (经验总结)")
def get_review(
    opportunity_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> ReviewRead | None:
    review = review_service.get_review(db, principal, opportunity_id)
    if review is not None:
        tag(response, review.version)
    return review


@router.put("/opportunities/{opportunity_id}/review", summary="Edit the win/loss review (If-Match)")
def update_review(
    opportunity_id: Id,
    data: ReviewWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ReviewRead:
    review = review_service.update_review(
        db, principal, opportunity_id, data, expected_version(if_match)
    )
    tag(response, review.version)
    return review
