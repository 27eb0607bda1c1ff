"""The workload page: allocation per person and week across projects, filtered by role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.templating import render
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.team import pages
from pcrm.projects.team.schemas import WorkloadQuery

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.get("/projects/workload")
def workload_page(
    request: Request, db: DB, principal: CurrentPrincipal, query: Annotated[WorkloadQuery, Query()]
) -> Response:
    context = pages.workload_page(db, principal, query.start, query.role, page_locale(request))
    return render(request, "projects/workload.html", context)
