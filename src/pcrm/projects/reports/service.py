"""Progress reports (项目进度报告) of a project: a draft covers a period (a calendar month, or
any period on demand) and carries the project manager's summary; its figures are read live
(figures/service.py). Issuing it makes an immutable version: the next number of the project
(1, 2, …) and a snapshot of every figure, so that later changes to the project do not change
what was issued. An issued report cannot be edited or removed (409); its PDF is made from the
snapshot.

The monthly job (`draft_monthly_reports`) drafts last month's report, on the 1st, for every
active project that has none, and reminds the project manager to finish and issue it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.db import utcnow
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed
from pcrm.core.etag import check_version
from pcrm.core.i18n import DEFAULT_LOCALE, N_, translate
from pcrm.core.jobs import DueItem
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal, user_refs
from pcrm.notifications.public import ReminderPlan, keep_reminder
from pcrm.projects.projects import service as projects
from pcrm.projects.reports import render
from pcrm.projects.reports import repository as repo
from pcrm.projects.reports.figures import service as content
from pcrm.projects.reports.models import ProjectReport
from pcrm.projects.reports.schemas import ReportDetail, ReportRead, ReportUpdate, ReportWrite
from pcrm.projects.reports.vocab import ReportKind, ReportStatus
from pcrm.projects.schemas import ENDS_BEFORE_START

JOB = "projects.monthly_reports"
SOURCE = "project_report"
LONGEST_PERIOD = 366  # days a report may cover
TOO_LONG = N_("A report covers at most a year.")
ISSUED = N_("This report has been issued and can no longer be changed or removed.")
NOT_ISSUED = N_("Only an issued report has a PDF: issue the draft first.")
REMINDER = N_("Progress report to finish and issue: %(project)s, %(period)s")


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _check_period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period when it is one (both days, the end not before the start, at most a year);
    else every refused field (422)."""
    errors = []
    if start is None:
        errors.append(FieldError("period_start", N_("This field is required."), "missing"))
    if end is None:
        errors.append(FieldError("period_end", N_("This field is required."), "missing"))
    if start is not None and end is not None:
        if end < start:
            errors.append(FieldError("period_end", ENDS_BEFORE_START))
        elif (end - start).days >= LONGEST_PERIOD:
            errors.append(FieldError("period_end", TOO_LONG))
    if errors or start is None or end is None:
        raise ValidationFailed(errors)
    return start, end


def _reads(db: Session, principal: Principal, rows: list[ProjectReport]) -> list[ReportRead]:
    names = user_refs(db, principal.scope, {r.issued_by_id for r in rows if r.issued_by_id})
    return [
        ReportRead(
            id=r.id,
            project_id=r.project_id,
            kind=r.kind,
            status=r.status,
            number=r.number,
            period_start=r.period_start,
            period_end=r.period_end,
            summary=r.summary,
            issued_at=r.issued_at,
            issued_by_name=names[r.issued_by_id].name if r.issued_by_id in names else None,
            created_at=r.created_at,
            version=r.version,
        )
        for r in rows
    ]


def reports(db: Session, principal: Principal, project_id: int) -> list[ReportRead]:
    """Drafts first, then the issued versions, newest first."""
    projects.get_project(db, principal, project_id)
    return _reads(db, principal, list(repo.reports(db, principal.scope, project_id)))


def _report_of(db: Session, principal: Principal, project_id: int, report_id: int) -> ProjectReport:
    found = repo.report(db, principal.scope, report_id)
    if found.project_id != project_id:
        raise NotFound()
    return found


def _figures(db: Session, principal: Principal, report: ProjectReport) -> dict[str, Any]:
    if report.snapshot is not None:
        return report.snapshot
    return content.build(db, principal, report.project_id, report.period_start, report.period_end)


def report(db: Session, principal: Principal, project_id: int, report_id: int) -> ReportDetail:
    """One report with its figures: live for a draft, the snapshot for an issued one."""
    projects.get_project(db, principal, project_id)
    found = _report_of(db, principal, project_id, report_id)
    [read] = _reads(db, principal, [found])
    return ReportDetail(**read.model_dump(), content=_figures(db, principal, found))


def add_report(db: Session, principal: Principal, project_id: int, data: ReportWrite) -> ReportRead:
    project = projects.writable(db, principal, project_id)
    start, end = data.period_start, data.period_end
    if data.kind is ReportKind.MONTHLY and start is None and end is None:
        start, end = last_month(principal.today())
    start, end = _check_period(start, end)
    added = ProjectReport(
        workspace_id=principal.scope.workspace_id,
        project_id=project.id,
        kind=data.kind,
        period_start=start,
        period_end=end,
        summary=data.summary,
        status=ReportStatus.DRAFT,
        created_by_id=principal.user_id,
    )
    db.add(added)
    db.flush()
    return _reads(db, principal, [added])[0]


