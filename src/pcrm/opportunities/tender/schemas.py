"""API schemas of the tender and the bid: the tender with its scoring sheet, vendors,
estimated scores, quote rounds and the bid sheet."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.opportunities.pipeline.schemas import (
    Amount,
    LongText,
    Quoted,
    ReadSchema,
    Short,
    Weight,
    WriteSchema,
)
from pcrm.opportunities.vocab import EvaluationMethod, PriceFormula, TenderMethod, VendorStatus


class SubItemWrite(WriteSchema):
    id: Id | None = Field(default=None, description="Keep an existing item (and its scores).")
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
    rfp_published_on: Day | None = None
    qa_deadline: Instant | None = None
    site_visit_at: Instant | None = None
    submission_deadline: Instant | None = None
    opening_at: Instant | None = None
    award_announced_on: Day | None = None
    contract_signed_on: Day | None = None
    notes: LongText = None
    scoring_items: list[ScoringItemWrite] = Field(
        default_factory=list,
        description="Weighted scoring only: top-level weights add up to 100, one is the price.",
    )


class ScoringItemRead(ReadSchema):
    id: Id
    name: str
    weight: Decimal
    is_price: bool
    sub_items: list[ScoringItemRead] = Field(default_factory=list)


class TenderRead(ReadSchema):
    id: Id
    opportunity_id: Id
    method: TenderMethod
    evaluation_method: EvaluationMethod
    price_formula: PriceFormula
    benchmark_discount: Decimal
    deduct_above: Decimal
    deduct_below: Decimal
    agency: str | None
    bid_bond: Decimal | None
    rfp_published_on: Day | None
    qa_deadline: Instant | None
    site_visit_at: Instant | None
    submission_deadline: Instant | None
    opening_at: Instant | None
    award_announced_on: Day | None
    contract_signed_on: Day | None
    notes: str | None
    scoring_items: list[ScoringItemRead]
    version: int


# --- vendors, scores and quote rounds ---------------------------------------------------------


class VendorCreate(WriteSchema):
    competitor_id: Id
    status: VendorStatus = VendorStatus.BIDDING
    notes: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000)] = None


class VendorUpdate(WriteSchema):
    status: VendorStatus | None = None
    notes: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000)] = None


class VendorRead(ReadSchema):
    id: Id
    competitor_id: Id | None
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
    vendor_id: Id
    amount: Quoted
    source: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)] = None


class QuoteRoundCreate(WriteSchema):
    number: int | None = Field(default=None, ge=1, description="Defaults to the next number.")
    quoted_on: Day
    note: Short = None
    quotes: list[QuoteWrite] = Field(min_length=1)


class QuoteRead(ReadSchema):
    vendor_id: Id
    amount: Decimal
    source: str | None


class QuoteRoundRead(ReadSchema):
    id: Id
    number: int
    quoted_on: Day
    note: str | None
    quotes: list[QuoteRead]


class VendorStanding(BaseModel):
    """A vendor's place on the bid sheet."""

    vendor_id: Id
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


class PriceTrial(BaseModel):
    """The price tried in the bid page's simulation: the same bounds as a recorded quote."""

    try_price: Annotated[Decimal, Field(gt=0, max_digits=16, decimal_places=2)]


class ScoreGrid(WriteSchema):
    """Several vendors' estimated scores at once (the bid page's scoring grid)."""

    vendors: dict[int, ScoresWrite] = Field(description="Scores per vendor id")


ScoringItemRead.model_rebuild()
