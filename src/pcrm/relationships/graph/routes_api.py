"""JSON API of profiles, the links between people and the account's relationship graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from pcrm.accounts.public import ContactRead, set_reports_to
from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, etag, expected_version, tag
from pcrm.core.pages import page_locale
from pcrm.core.types import Id, WriteModel
from pcrm.identity.public import CurrentPrincipal
from pcrm.relationships.graph import service
from pcrm.relationships.graph.schemas import (
    AcquaintanceCreate,
    AcquaintanceRead,
    AcquaintanceUpdate,
    DottedLineCreate,
    DottedLineRead,
    EdgeKind,
    Graph,
    InfluenceCreate,
    InfluenceRead,
    InfluenceUpdate,
    ProfileRead,
    ProfileWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["relationships"])


class ReportsTo(WriteModel):
    manager_id: Id | None


# --- profiles and the org chart ----------------------------------------------------------------


@router.get("/contacts/{contact_id}/profile", summary="A contact's profile over time, newest first")
def profile_history(contact_id: Id, principal: CurrentPrincipal, db: DB) -> list[ProfileRead]:
    return [
        ProfileRead.model_validate(p) for p in service.profile_history(db, principal, contact_id)
    ]


@router.post(
    "/contacts/{contact_id}/profile",
    status_code=status.HTTP_201_CREATED,
    summary="Record the contact's profile as of a date",
)
def set_profile(
    contact_id: Id, data: ProfileWrite, principal: CurrentPrincipal, db: DB
) -> ProfileRead:
    return ProfileRead.model_validate(service.set_profile(db, principal, contact_id, data))


@router.put(
    "/contacts/{contact_id}/reports-to",
    summary="Re-parent a contact in the org chart (cycles are refused)",
)
def move_in_org_chart(
    contact_id: Id,
    data: ReportsTo,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ContactRead:
    moved = set_reports_to(db, principal, contact_id, data.manager_id, expected_version(if_match))
    tag(response, moved.version)
    return moved


# --- edges -------------------------------------------------------------------------------------


@router.post("/influences", status_code=status.HTTP_201_CREATED, summary="Record who sways whom")
def create_influence(
    data: InfluenceCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> InfluenceRead:
    edge = service.create_influence(db, principal, data)
    response.headers["ETag"] = etag(edge.version)
    return InfluenceRead.model_validate(edge)


@router.patch("/influences/{edge_id}", summary="Change an influence's strength or note")
def update_influence(
    edge_id: Id,
    data: InfluenceUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> InfluenceRead:
    edge = service.update_influence(db, principal, edge_id, data, expected_version(if_match))
    response.headers["ETag"] = etag(edge.version)
    return InfluenceRead.model_validate(edge)


@router.delete(
    "/influences/{edge_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove an influence"
)
def delete_influence(
    edge_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> None:
    service.delete_influence(db, principal, edge_id, expected=expected_version(if_match))


@router.post(
    "/dotted-lines", status_code=status.HTTP_201_CREATED, summary="Record dotted-line reporting"
)
def create_dotted_line(
    data: DottedLineCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> DottedLineRead:
    edge = service.create_dotted_line(db, principal, data)
    return DottedLineRead.model_validate(edge)


@router.delete(
    "/dotted-lines/{edge_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove dotted-line reporting",
)
def delete_dotted_line(edge_id: Id, principal: CurrentPrincipal, db: DB) -> None:
    service.delete_dotted_line(db, principal, edge_id)


@router.post(
    "/acquaintances",
    status_code=status.HTTP_201_CREATED,
    summary="Record that one of our people knows a customer person",
)
def create_acquaintance(
    data: AcquaintanceCreate, principal: CurrentPrincipal, db: DB, response: Response
) -> AcquaintanceRead:
    edge = service.create_acquaintance(db, principal, data)
    response.headers["ETag"] = etag(edge.version)
    return AcquaintanceRead.model_validate(edge)


@router.patch("/acquaintances/{edge_id}", summary="Change closeness, kind, since or note")
def update_acquaintance(
    edge_id: Id,
    data: AcquaintanceUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> AcquaintanceRead:
    edge = service.update_acquaintance(db, principal, edge_id, data, expected_version(if_match))
    response.headers["ETag"] = etag(edge.version)
    return AcquaintanceRead.model_validate(edge)


@router.delete(
    "/acquaintances/{edge_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove one of our relationships",
)
def delete_acquaintance(
    edge_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> None:
    service.delete_acquaintance(db, principal, edge_id, expected=expected_version(if_match))


@router.get("/contacts/{contact_id}/known-by", summary="Which of our people know this contact")
def who_knows(contact_id: Id, principal: CurrentPrincipal, db: DB) -> list[AcquaintanceRead]:
    return service.who_knows(db, principal, contact_id)


@router.get("/users/{user_id}/acquaintances", summary="The customer people a user knows")
def known_by(user_id: Id, principal: CurrentPrincipal, db: DB) -> list[AcquaintanceRead]:
    return service.known_by(db, principal, user_id)


# --- analyses ----------------------------------------------------------------------------------


@router.get(
    "/accounts/{account_id}/relationship-graph",
    summary="The account's people and every link between them, as nodes and edges",
)
def relationship_graph(
    request: Request,
    account_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    kinds: Annotated[list[EdgeKind] | None, Query()] = None,
) -> Graph:
    return service.account_graph(
        db, principal, account_id, set(kinds) if kinds else None, page_locale(request)
    )
