"""JSON API of risks: a project's, an opportunity's before the conversion, and the
probability × impact heat maps (per project and across projects)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.errors import FieldError, ValidationFailed
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.i18n import N_
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.risks import service
from pcrm.projects.risks.schemas import (
    CellQuery,
    PortfolioFilter,
    PortfolioQuery,
    PortfolioRiskRead,
    RiskMap,
    RiskRead,
    RiskUpdate,
    RiskWrite,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


def _filter(query: PortfolioQuery) -> PortfolioFilter:
    return PortfolioFilter(statuses=tuple(query.status), manager_id=query.manager_id)


@router.get(
    "/risk-map",
    summary="Open risks across projects per probability × impact (filter by project status, "
    "project manager)",
)
def portfolio_map(
    principal: CurrentPrincipal, db: DB, query: Annotated[PortfolioQuery, Query()]
) -> RiskMap:
    return service.portfolio_map(db, principal, _filter(query))


@router.get(
    "/risk-map/cell",
    summary="One cell's open risks across projects, with their project (at most 200)",
)
def portfolio_cell(
    principal: CurrentPrincipal, db: DB, query: Annotated[PortfolioQuery, Query()]
) -> list[PortfolioRiskRead]:
    if query.probability is None or query.impact is None:
        raise ValidationFailed(
            [
                FieldError(name, N_("This field is required."), "missing")
                for name in ("probability", "impact")
                if getattr(query, name) is None
            ]
        )
    return service.portfolio_cell(db, principal, _filter(query), query.probability, query.impact)


@router.get(
    "/projects/{project_id}/risks",
    summary="The project's risks, open ones first by score; one cell's open risks with "
    "probability and impact",
)
def risks(
    project_id: Id, principal: CurrentPrincipal, db: DB, query: Annotated[CellQuery, Query()]
) -> list[RiskRead]:
    return service.risks(db, principal, project_id, query.probability, query.impact)


@router.get(
    "/projects/{project_id}/risk-map",
    summary="The project's open risks per probability × impact",
)
def project_map(project_id: Id, principal: CurrentPrincipal, db: DB) -> RiskMap:
    return service.project_map(db, principal, project_id)


@router.post(
    "/projects/{project_id}/risks", status_code=status.HTTP_201_CREATED, summary="Add a risk"
)
def add_risk(
    project_id: Id, data: RiskWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> RiskRead:
    added = service.add_risk(db, principal, project_id, data)
    tag(response, added.version)
    return added


@router.patch("/projects/{project_id}/risks/{risk_id}", summary="Change a risk (If-Match)")
def update_risk(
    project_id: Id,
    risk_id: Id,
    data: RiskUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> RiskRead:
    changed = service.update_risk(
        db, principal, project_id, risk_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/projects/{project_id}/risks/{risk_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a risk (If-Match)",
)
def remove_risk(
    project_id: Id, risk_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_risk(db, principal, project_id, risk_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/opportunities/{opportunity_id}/risks",
    summary="The opportunity's risks (those carried to its project too)",
)
def opportunity_risks(opportunity_id: Id, principal: CurrentPrincipal, db: DB) -> list[RiskRead]:
    return service.opportunity_risks(db, principal, opportunity_id)


@router.post(
    "/opportunities/{opportunity_id}/risks",
    status_code=status.HTTP_201_CREATED,
    summary="Add a risk to an opportunity not converted yet",
)
def add_opportunity_risk(
    opportunity_id: Id,
    data: RiskWrite,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
) -> RiskRead:
    added = service.add_opportunity_risk(db, principal, opportunity_id, data)
    tag(response, added.version)
    return added


@router.patch(
    "/opportunities/{opportunity_id}/risks/{risk_id}",
    summary="Change an opportunity's risk (If-Match)",
)
def update_opportunity_risk(
    opportunity_id: Id,
    risk_id: Id,
    data: RiskUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> RiskRead:
    changed = service.update_opportunity_risk(
        db, principal, opportunity_id, risk_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    "/opportunities/{opportunity_id}/risks/{risk_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an opportunity's risk (If-Match)",
)
def remove_opportunity_risk(
    opportunity_id: Id,
    risk_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    if_match: IfMatch = None,
) -> Response:
    service.remove_opportunity_risk(
        db, principal, opportunity_id, risk_id, expected_version(if_match)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
