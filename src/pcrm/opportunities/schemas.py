"""API schemas of the opportunities area."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from pcrm.core.i18n import N_
from pcrm.opportunities.vocab import (
    EvaluationMethod,
    OpportunityRole,
    Outcome,
    PriceFormula,
    ProjectType,
    RelationKind,
    ReviewReason,
    Source,
    Stage,
    TenderMethod,
    Trigger,
    VendorStatus,
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


class WriteSchema(BaseModel):
    """A request body: unknown fields are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReadSchema(BaseModel):
    """A response, read from ORM rows or given field by field."""

    model_config = ConfigDict(from_attributes=True)


def _unique(values: list[Any] | None) -> list[Any] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(N_("Each value may be given once."))
    return values


# --- opportunity ------------------------------------------------------------------------------


class TeamMemberWrite(WriteSchema):
    user_id: int
    role: OpportunityRole


class TeamMemberRead(ReadSchema):
    user_id: int
    name: str
    role: OpportunityRole


class OpportunityCreate(WriteSchema):
    account_id: int
    name: Name
    owner_id: int | None = Field(default=None, description="Defaults to the creating user.")
    stage: Stage = Field(
        default=Stage.POTENTIAL, description="potential or bidding; closing has its own call."
    )
    probability: Percent | None = Field(default=None, description="Defaults to the stage's.")
    expected_close_on: date | None = None
    project_type: ProjectType = ProjectType.NEW
    triggers: list[Trigger] = Field(default_factory=list, description="必要条件, each once")
    trigger_note: Short = None
    budget_amount: Amount | None = None
    currency: Currency = "CNY"
    source: Source | None = None
    no_tender_reason: Short = None
    description: LongText = None
    team: list[TeamMemberWrite] = Field(default_factory=list)

    _triggers = field_validator("triggers")(_unique)


class OpportunityUpdate(WriteSchema):
    """Every field optional; the stage moves with `move` and `close`."""

    name: Name | None = None
    owner_id: int | None = None
    probability: Percent | None = Field(
        default=None, description="Setting it overrides the stage's default."
    )
    use_stage_probability: bool | None = Field(
        default=None, description="true: go back to the stage's default probability."
    )
    expected_close_on: date | None = None
    project_type: ProjectType | None = None
    triggers: list[Trigger] | None = None
    trigger_note: Short = None
    budget_amount: Amount | None = None
    awarded_amount: Amount | None = Field(default=None, description="Only once won.")
    currency: Currency | None = None
    source: Source | None = None
    no_tender_reason: Short = None
    description: LongText = None

    _triggers = field_validator("triggers")(_unique)


class OpportunityRead(ReadSchema):
    id: int
    account_id: int
    account_name: str
    name: str
    owner_id: int | None
    owner_name: str | None
    stage: Stage
    probability: int
    probability_overridden: bool
    expected_close_on: date | None
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
    closed_on: date | None
    has_tender: bool
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
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


class ReviewWrite(WriteSchema):
    reasons: list[ReviewReason] = Field(min_length=1, description="Main reasons, each once")
    reason_note: LongText = None
    what_worked: LongText = None
    what_to_change: LongText = None
    winner_competitor_id: int | None = Field(default=None, description="Who won, when lost.")
    winning_price: Quoted | None = None

    _reasons = field_validator("reasons")(_unique)


class CloseOpportunity(WriteSchema):
    outcome: Outcome
    awarded_amount: Amount | None = Field(default=None, description="Required when won.")
    closed_on: date | None = Field(default=None, description="Defaults to today.")
    review: ReviewWrite | None = Field(default=None, description="经验总结, required.")


class ReviewRead(ReadSchema):
    outcome: Outcome
    reasons: list[ReviewReason]
    reason_note: str | None
    what_worked: str | None
    what_to_change: str | None
    winner_competitor_id: int | None
    winner_name: str | None
    winning_price: Decimal | None
    updated_at: datetime


class RelationCreate(WriteSchema):
    earlier_id: int = Field(description="The earlier opportunity this one follows.")
    kind: RelationKind


class RelationRead(ReadSchema):
    id: int
    opportunity_id: int
    earlier_id: int
    kind: RelationKind
    other_name: str = Field(description="Name of the opportunity at the other end.")
    direction: str = Field(description="`earlier` when the other is earlier, else `later`.")


# --- tender -----------------------------------------------------------------------------------


class SubItemWrite(WriteSchema):
    id: int | None = Field(default=None, description="Keep an existing item (and its scores).")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    weight: Weight


