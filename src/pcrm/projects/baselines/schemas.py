"""API schemas of baselines and sign-offs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision, SignOffChannel


class _Write(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class BaselineCreate(_Write):
    note: Annotated[str | None, StringConstraints(max_length=1000)] = None


class BaselineRead(_Read):
    id: int
    project_id: int
    kind: BaselineKind
    number: int = Field(description="The baseline's version for this project and kind.")
    content_hash: str = Field(description="SHA-256 of the content, as the customer saw it.")
    status: BaselineStatus
    note: str | None
    created_by_id: int | None
    created_at: datetime


class BaselineDetail(BaselineRead):
    content: dict[str, Any]


class SignOffCreate(_Write):
    stakeholder_id: int = Field(description="The approver stakeholder who decided.")
    baseline_number: int = Field(
        ge=1,
        description="The version decided on: refused with 409 when it is not the one "
        "under review any more.",
    )
    decision: Decision
    decided_on: date | None = Field(default=None, description="Today when left out.")
    comment: Annotated[str | None, StringConstraints(max_length=5000)] = None
    evidence_file_id: int | None = Field(
        default=None, description="A file of the project that shows the decision (mail, scan)."
    )


class SignOffRead(_Read):
    id: int
    baseline_id: int
    baseline_number: int
    content_hash: str
    stakeholder_id: int | None
    contact_id: int | None
    signer_name: str
    decision: Decision
    decided_on: date
    channel: SignOffChannel
    recorded_by_id: int | None
    evidence_file_id: int | None
    comment: str | None
    created_at: datetime
