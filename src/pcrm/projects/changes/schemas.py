"""API schemas of change requests, their options and the customer's decision."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.projects.baselines.vocab import Decision, SignOffChannel
from pcrm.projects.changes.vocab import ChangeCategory, ChangeOrigin, ChangeState, ImpactLevel
from pcrm.projects.schemas import LongText, Name, ReadSchema, Reason, WriteSchema

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
Delta = Annotated[
    Decimal,
    Field(
        ge=-(10**14), le=10**14, max_digits=16, decimal_places=2,
        description="Money, 2 decimals; negative when the change saves money",
    ),
]  # fmt: skip
WorkingDays = Annotated[int, Field(ge=-250, le=250, description="Working days (Mon–Fri)")]
Ids = list[Id]


class ChangeWrite(WriteSchema):
    title: Name
    origin: ChangeOrigin = Field(
        description="customer (raised by a contact of the account) or us (a scope adjustment, "
        "which needs two options at least)."
    )
    raised_by_contact_id: Id | None = Field(
        default=None, description="The customer's person who raised it; required from a customer."
    )
    raised_on: Day | None = Field(default=None, description="Today when left out.")
    reason: Text
    category: ChangeCategory
    billable: bool = Field(
        default=False,
        description="An approved billable change adds its cost Δ to the won opportunity's "
        "awarded amount.",
    )
    requirement_ids: Ids = Field(default=[], description="Affected requirements of the project.")
    task_ids: Ids = Field(default=[], description="Affected tasks of the project's plan.")
    deliverable_ids: Ids = Field(default=[], description="Affected deliverables of the project.")
    activity_ids: Ids = Field(
        default=[], description="Activities with the account's people where it was discussed."
    )
    meeting_ids: Ids = Field(
        default=[], description="Meetings of the project (会议) where it was discussed."
    )


class ChangeUpdate(WriteSchema):
    title: Name | None = None
    raised_by_contact_id: Id | None = None
    raised_on: Day | None = None
    reason: Text | None = None
    category: ChangeCategory | None = None
    billable: bool | None = None
    requirement_ids: Ids | None = None
    task_ids: Ids | None = None
    deliverable_ids: Ids | None = None
    activity_ids: Ids | None = None
    meeting_ids: Ids | None = None


class OptionWrite(WriteSchema):
    title: Name
    cost_delta: Delta | None = None
    schedule_delta_days: WorkingDays | None = None
    task_ids: Ids = Field(
        default=[],
        description="Which of the change's affected tasks the schedule Δ lengthens; all of "
        "them when left empty.",
    )
    quality_effect: LongText = Field(default=None, description="The quality or scope effect.")
    quality_level: ImpactLevel = ImpactLevel.NONE
    new_risks: LongText = None


class OptionUpdate(WriteSchema):
    title: Name | None = None
    cost_delta: Delta | None = None
    schedule_delta_days: WorkingDays | None = None
    task_ids: Ids | None = None
    quality_effect: LongText = None
    quality_level: ImpactLevel | None = None
    new_risks: LongText = None


class SendForDecision(WriteSchema):
    sent_on: Day | None = Field(default=None, description="Today when left out.")


class Withdrawal(WriteSchema):
    reason: Reason


class Implementation(WriteSchema):
    implemented_on: Day | None = Field(default=None, description="Today when left out.")


class DecisionCreate(WriteSchema):
    decision: Decision
    option_id: Id | None = Field(default=None, description="The chosen option (to approve).")
    option_version: int | None = Field(
        default=None,
        ge=1,
        description="The version of the option the customer saw: 409 when it changed since.",
    )
    stakeholder_id: Id = Field(description="The approver stakeholder who decided.")
    decided_on: Day | None = Field(default=None, description="Today when left out.")
    comment: LongText = None
    evidence_file_id: Id | None = Field(
        default=None, description="A file of the project that shows the decision (mail, scan)."
    )


class MovedTask(ReadSchema):
    task_id: Id
    name: str
    is_milestone: bool
    old_start_on: Day
    old_end_on: Day
    new_start_on: Day
    new_end_on: Day
    days: int = Field(description="Calendar days its end moves (> 0 later).")


class Impact(ReadSchema):
    moved: list[MovedTask] = Field(description="Every task whose dates move, milestones too.")
    old_end_on: Day | None
    new_end_on: Day | None
    end_days: int = Field(description="Calendar days the plan's end moves.")


class OptionRead(ReadSchema):
    id: Id
    change_id: Id
    label: str = Field(description="A, B, C … in the order the options were added.")
    title: str
    cost_delta: Decimal | None
    schedule_delta_days: int | None
    task_ids: list[Id]
    quality_effect: str | None
    quality_level: ImpactLevel
    new_risks: str | None
    impact: Impact
    version: int


class DecisionRead(ReadSchema):
    id: Id
    change_id: Id
    option_id: Id | None
    option_version: int | None
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


class Ref(ReadSchema):
    id: Id
    label: str


class ChangeRead(ReadSchema):
    id: Id
    project_id: Id
    number: int
    code: str = Field(description="CR-001 …")
    title: str
    origin: ChangeOrigin
    raised_by_contact_id: Id | None
    raised_by_name: str | None
    raised_on: Day
    reason: str
    category: ChangeCategory
    billable: bool
    state: ChangeState
    requirements: list[Ref]
    tasks: list[Ref]
    deliverables: list[Ref]
    activities: list[Ref]
    meetings: list[Ref]
    sent_on: Day | None
    implemented_on: Day | None
    withdrawn_reason: str | None
    requirements_baseline_id: Id | None
    plan_baseline_id: Id | None
    created_at: Instant
    version: int


class ChangeDetail(ChangeRead):
    options: list[OptionRead]
    decision: DecisionRead | None


class ChangeList(ReadSchema):
    items: list[ChangeRead]
    counts: dict[ChangeState, int] = Field(description="Change requests per state (all of them).")
    total: int


class ChangeFigures(ReadSchema):
    """What later areas read about a project's (or an account's) changes."""

    changes: int = Field(description="Every change request raised, withdrawn ones included.")
    by_state: dict[ChangeState, int]
    per_requirement: dict[int, int] = Field(description="Requirement id → change requests.")
    approved_cost_delta: Decimal = Field(
        description="The cost Δ of the options chosen in approved or implemented changes."
    )
