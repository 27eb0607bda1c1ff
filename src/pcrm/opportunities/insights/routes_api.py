"""JSON API of the analytical views of the project-history line: a customer's tender rhythm
(项目关键时点), a competitor's record against us, and an account's project history. Handlers
translate, pcrm.opportunities.insights.service decides."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from pcrm.accounts.public import Ownership
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.insights import service as insights
from pcrm.opportunities.insights.schemas import (
    AccountRhythm,
    CompetitorRecord,
    OwnershipRhythm,
    ProjectHistory,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["opportunities"])

OwnershipParam = Annotated[
    Ownership | None,
    Query(description="government, state_owned, private, foreign or other; none: every account"),
]


@router.get(
    "/accounts/{account_id}/tender-rhythm",
    summary="The account's tender rhythm (项目关键时点) learned from its past tenders",
)
def account_tender_rhythm(account_id: Id, principal: CurrentPrincipal, db: DB) -> AccountRhythm:
    return insights.account_rhythm(db, principal, account_id)


@router.get(
    "/tender-rhythm",
    summary="The tender rhythm of every account of an ownership type (or of the workspace)",
)
def tender_rhythm(
    principal: CurrentPrincipal, db: DB, ownership: OwnershipParam = None
) -> OwnershipRhythm:
    return insights.ownership_rhythm(db, principal, ownership)


@router.get(
    "/competitors/{competitor_id}/record",
    summary="Where we met a competitor, win/loss, their quotes versus ours, their contacts",
)
def competitor_record(competitor_id: Id, principal: CurrentPrincipal, db: DB) -> CompetitorRecord:
    return insights.competitor_record(db, principal, competitor_id)


@router.get(
    "/accounts/{account_id}/project-history",
    summary="The account's chains of related opportunities with the 11 history elements",
)
def project_history(account_id: Id, principal: CurrentPrincipal, db: DB) -> ProjectHistory:
    return insights.project_history(db, principal, account_id)
