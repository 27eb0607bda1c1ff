"""API schemas of progress reports."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.projects.reports.vocab import ReportKind, ReportStatus
from pcrm.projects.schemas import LongText, ReadSchema, WriteSchema


class ReportWrite(WriteSchema):
    kind: ReportKind = Field(
        default=ReportKind.MONTHLY,
        description="monthly (the last month unless a period is given) or on_demand.",
    )
    period_start: Day | None = Field(default=None, description="Required for on_demand.")
    period_end: Day | None = Field(default=None, description="Required for on_demand.")
    summary: LongText = Field(default=None, description="The project manager's summary.")


class ReportUpdate(WriteSchema):
    kind: ReportKind | None = None
    period_start: Day | None = None
    period_end: Day | None = None
    summary: LongText = None


class ReportRead(ReadSchema):
    id: Id
    project_id: Id
    kind: ReportKind
    status: ReportStatus
    number: int | None = Field(description="The issued version (1, 2, …); empty for a draft.")
    period_start: Day
    period_end: Day
    summary: str | None
    issued_at: Instant | None
    issued_by_name: str | None
    created_at: Instant
    version: int


class ReportDetail(ReportRead):
    content: dict[str, Any] = Field(
        description="The figures: as they are now for a draft, frozen at issue for a version "
        "(`sections`: a list of {key, …})."
    )
