"""View-models of the reports tab (报告) and of a report's page. Built from services only."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors, FormValues
from pcrm.core.i18n import N_, normalize_locale, translate
from pcrm.core.pages import page_locale
from pcrm.identity.public import Permission, Principal
from pcrm.projects.projects import service as projects
from pcrm.projects.reports import render, service
from pcrm.projects.reports.schemas import ReportDetail, ReportRead
from pcrm.projects.reports.vocab import ReportKind, ReportStatus
from pcrm.projects.vocab import ProjectStatus

NOTICES = {
    "report-added": N_("The report was drafted."),
    "report-saved": N_("The draft was saved."),
    "report-issued": N_("The report was issued; this version can no longer change."),
    "report-removed": N_("The draft was removed."),
}
FINISHED = (ProjectStatus.ARCHIVED, ProjectStatus.TERMINATED)


def report_locale(request: Request, lang: str | None) -> str:
    """`?lang=` when it names a language PCRM speaks, else the reader's."""
    return normalize_locale(lang) or page_locale(request)


def draft_values(report: ReportRead) -> dict[str, Any]:
    return {
        "kind": report.kind.value,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "summary": report.summary or "",
    }


def _kinds(locale: str) -> list[tuple[str, str]]:
    labels = render.labels(locale)["report_kind"]
    return [(k.value, labels[k.value]) for k in ReportKind]


def reports_tab(db: Session, principal: Principal, project_id: int, locale: str) -> dict[str, Any]:
    rows = service.reports(db, principal, project_id)
    start, end = service.last_month(principal.today())
    return {
        "reports": rows,
        "report_labels": render.labels(locale),
        "report_kind_options": _kinds(locale),
        "last_month": {"period_start": start.isoformat(), "period_end": end.isoformat()},
    }


def report_page(
    db: Session,
    principal: Principal,
    project_id: int,
    report_id: int,
    locale: str,
    *,
    values: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
    problem: str | None = None,
    notice: str | None = None,
) -> dict[str, Any]:
    project = projects.read_project(db, principal, project_id)
    report: ReportDetail = service.report(db, principal, project_id, report_id)
    writable = principal.can(Permission.WRITE_PROJECTS) and project.status not in FINISHED
    draft = report.status is ReportStatus.DRAFT
    return {
        **render.document(report, locale, principal.timezone),
        "project_read": project,
        "can_edit": writable and draft,
        "is_draft": draft,
        "form": FormValues(values if values is not None else draft_values(report)),
        "errors": errors or {},
        "problem": problem,
        "notice": notice,
        "report_kind_options": _kinds(locale),
        "pdf_links": [
            ("zh-CN", translate(locale, N_("PDF (中文)"))),
            ("en", translate(locale, N_("PDF (English)"))),
        ],
    }