class ScoringItemWrite(SubItemWrite):
    is_price: bool = False
    sub_items: list[SubItemWrite] = Field(default_factory=list)


class TenderWrite(WriteSchema):
    method: TenderMethod
    evaluation_method: EvaluationMethod
    price_formula: PriceFormula = PriceFormula.LOWEST_RATIO
    benchmark_discount: Annotated[Decimal, Field(ge=0, le=50, decimal_places=2)] = Decimal("0")
    deduct_above: Annotated[Decimal, Field(ge=0, le=10, decimal_places=2)] = Decimal("1")
    deduct_below: Annotated[Decimal, Field(ge=0, le=10, decimal_places=2)] = Decimal("0.5")
    agency: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)] = None
    bid_bond: Amount | None = None
    rfp_published_on: date | None = None
    qa_deadline: datetime | None = None
    site_visit_at: datetime | None = None
    submission_deadline: datetime | None = None
    opening_at: datetime | None = None
    award_announced_on: date | None = None
    contract_signed_on: date | None = None
    notes: LongText = None
    scoring_items: list[ScoringItemWrite] = Field(
        default_factory=list,
        description="Weighted scoring only: top-level weights add up to 100, one is the price.",
    )


class ScoringItemRead(ReadSchema):
    id: int
    name: str
    weight: Decimal
    is_price: bool
    sub_items: list[ScoringItemRead] = Field(default_factory=list)


class TenderRead(ReadSchema):
    id: int
    opportunity_id: int
    method: TenderMethod
    evaluation_method: EvaluationMethod
    price_formula: PriceFormula
    benchmark_discount: Decimal
    deduct_above: Decimal
    deduct_below: Decimal
    agency: str | None
    bid_bond: Decimal | None
    rfp_published_on: date | None
    qa_deadline: datetime | None
    site_visit_at: datetime | None
    submission_deadline: datetime | None
    opening_at: datetime | None
    award_announced_on: date | None
    contract_signed_on: date | None
    notes: str | None
    scoring_items: list[ScoringItemRead]
    version: int


# --- vendors, scores and quote rounds ---------------------------------------------------------


class VendorCreate(WriteSchema):
    competitor_id: int
    status: VendorStatus = VendorStatus.BIDDING
    notes: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000)] = None


class VendorUpdate(WriteSchema):
    status: VendorStatus | None = None
    notes: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000)] = None


class VendorRead(ReadSchema):
    id: int
    competitor_id: int | None
    name: str = Field(description="The competitor's name, or the workspace's for us.")
    is_us: bool
    status: VendorStatus
    notes: str | None
    version: int


class ScoresWrite(WriteSchema):
    scores: dict[int, Annotated[Decimal, Field(ge=0, max_digits=5, decimal_places=2)]] = Field(
        description="Estimated score per scoring item id (items without sub-items, not price)."
    )


class QuoteWrite(WriteSchema):
    vendor_id: int
    amount: Quoted
    source: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)] = None


class QuoteRoundCreate(WriteSchema):
    number: int | None = Field(default=None, ge=1, description="Defaults to the next number.")
    quoted_on: date
    note: Short = None
    quotes: list[QuoteWrite] = Field(min_length=1)


class QuoteRead(ReadSchema):
    vendor_id: int
    amount: Decimal
    source: str | None


class QuoteRoundRead(ReadSchema):
    id: int
    number: int
    quoted_on: date
    note: str | None
    quotes: list[QuoteRead]


class VendorStanding(BaseModel):
    """A vendor's place on the bid sheet."""

    vendor_id: int
    name: str
    is_us: bool
    status: VendorStatus
    quote: Decimal | None = Field(description="Latest quote (or the price being tried, for us)")
    scores: dict[int, Decimal] = Field(description="Estimated score per scoring item id")
    non_price_score: Decimal
    price_score: Decimal | None
    total: Decimal | None = Field(description="None under lowest-price evaluation")
    rank: int | None = Field(description="1 is best; None when not ranked (no quote, out)")


class BidSheet(BaseModel):
    """The scoring sheet of a tender with every vendor's standing (评分表)."""

    evaluation_method: EvaluationMethod
    price_formula: PriceFormula
    price_weight: Decimal | None
    benchmark: Decimal | None = Field(description="Benchmark price (评标基准价)")
    items: list[ScoringItemRead]
    vendors: list[VendorStanding]
    tried_price: Decimal | None = Field(description="Our price being tried, if any")


OpportunityDetail.model_rebuild()
ScoringItemRead.model_rebuild()
