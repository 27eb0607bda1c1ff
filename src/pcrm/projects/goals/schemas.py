"""API schemas of a project's SMART goals."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.projects.goals.vocab import GoalKind, SmartLetter
from pcrm.projects.schemas import ReadSchema, WriteSchema

Statement = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Metric = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)]
Unit = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=40)]
Measure = Annotated[
    Decimal, Field(ge=-(10**13), le=10**13, max_digits=18, decimal_places=4, description="Number")
]


class GoalWrite(WriteSchema):
    kind: GoalKind = Field(
        default=GoalKind.OUTCOME,
        description="outcome, or satisfaction (its current value comes from the loyalty area).",
    )
    statement: Statement
    metric: Metric = Field(default=None, description="What is measured, e.g. 日均处理单量.")
    target_value: Measure | None = None
    unit: Unit = Field(default=None, description="e.g. %, 单/日, 分.")
    current_value: Measure | None = Field(
        default=None, description="Not for a satisfaction goal: the loyalty area fills it."
    )
    deadline: Day | None = None
    owner_id: Id | None = Field(default=None, description="The user who answers for the goal.")
    requirement_id: Id | None = Field(default=None, description="A requirement of this project.")
    stakeholder_id: Id | None = Field(default=None, description="A stakeholder of this project.")


class GoalUpdate(WriteSchema):
    kind: GoalKind | None = None
    statement: Statement | None = None
    metric: Metric = None
    target_value: Measure | None = None
    unit: Unit = None
    current_value: Measure | None = None
    deadline: Day | None = None
    owner_id: Id | None = None
    requirement_id: Id | None = None
    stakeholder_id: Id | None = None


class AchievableConfirmation(WriteSchema):
    confirmed: bool = Field(
        default=True, description="true records the confirmation, false withdraws it."
    )


class GoalRead(ReadSchema):
    id: Id
    project_id: Id
    kind: GoalKind
    statement: str
    metric: str | None
    target_value: Decimal | None
    unit: str | None
    current_value: Decimal | None
    deadline: Day | None
    owner_id: Id | None
    owner_name: str | None
    requirement_id: Id | None
    requirement_label: str | None
    stakeholder_id: Id | None
    stakeholder_name: str | None
    achievable_confirmed_by_id: Id | None
    achievable_confirmed_by_name: str | None
    achievable_confirmed_at: Instant | None
    missing: list[SmartLetter] = Field(
        description="The SMART letters the goal does not meet yet (docs/projects.md)."
    )
    version: int
