"""JSON API of competitors and their ties."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, etag, expected_version
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.relationships.competitors import service
from pcrm.relationships.competitors.schemas import (
    CompetitorRead,
    CompetitorTieCreate,
    CompetitorTieRead,
    CompetitorTieUpdate,
    CompetitorWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["relationships"])


def _created(response: Response, version: int | None, location: str) -> None:
    if version is not None:
        response.headers["ETag"] = etag(version)
    response.headers["Location"] = location


@router.get("/competitors", summary="Competitors")
def list_competitors(principal: CurrentPrincipal, db: DB) -> list[CompetitorRead]:
    return [CompetitorRead.model_validate(c) for c in service.list_competitors(db, principal)]


@router.post("/competitors", status_code=status.HTTP_201_CREATED, summary="Add a competitor")
def create_competitor(
    data: CompetitorWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> CompetitorRead:
    competitor = service.create_competitor(db, principal, data)
    _created(response, competitor.version, f"/api/v1/competitors/{competitor.id}")
    return CompetitorRead.model_validate(competitor)


@router.get("/competitors/{competitor_id}", summary="One competitor")
def get_competitor(
    competitor_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> CompetitorRead:
    competitor = service.get_competitor(db, principal, competitor_id)
    response.headers["ETag"] = etag(competitor.version)
    return CompetitorRead.model_validate(competitor)


@router.put("/competitors/{competitor_id}", summary="Change a competitor")
def update_competitor(
    competitor_id: Id,
    data: CompetitorWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> CompetitorRead:
    competitor = service.update_competitor(
        db, principal, competitor_id, data, expected_version(if_match)
    )
    response.headers["ETag"] = etag(competitor.version)
    return CompetitorRead.model_validate(competitor)


@router.get(
    "/competitors/{competitor_id}/ties", summary="Customer people this competitor is close to"
)
def competitor_ties(
    competitor_id: Id, principal: CurrentPrincipal, db: DB
) -> list[CompetitorTieRead]:
    return [
        CompetitorTieRead.model_validate(t)
        for t in service.competitor_ties(db, principal, competitor_id)
    ]


@router.post(
    "/competitor-ties",
    status_code=status.HTTP_201_CREATED,
    summary="Record a competitor's relationship with a customer person",
)
def create_tie(
    data: CompetitorTieCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> CompetitorTieRead:
    tie = service.create_tie(db, principal, data)
    response.headers["ETag"] = etag(tie.version)
    return CompetitorTieRead.model_validate(tie)


@router.patch("/competitor-ties/{tie_id}", summary="Change a competitor relationship")
def update_tie(
    tie_id: Id,
    data: CompetitorTieUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> CompetitorTieRead:
    tie = service.update_tie(db, principal, tie_id, data, expected_version(if_match))
    response.headers["ETag"] = etag(tie.version)
    return CompetitorTieRead.model_validate(tie)


@router.delete(
    "/competitor-ties/{tie_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a competitor relationship",
)
def delete_tie(tie_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None) -> None:
    service.delete_tie(db, principal, tie_id, expected=expected_version(if_match))
