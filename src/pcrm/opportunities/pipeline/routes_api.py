"""JSON API of the pipeline: opportunities, the board, stages and closing with the win/loss
review, the team, relations and an opportunity's history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.types import Id
from pcrm.identity.public import AuditEntryRead, CurrentPrincipal, record_history
from pcrm.opportunities.pipeline import service
from pcrm.opportunities.pipeline.schemas import (
    OpportunityCreate,
    OpportunityDetail,
    OpportunityQuery,
    OpportunityRead,
    OpportunityUpdate,
    PipelineColumn,
    RelationCreate,
    RelationRead,
    StageMove,
    StageTotal,
    TeamMemberRead,
    TeamMemberWrite,
)
from pcrm.opportunities.review.schemas import CloseOpportunity
from pcrm.opportunities.vocab import Stage

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["opportunities"])


def _detail(
    db: DB, principal: CurrentPrincipal, opportunity_id: Id, response: Response
) -> OpportunityDetail:
    detail = service.opportunity_detail(db, principal, opportunity_id)
    tag(response, detail.version)
    return detail


# --- opportunities ----------------------------------------------------------------------------


@router.get("/opportunities", summary="List opportunities with filters, sorting and pages")
def list_opportunities(
    principal: CurrentPrincipal, db: DB, query: Annotated[OpportunityQuery, Query()]
) -> Page[OpportunityRead]:
    return service.list_opportunities(
        db,
        principal,
        service.filters_of(query),
        PageRequest(query.page, query.page_size),
        query.sort,
    )


@router.get(
    "/opportunities/pipeline",
    summary="The pipeline board: per stage, count, budget, weighted budget and the first cards",
)
def pipeline(
    principal: CurrentPrincipal, db: DB, query: Annotated[OpportunityQuery, Query()]
) -> list[PipelineColumn]:
    stages = tuple(query.stage) or tuple(Stage)
    columns = service.pipeline(db, principal, service.filters_of(query), stages)
    return [_column(c.totals, c.cards) for c in columns]


def _column(totals: StageTotal, cards: list[OpportunityRead]) -> PipelineColumn:
    return PipelineColumn(
        stage=totals.stage,
        count=totals.count,
        budget=totals.budget,
        weighted=totals.weighted,
        cards=cards,
    )


@router.post("/opportunities", status_code=status.HTTP_201_CREATED, summary="Create an opportunity")
def create_opportunity(
    data: OpportunityCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> OpportunityDetail:
    created = service.create_opportunity(db, principal, data)
    response.headers["Location"] = f"/api/v1/opportunities/{created.id}"
    return _detail(db, principal, created.id, response)


@router.get("/opportunities/{opportunity_id}", summary="An opportunity with team and relations")
def get_opportunity(
    opportunity_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> OpportunityDetail:
    return _detail(db, principal, opportunity_id, response)


@router.patch("/opportunities/{opportunity_id}", summary="Change an opportunity (If-Match)")
def update_opportunity(
    opportunity_id: Id,
    data: OpportunityUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> OpportunityDetail:
    service.update_opportunity(db, principal, opportunity_id, data, expected_version(if_match))
    return _detail(db, principal, opportunity_id, response)


@router.post(
    "/opportunities/{opportunity_id}/archive",
    summary="Archive an opportunity (it leaves the lists, keeps its history)",
)
def archive_opportunity(
    opportunity_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> OpportunityDetail:
    service.archive_opportunity(db, principal, opportunity_id)
    return _detail(db, principal, opportunity_id, response)


@router.post(
    "/opportunities/{opportunity_id}/stage",
    summary="Move between potential and bidding, or from won to delivered",
)
def move_stage(
    opportunity_id: Id,
    data: StageMove,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> OpportunityDetail:
    service.move_stage(db, principal, opportunity_id, data, expected_version(if_match))
    return _detail(db, principal, opportunity_id, response)


@router.post(
    "/opportunities/{opportunity_id}/close",
    summary="Close as won (→ III joint execution), lost or abandoned, with the review",
)
def close_opportunity(
    opportunity_id: Id,
    data: CloseOpportunity,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> OpportunityDetail:
    service.close_opportunity(db, principal, opportunity_id, data, expected_version(if_match))
    return _detail(db, principal, opportunity_id, response)


@router.put("/opportunities/{opportunity_id}/team", summary="Replace the opportunity's team")
def set_team(
    opportunity_id: Id, data: list[TeamMemberWrite], principal: CurrentPrincipal, db: DB
) -> list[TeamMemberRead]:
    return service.set_team(db, principal, opportunity_id, data)


@router.post(
    "/opportunities/{opportunity_id}/relations",
    status_code=status.HTTP_201_CREATED,
    summary="Record that this opportunity follows an earlier one (loops are refused)",
)
def add_relation(
    opportunity_id: Id, data: RelationCreate, principal: CurrentPrincipal, db: DB
) -> list[RelationRead]:
    service.add_relation(db, principal, opportunity_id, data)
    return service.relations(db, principal, opportunity_id)


@router.delete(
    "/opportunities/{opportunity_id}/relations/{relation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a relation",
)
def remove_relation(
    opportunity_id: Id, relation_id: Id, principal: CurrentPrincipal, db: DB
) -> None:
    service.remove_relation(db, principal, opportunity_id, relation_id)


@router.get("/opportunities/{opportunity_id}/history", summary="The opportunity's audit trail")
def opportunity_history(
    opportunity_id: Id, principal: CurrentPrincipal, db: DB
) -> list[AuditEntryRead]:
    service.get_opportunity(db, principal, opportunity_id)
    return record_history(db, principal, "opportunity", opportunity_id)
