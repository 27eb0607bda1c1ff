"""Closed vocabularies of progress reports (项目进度报告) and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class ReportKind(StrEnum):
    MONTHLY = "monthly"  # 月报: a calendar month, drafted by the monthly job or by hand
    ON_DEMAND = "on_demand"  # 专项报告: any period, on demand


class ReportStatus(StrEnum):
    DRAFT = "draft"  # 草稿: the period and the summary may change, figures are live
    ISSUED = "issued"  # 已发布: an immutable version with its figures frozen


LABELS: dict[type[StrEnum], dict[str, str]] = {
    ReportKind: {"monthly": N_("Monthly report"), "on_demand": N_("Report on demand")},
    ReportStatus: {"draft": N_("Report draft"), "issued": N_("Issued")},
}

# The title of each section of a report (figures/service.py's SECTIONS, in that order).
SECTION_TITLES: dict[str, str] = {
    "progress": N_("Phase and milestones"),
    "schedule": N_("Schedule variance"),
    "cost": N_("Cost variance"),
    "changes": N_("Change requests"),
    "risks": N_("Top risks"),
    "issues": N_("Open issues and conflicts"),
    "meetings": N_("Meetings held"),
}
