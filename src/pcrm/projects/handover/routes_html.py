"""The button on a won opportunity's page that converts it to a project."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import redirect
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.errors import AlreadyConverted
from pcrm.projects.handover import service

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.post("/projects/from-opportunity/{opportunity_id}")
def convert(opportunity_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    try:
        project = service.convert_opportunity(db, principal, opportunity_id)
    except AlreadyConverted as exc:
        return redirect(f"/projects/{exc.project_id}", "already-converted")
    return redirect(f"/projects/{project.id}", "converted")