def _draft_of(
    db: Session, principal: Principal, project_id: int, report_id: int, expected: int | None
) -> ProjectReport:
    projects.writable(db, principal, project_id)
    found = _report_of(db, principal, project_id, report_id)
    if found.status is ReportStatus.ISSUED:
        raise Conflict(ISSUED)
    check_version(found.version, expected)
    return found


def update_report(
    db: Session,
    principal: Principal,
    project_id: int,
    report_id: int,
    data: ReportUpdate,
    expected_version: int | None = None,
) -> ReportRead:
    draft = _draft_of(db, principal, project_id, report_id, expected_version)
    changes = data.model_dump(exclude_unset=True)
    for field in ("kind", "period_start", "period_end"):
        if field in changes and changes[field] is None:
            raise ValidationFailed([FieldError(field, N_("This field is required."), "missing")])
    _check_period(
        changes.get("period_start", draft.period_start), changes.get("period_end", draft.period_end)
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    db.flush()
    return _reads(db, principal, [draft])[0]


def remove_report(
    db: Session,
    principal: Principal,
    project_id: int,
    report_id: int,
    expected_version: int | None = None,
) -> None:
    draft = _draft_of(db, principal, project_id, report_id, expected_version)
    keep_reminder(db, principal.scope, SOURCE, draft.id, None)
    db.delete(draft)
    db.flush()


def issue_report(
    db: Session,
    principal: Principal,
    project_id: int,
    report_id: int,
    expected_version: int | None = None,
) -> ReportRead:
    """The draft becomes the project's next version, its figures frozen as they are now."""
    draft = _draft_of(db, principal, project_id, report_id, expected_version)
    draft.snapshot = content.build(db, principal, project_id, draft.period_start, draft.period_end)
    draft.number = repo.next_number(db, principal.scope, project_id)
    draft.status = ReportStatus.ISSUED
    draft.issued_at = utcnow()
    draft.issued_by_id = principal.user_id
    db.flush()
    keep_reminder(db, principal.scope, SOURCE, draft.id, None)
    return _reads(db, principal, [draft])[0]


def report_pdf(
    db: Session, principal: Principal, project_id: int, report_id: int, locale: str
) -> tuple[bytes, str]:
    """The issued report as a PDF in `locale` (zh_CN or en), and its file name."""
    detail = report(db, principal, project_id, report_id)
    if detail.status is not ReportStatus.ISSUED:
        raise Conflict(NOT_ISSUED)
    data = render.document(detail, locale, principal.timezone)
    code = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in
                   detail.content["project"]["code"])  # fmt: skip
    return render.pdf(data), f"{code}-report-v{detail.number}.pdf"


# --- the monthly job --------------------------------------------------------------------------


def draft_monthly_reports(db: Session, today: date) -> int:
    """On the 1st, last month's draft for every active project (created before this month)
    that has no report over last month, and a reminder to its manager; any other day nothing.
    Safe to run twice: a project with a report over the month is left alone."""
    if today.day != 1:
        return 0
    start, end = last_month(today)
    month_start = datetime(today.year, today.month, 1, tzinfo=UTC)
    drafted = 0
    for workspace_id, project_id, manager_id, code, name in repo.projects_without_report(
        db, start, end, month_start
    ):
        draft = ProjectReport(
            workspace_id=workspace_id,
            project_id=project_id,
            kind=ReportKind.MONTHLY,
            period_start=start,
            period_end=end,
            status=ReportStatus.DRAFT,
        )
        db.add(draft)
        db.flush()
        if manager_id is not None:
            title = translate(
                DEFAULT_LOCALE, REMINDER, project=f"{code} {name}", period=start.strftime("%Y-%m")
            )
            plan = ReminderPlan(
                manager_id, utcnow(), title, f"/projects/{project_id}/reports/{draft.id}"
            )
            keep_reminder(db, WorkspaceScope(workspace_id), SOURCE, draft.id, plan)
        drafted += 1
    return drafted


def monthly_reports_job(db: Session, _item: DueItem, _settings: Settings) -> None:
    """The periodic job (`core.jobs`) behind draft_monthly_reports."""
    draft_monthly_reports(db, utcnow().date())
