"""API schemas of the project: create and change, liaison, status, termination, phase, reads,
the list's query and the board by phase."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id, PageNumber, PageSize, SortKeys
from pcrm.projects.schemas import (
    ENDS_BEFORE_START,
    Amount,
    Currency,
    LongText,
    Name,
    ReadSchema,
    Reason,
    Short,
    WriteSchema,
    in_order,
)
from pcrm.projects.vocab import Phase, ProjectStatus

Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
    ),
]


class ProjectCreate(WriteSchema):
    """A project entered directly (a won opportunity is converted instead)."""

    name: Name
    account_id: Id
    code: Code | None = Field(default=None, description="Generated (PRJ-2026-001) when left out.")
    manager_id: Id | None = None
    budget_amount: Amount | None = None
    currency: Currency = "CNY"
    start_on: Day | None = None
    end_on: Day | None = None
    description: LongText = None

    @model_validator(mode="after")
    def _dates(self) -> ProjectCreate:
        in_order(self.start_on, self.end_on, ENDS_BEFORE_START)
        return self


class ProjectUpdate(WriteSchema):
    code: Code | None = None
    name: Name | None = None
    manager_id: Id | None = None
    budget_amount: Amount | None = None
    start_on: Day | None = None
    end_on: Day | None = None
    description: LongText = None


class LiaisonAppointment(WriteSchema):
    """The customer appoints their liaison (客户联系人): who, appointed by whom, when."""

    liaison_id: Id = Field(description="A contact of the project's account.")
    appointed_by_id: Id = Field(description="The customer's person who appointed them.")
    appointed_on: Day | None = Field(default=None, description="Today when left out.")


class StatusMove(WriteSchema):
    status: ProjectStatus


class Termination(WriteSchema):
    """客户提前终止: the customer ends the project early; it is archived."""

    terminated_on: Day
    reason: Reason
    terminated_by_id: Id = Field(description="The customer's person who ended it.")
    costs: Amount | None = Field(default=None, description="Costs incurred until then.")


class PhaseAdvance(WriteSchema):
    override_reason: Short = Field(
        default=None,
        description="An administrator passes a blocked gate with a reason (audited).",
    )


class GateBlocker(BaseModel):
    code: str
    message: str


class DocumentRef(ReadSchema):
    id: Id
    file_id: Id
    kind: str
    filename: str


class PhaseChangeRead(ReadSchema):
    id: Id
    from_phase: Phase
    to_phase: Phase
    changed_by_id: Id | None
    changed_by_name: str | None
    overridden: bool
    override_reason: str | None
    created_at: Instant


class ProjectRead(ReadSchema):
    id: Id
    code: str
    name: str
    account_id: Id
    account_name: str
    opportunity_id: Id | None
    manager_id: Id | None
    manager_name: str | None
    liaison_id: Id | None
    liaison_name: str | None
    liaison_appointed_by_id: Id | None
    liaison_appointed_by_name: str | None
    liaison_appointed_on: Day | None
    budget_amount: Decimal | None
    currency: str
    start_on: Day | None
    end_on: Day | None
    status: ProjectStatus
    phase: Phase
    description: str | None
    terminated_on: Day | None
    termination_reason: str | None
    terminated_by_id: Id | None
    terminated_by_name: str | None
    termination_costs: Decimal | None
    created_at: Instant
    updated_at: Instant
    version: int


class ProjectDetail(ProjectRead):
    documents: list[DocumentRef]
    phase_changes: list[PhaseChangeRead]
    gate_blockers: list[GateBlocker] = Field(
        description="What blocks the exit of the current phase (empty: the gate is open)."
    )
    next_statuses: list[ProjectStatus]


@dataclass(frozen=True, slots=True)
class ProjectFilters:
    q: str | None = None
    statuses: tuple[ProjectStatus, ...] = ()
    phases: tuple[Phase, ...] = ()
    manager_id: Id | None = None
    account_id: Id | None = None


# the keys of the list's `sort`, as its repository allow-lists them
PROJECT_SORT_KEYS = (
    "code",
    "name",
    "start_on",
    "end_on",
    "budget_amount",
    "status",
    "phase",
    "updated_at",
)


class ProjectQuery(BaseModel):
    """Query parameters of the project list and the board. Unknown ones are a 422."""

    model_config = ConfigDict(extra="forbid")

    page: PageNumber = Field(default=1)
    page_size: PageSize = Field(default=50, le=200)
    q: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=100)] = Field(
        default=None, description="Part of the project's name or code."
    )
    sort: Annotated[str | None, SortKeys(PROJECT_SORT_KEYS)] = Field(
        default=None,
        description="code, name, start_on, end_on, budget_amount, status, phase, "
        "updated_at (default: -updated_at); prefix '-' for descending.",
    )
    status: list[ProjectStatus] = Field(default_factory=list)
    phase: list[Phase] = Field(default_factory=list)
    manager_id: Id | None = None
    account_id: Id | None = None


class PhaseColumn(BaseModel):
    phase: Phase
    count: int
    cards: list[ProjectRead]
