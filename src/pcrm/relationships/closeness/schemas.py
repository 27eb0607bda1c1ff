"""API schemas of the analyses: an account's closeness and the paths to a person."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from pcrm.core.types import Id
from pcrm.relationships.graph.schemas import EdgeKind


class PathStep(BaseModel):
    source: str
    target: str
    kind: EdgeKind
    strength: int
    source_label: str
    target_label: str


class Path(BaseModel):
    user_id: Id
    steps: list[PathStep]
    hops: int
    score: float = Field(description="Product of link strengths / 5, from 0 to 1.")


class Reason(BaseModel):
    code: Literal[
        "nobody_knows", "nobody_close", "competitor_closer", "not_supporter", "no_recent_contact"
    ]
    text: str = Field(description="The reason in the request's language.")
    values: dict[str, str | int] = {}


class WeakSpot(BaseModel):
    contact_id: Id
    name: str
    title: str | None
    importance: str
    reasons: list[Reason]


class ContactCoverage(BaseModel):
    contact_id: Id
    name: str
    title: str | None
    importance: str
    relationship_status: str
    our_best: int
    our_best_user_id: Id | None
    competitor_best: int
    competitor_best_id: Id | None
    days_since_interaction: int | None
    points: float


class Closeness(BaseModel):
    account_id: Id
    score: int = Field(description="0–100, see `formula`.")
    contacts: list[ContactCoverage]
    weak_spots: list[WeakSpot]
    formula: str
