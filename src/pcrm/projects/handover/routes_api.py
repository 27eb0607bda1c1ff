"""JSON API of the conversion of a won opportunity to a project."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import tag
from pcrm.core.i18n import translate
from pcrm.core.problems import locale_of, problem
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.errors import AlreadyConverted
from pcrm.projects.handover import service
from pcrm.projects.projects import service as projects
from pcrm.projects.projects.schemas import ProjectDetail

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])


@router.post(
    "/projects/from-opportunity/{opportunity_id}",
    status_code=status.HTTP_201_CREATED,
    response_model=ProjectDetail,
    summary="Convert a won opportunity to a project (409 with the project's link if done before)",
    responses={409: {"description": "Converted before: `project_id` and `project_url`."}},
)
def convert(
    opportunity_id: Id, request: Request, principal: CurrentPrincipal, db: DB, response: Response
) -> Any:
    try:
        created = service.convert_opportunity(db, principal, opportunity_id)
    except AlreadyConverted as exc:
        answer = problem(request, 409, translate(locale_of(request), exc.detail))
        return _with_link(answer, exc.project_id)
    detail = projects.project_detail(db, principal, created.id)
    response.headers["Location"] = f"/api/v1/projects/{created.id}"
    tag(response, detail.version)
    return detail


def _with_link(answer: JSONResponse, project_id: Id) -> JSONResponse:
    """The problem+json of the 409 with the project that was converted before."""
    body = json.loads(bytes(answer.body))
    body |= {"project_id": project_id, "project_url": f"/api/v1/projects/{project_id}"}
    return JSONResponse(
        body,
        status_code=409,
        media_type="application/problem+json",
        headers={"Link": f'</projects/{project_id}>; rel="related"'},
    )
