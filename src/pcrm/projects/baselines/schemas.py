"""API schemas of baselines and sign-offs."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id, WriteModel
from pcrm.projects.baselines.vocab import BaselineKind, BaselineStatus, Decision, SignOffChannel


class _Write(WriteModel):
    pass


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class BaselineCreate(_Write):
    note: Annotated[str | None, StringConstraints(max_length=1000)] = None
    sent_on: Day | None = Field(
        default=None,
        description="The day the baseline went to the customer; today when left out, never "
        "later than today.",
    )


class BaselineRead(_Read):
    id: Id
    project_id: Id
    kind: BaselineKind
    number: int = Field(description="The baseline's version for this project and kind.")
    content_hash: str = Field(description="SHA-256 of the content, as the customer saw it.")
    status: BaselineStatus
    note: str | None
    sent_on: Day
    created_by_id: Id | None
    created_at: Instant


class BaselineDetail(BaselineRead):
    content: dict[str, Any]


class SignOffCreate(_Write):
    stakeholder_id: Id = Field(description="The approver stakeholder who decided.")
    baseline_number: int = Field(
        ge=1,
        description="The version decided on: refused with 409 when it is not the one "
        "under review any more.",
    )
    decision: Decision
    decided_on: Day | None = Field(default=None, description="Today when left out.")
    comment: Annotated[str | None, StringConstraints(max_length=5000)] = None
    evidence_file_id: Id | None = Field(
        default=None, description="A file of the project that shows the decision (mail, scan)."
    )


class SignOffRead(_Read):
    id: Id
    baseline_id: Id
    baseline_number: int
    content_hash: str
    stakeholder_id: Id | None
    contact_id: Id | None
    signer_name: str
    decision: Decision
    decided_on: Day
    channel: SignOffChannel
    recorded_by_id: Id | None
    evidence_file_id: Id | None
    comment: str | None
    created_at: Instant
