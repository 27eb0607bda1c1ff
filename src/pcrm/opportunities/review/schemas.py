"""API schemas of closing an opportunity and of its win/loss review (经验总结)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, field_validator

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.opportunities.pipeline.schemas import (
    Amount,
    LongText,
    Quoted,
    ReadSchema,
    WriteSchema,
    each_once,
)
from pcrm.opportunities.vocab import Outcome, ReviewReason


class ReviewWrite(WriteSchema):
    reasons: list[ReviewReason] = Field(min_length=1, description="Main reasons, each once")
    reason_note: LongText = None
    what_worked: LongText = None
    what_to_change: LongText = None
    winner_competitor_id: Id | None = Field(default=None, description="Who won, when lost.")
    winning_price: Quoted | None = None

    _reasons = field_validator("reasons")(each_once)


class CloseOpportunity(WriteSchema):
    outcome: Outcome
    awarded_amount: Amount | None = Field(default=None, description="Required when won.")
    closed_on: Day | None = Field(default=None, description="Defaults to today.")
    review: ReviewWrite | None = Field(default=None, description="经验总结, required.")


class ReviewRead(ReadSchema):
    outcome: Outcome
    reasons: list[ReviewReason]
    reason_note: str | None
    what_worked: str | None
    what_to_change: str | None
    winner_competitor_id: Id | None
    winner_name: str | None
    winning_price: Decimal | None
    version: int
    updated_at: Instant
