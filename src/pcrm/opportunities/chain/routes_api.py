"""JSON API of the decision chain (项目决策关系): its members and its chart."""

from __future__ import annotations

from fastapi import APIRouter, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.opportunities.chain import service as chain_service
from pcrm.opportunities.chain.schemas import (
    DecisionMemberRead,
    DecisionMemberUpdate,
    DecisionMemberWrite,
)
from pcrm.relationships.public import Graph

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["opportunities"])


@router.get(
    "/opportunities/{opportunity_id}/decision-chain", summary="The decision chain (项目决策关系)"
)
def list_chain(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> list[DecisionMemberRead]:
    return chain_service.chain(db, principal, opportunity_id)


@router.get(
    "/opportunities/{opportunity_id}/decision-chain/graph",
    summary="The decision chain on the relationship graph",
)
def chain_graph(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> Graph:
    return chain_service.chain_graph(db, principal, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/decision-chain",
    status_code=status.HTTP_201_CREATED,
    summary="Put a customer person on the decision chain",
)
def add_member(
    opportunity_id: Id, data: DecisionMemberWrite, principal: CurrentPrincipal, db: DB
) -> DecisionMemberRead:
    return chain_service.add_member(db, principal, opportunity_id, data)


@router.patch(
    "/opportunities/{opportunity_id}/decision-chain/{member_id}",
    summary="Change a member's role, status, interaction, stance or note",
)
def update_member(
    opportunity_id: Id,
    member_id: Id,
    data: DecisionMemberUpdate,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> DecisionMemberRead:
    return chain_service.update_member(
        db, principal, opportunity_id, member_id, data, expected_version(if_match)
    )


@router.delete(
    "/opportunities/{opportunity_id}/decision-chain/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take a person off the decision chain",
)
def remove_member(
    opportunity_id: Id, member_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> None:
    chain_service.remove_member(
        db, principal, opportunity_id, member_id, expected=expected_version(if_match)
    )
