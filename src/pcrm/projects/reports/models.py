"""ORM model of a project's progress reports (项目进度报告)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.projects.models import project_fk, vocabulary_type
from pcrm.projects.reports.vocab import ReportKind, ReportStatus


def _user_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))


class ProjectReport(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A progress report over a period: a draft (period and summary editable, its figures read
    live) until it is issued as version `number` (1, 2, … per project), when every figure is
    frozen in `snapshot` and the report can no longer change or be removed."""

    __tablename__ = "project_reports"
    __audit_entity__ = "project_report"
    __audit_label__ = "period_label"
    __audit_exclude__ = frozenset({"snapshot"})
    __table_args__ = (
        Index("ix_project_reports_project", "workspace_id", "project_id", "period_start"),
        Index("ux_project_reports_number", "project_id", "number", unique=True),
    )

    project_id: Mapped[int] = project_fk()
    kind: Mapped[ReportKind] = mapped_column(
        vocabulary_type(ReportKind, "report_kind"), default=ReportKind.ON_DEMAND
    )
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(
        vocabulary_type(ReportStatus, "report_status"), default=ReportStatus.DRAFT
    )
    number: Mapped[int | None] = mapped_column(Integer)  # the issued version, 1, 2, …
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    issued_at: Mapped[datetime | None]
    issued_by_id: Mapped[int | None] = _user_fk()
    created_by_id: Mapped[int | None] = _user_fk()  # empty when the monthly job drafted it

    @property
    def period_label(self) -> str:
        return f"{self.period_start.isoformat()} – {self.period_end.isoformat()}"
