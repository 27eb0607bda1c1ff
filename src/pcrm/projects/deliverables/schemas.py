"""API schemas of deliverables' acceptance, quality standards and inspections."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.deliverables.vocab import (
    Comparison,
    DeliverableStatus,
    Outcome,
    QualityGroup,
    QualityKind,
)
from pcrm.projects.schemas import LongText, Name, ReadSchema, WriteSchema

Note = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000)]
Unit = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=40)]
Value = Annotated[Decimal, Field(max_digits=18, decimal_places=4)]


class Delivery(WriteSchema):
    """Planned (or rejected) → delivered: when, what was handed over and where."""

    delivered_on: Day | None = Field(default=None, description="The day it was handed over.")
    delivery_note: Note = Field(
        default=None, description="What was delivered, and where (required)."
    )
    delivery_file_id: Id | None = Field(default=None, description="A file of this project.")


class AcceptanceDecision(WriteSchema):
    """The customer's decision, by an approver stakeholder, recorded like a sign-off: accept or
    reject (with the findings) a delivered deliverable, or waive it (with the reason)."""

    outcome: Outcome
    stakeholder_id: Id = Field(description="An approver stakeholder of the project.")
    decided_on: Day | None = Field(default=None, description="The day of the decision (today).")
    note: LongText = Field(
        default=None, description="The findings (rejection) or the reason (waiver): required."
    )
    comment: LongText = None
    evidence_file_id: Id | None = Field(default=None, description="A file of this project.")


class StandardWrite(WriteSchema):
    kind: QualityKind = Field(
        description="Product: performance, reliability, security, other. Service: "
        "response_time, resolution_time."
    )
    metric: Name
    target_value: Value
    unit: Unit = None
    comparison: Comparison = Field(
        default=Comparison.AT_LEAST,
        description="at_least: the measured value must reach the target; at_most: stay below.",
    )


class StandardUpdate(WriteSchema):
    kind: QualityKind | None = None
    metric: Name | None = None
    target_value: Value | None = None
    unit: Unit = None
    comparison: Comparison | None = None


class ResultWrite(WriteSchema):
    standard_id: Id
    measured_value: Value | None = Field(
        default=None, description="What was measured: its pass is computed from the target."
    )
    passed: bool | None = Field(default=None, description="Pass or fail when nothing measured.")


class InspectionWrite(WriteSchema):
    inspected_on: Day | None = Field(default=None, description="The day (today).")
    inspector_id: Id | None = Field(default=None, description="A user (the one recording it).")
    participant_id: Id | None = Field(
        default=None, description="The customer's participant: a contact of the account."
    )
    results: list[ResultWrite] = Field(default_factory=list, max_length=100)
    passed: bool | None = Field(
        default=None, description="The verdict of an inspection without standard results."
    )
    findings: LongText = Field(default=None, description="Required when it fails.")


class StandardRead(ReadSchema):
    id: Id
    deliverable_id: Id
    kind: QualityKind
    group: QualityGroup
    metric: str
    target_value: Decimal
    unit: str | None
    comparison: Comparison
    version: int


class ResultRead(BaseModel):
    standard_id: Id
    metric: str
    measured_value: Decimal | None
    passed: bool


class InspectionRead(ReadSchema):
    id: Id
    deliverable_id: Id
    inspected_on: Day
    inspector_id: Id | None
    inspector_name: str | None
    participant_id: Id | None
    participant_name: str | None
    passed: bool
    findings: str | None
    issue_id: Id | None
    results: list[ResultRead]
    version: int


class SignedBy(BaseModel):
    baseline_id: Id
    signer_name: str
    decided_on: Day
    evidence_file_id: Id | None


class DeliverableDetail(ReadSchema):
    id: Id
    project_id: Id
    name: str
    description: str | None
    milestone_id: Id | None
    requirement_ids: list[int]
    status: DeliverableStatus
    delivered_on: Day | None
    delivery_note: str | None
    delivery_file_id: Id | None
    decided_on: Day | None
    decision_note: str | None
    acceptance_baseline_id: Id | None
    signed: SignedBy | None = Field(description="The customer's last decision, as signed.")
    standards: list[StandardRead]
    inspections: list[InspectionRead] = Field(description="Newest first.")
    blocked_by_failed_inspection: bool = Field(
        description="The latest inspection failed: it cannot be accepted (it may be waived)."
    )
    next_steps: list[str] = Field(
        description="deliver, inspect, accepted, rejected, waived: what may happen now."
    )
    version: int


class DeliverableBrief(ReadSchema):
    """A deliverable not accepted or waived yet (for the closure gate)."""

    id: Id
    name: str
    status: DeliverableStatus


class Counts(BaseModel):
    """For the loyalty area: a project's (or an account's) quality inspections."""

    inspections: int
    failed: int
