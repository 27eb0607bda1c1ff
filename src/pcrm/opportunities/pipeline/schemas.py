"""API schemas of the opportunities area."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from pcrm.core.dates import Day, Instant
from pcrm.core.i18n import N_
from pcrm.core.types import Id, PageNumber, PageSize, SortKeys, WriteModel
from pcrm.opportunities.vocab import (
    OpportunityRole,
    ProjectType,
    RelationKind,
    Source,
    Stage,
    Trigger,
)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=500)]
LongText = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=10_000)]
Amount = Annotated[
    Decimal, Field(ge=0, max_digits=16, decimal_places=2, description="Amount, 2 decimals")
]
Quoted = Annotated[
    Decimal, Field(gt=0, max_digits=16, decimal_places=2, description="Quote, 2 decimals")
]
Weight = Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Percent = Annotated[int, Field(ge=0, le=100)]


class WriteSchema(WriteModel):
    """A request body: unknown fields are refused, text is stripped."""


class ReadSchema(BaseModel):
    """A response, read from ORM rows or given field by field."""

    model_config = ConfigDict(from_attributes=True)


def each_once(values: list[Any] | None) -> list[Any] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(N_("Each value may be given once."))
    return values


# --- opportunity ------------------------------------------------------------------------------


class TeamMemberWrite(WriteSchema):
    user_id: Id
    role: OpportunityRole


class TeamMemberRead(ReadSchema):
    user_id: Id
    name: str
    role: OpportunityRole


class OpportunityCreate(WriteSchema):
    account_id: Id
    name: Name
    owner_id: Id | None = Field(default=None, description="Defaults to the creating user.")
    stage: Stage = Field(
        default=Stage.POTENTIAL, description="potential or bidding; closing has its own call."
    )
    probability: Percent | None = Field(default=None, description="Defaults to the stage's.")
    expected_close_on: Day | None = None
    project_type: ProjectType = ProjectType.NEW
    triggers: list[Trigger] = Field(default_factory=list, description="必要条件, each once")
    trigger_note: Short = None
    budget_amount: Amount | None = None
    currency: Currency = "CNY"
    source: Source | None = None
    no_tender_reason: Short = None
    description: LongText = None
    team: list[TeamMemberWrite] = Field(default_factory=list)

    _triggers = field_validator("triggers")(each_once)


class OpportunityUpdate(WriteSchema):
    """Every field optional; the stage moves with `move` and `close`."""

    name: Name | None = None
    owner_id: Id | None = None
    probability: Percent | None = Field(
        default=None, description="Setting it overrides the stage's default."
    )
    use_stage_probability: bool | None = Field(
        default=None, description="true: go back to the stage's default probability."
    )
    expected_close_on: Day | None = None
    project_type: ProjectType | None = None
    triggers: list[Trigger] | None = None
    trigger_note: Short = None
    budget_amount: Amount | None = None
    awarded_amount: Amount | None = Field(default=None, description="Only once won.")
    currency: Currency | None = None
    source: Source | None = None
    no_tender_reason: Short = None
    description: LongText = None

    _triggers = field_validator("triggers")(each_once)


class OpportunityRead(ReadSchema):
    id: Id
    account_id: Id
    account_name: str
    name: str
    owner_id: Id | None
    owner_name: str | None
    stage: Stage
    probability: int
    probability_overridden: bool
    expected_close_on: Day | None
    project_type: ProjectType
    triggers: list[Trigger]
    trigger_note: str | None
    budget_amount: Decimal | None
    awarded_amount: Decimal | None
    weighted_amount: Decimal | None = Field(description="budget × probability")
    currency: str
    source: Source | None
    no_tender_reason: str | None
    description: str | None
    closed_on: Day | None
    has_tender: bool
    archived_at: Instant | None
    created_at: Instant
    updated_at: Instant
    version: int


class OpportunityDetail(OpportunityRead):
    team: list[TeamMemberRead]
    relations: list[RelationRead]


class StageMove(WriteSchema):
    """Move between open stages, or from won to delivered."""

    stage: Stage
    no_tender_reason: Short = Field(
        default=None, description="Needed to enter bidding without a tender."
    )


class RelationCreate(WriteSchema):
    earlier_id: Id = Field(description="The earlier opportunity this one follows.")
    kind: RelationKind


class RelationRead(ReadSchema):
    id: Id
    opportunity_id: Id
    earlier_id: Id
    kind: RelationKind
    other_name: str = Field(description="Name of the opportunity at the other end.")
    direction: str = Field(description="`earlier` when the other is earlier, else `later`.")


# --- the list and the board ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpportunityFilters:
    """What a list or the board is narrowed to (the repository's parameters)."""

    q: str | None = None
    stages: tuple[Stage, ...] = ()
    owner_id: Id | None = None
    account_id: Id | None = None
    project_type: ProjectType | None = None
    close_from: Day | None = None
    close_to: Day | None = None
    include_archived: bool = False


@dataclass(frozen=True, slots=True)
class StageTotal:
    """A stage's count, budget and weighted budget (budget × probability)."""

    stage: Stage
    count: int
    budget: Decimal
    weighted: Decimal


# the keys of the list's `sort`, as its repository allow-lists them
OPPORTUNITY_SORT_KEYS = (
    "name",
    "expected_close_on",
    "budget_amount",
    "probability",
    "stage",
    "updated_at",
    "created_at",
)


class OpportunityQuery(BaseModel):
    """Query parameters of the opportunity list and the pipeline. Unknown ones are a 422."""

    model_config = ConfigDict(extra="forbid")

    page: PageNumber = 1
    page_size: PageSize = 50
    q: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=100)] = Field(
        default=None, description="Part of the opportunity's name."
    )
    sort: Annotated[str | None, SortKeys(OPPORTUNITY_SORT_KEYS)] = Field(
        default=None,
        description="name, expected_close_on (default), budget_amount, probability, stage, "
        "updated_at, created_at; prefix '-' for descending.",
    )
    stage: list[Stage] = Field(default_factory=list, description="One or more stages.")
    owner_id: Id | None = None
    account_id: Id | None = None
    project_type: ProjectType | None = None
    close_from: Day | None = None
    close_to: Day | None = None
    include_archived: bool = False


class PipelineColumn(BaseModel):
    stage: Stage
    count: int
    budget: Decimal
    weighted: Decimal = Field(description="Sum of budget × probability")
    cards: list[OpportunityRead]


OpportunityDetail.model_rebuild()
