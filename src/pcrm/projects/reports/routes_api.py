"""JSON API of a project's progress reports, and the issued report as a PDF."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, expected_version, tag
from pcrm.core.types import Id
from pcrm.identity.public import CurrentPrincipal
from pcrm.projects.reports import service
from pcrm.projects.reports.pages import report_locale
from pcrm.projects.reports.schemas import ReportDetail, ReportRead, ReportUpdate, ReportWrite

router = APIRouter(route_class=SessionRoute, prefix="/api/v1", tags=["projects"])
REPORTS = "/projects/{project_id}/reports"
Lang = Annotated[
    str | None,
    Query(max_length=10, description="zh-CN or en; the reader's language unless given."),
]


@router.get(REPORTS, summary="The project's progress reports: drafts, then issued versions")
def reports(project_id: Id, principal: CurrentPrincipal, db: DB) -> list[ReportRead]:
    return service.reports(db, principal, project_id)


@router.post(
    REPORTS,
    status_code=status.HTTP_201_CREATED,
    summary="Draft a progress report (monthly: last month unless a period is given)",
)
def add_report(
    project_id: Id, data: ReportWrite, principal: CurrentPrincipal, db: DB, response: Response
) -> ReportRead:
    added = service.add_report(db, principal, project_id, data)
    tag(response, added.version, f"/api/v1/projects/{project_id}/reports/{added.id}")
    return added


@router.get(
    REPORTS + "/{report_id}.pdf",
    summary="An issued report as a PDF (zh-CN or en), made from its snapshot",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The PDF"}},
)
def report_pdf(
    request: Request,
    project_id: Id,
    report_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    lang: Lang = None,
) -> Response:
    data, filename = service.report_pdf(
        db, principal, project_id, report_id, report_locale(request, lang)
    )
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(REPORTS + "/{report_id}", summary="A report with its figures (a draft's are live)")
def report(
    project_id: Id, report_id: Id, principal: CurrentPrincipal, db: DB, response: Response
) -> ReportDetail:
    found = service.report(db, principal, project_id, report_id)
    tag(response, found.version)
    return found


@router.patch(REPORTS + "/{report_id}", summary="Change a draft's period or summary (If-Match)")
def update_report(
    project_id: Id,
    report_id: Id,
    data: ReportUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ReportRead:
    changed = service.update_report(
        db, principal, project_id, report_id, data, expected_version(if_match)
    )
    tag(response, changed.version)
    return changed


@router.delete(
    REPORTS + "/{report_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a draft (an issued report stays: 409; If-Match)",
)
def remove_report(
    project_id: Id, report_id: Id, principal: CurrentPrincipal, db: DB, if_match: IfMatch = None
) -> Response:
    service.remove_report(db, principal, project_id, report_id, expected_version(if_match))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    REPORTS + "/{report_id}/issue",
    summary="Issue a draft as the project's next immutable version (If-Match)",
)
def issue_report(
    project_id: Id,
    report_id: Id,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> ReportRead:
    issued = service.issue_report(db, principal, project_id, report_id, expected_version(if_match))
    tag(response, issued.version)
    return issued
