"""API schemas of the customer's constraints."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.schemas import Amount, ReadSchema, WriteSchema
from pcrm.projects.vocab import ConstraintKind

StatementText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]


class ConstraintWrite(WriteSchema):
    kind: ConstraintKind
    statement: StatementText
    amount: Amount | None = Field(default=None, description="Needed for a budget ceiling.")
    due_on: Day | None = Field(default=None, description="Needed for a deadline.")
    source_stakeholder_id: Id | None = Field(
        default=None, description="The stakeholder of this project who set it."
    )
    is_hard: bool = Field(default=True, description="Hard: must hold; soft: should hold.")


class ConstraintUpdate(WriteSchema):
    kind: ConstraintKind | None = None
    statement: StatementText | None = None
    amount: Amount | None = None
    due_on: Day | None = None
    source_stakeholder_id: Id | None = None
    is_hard: bool | None = None


class ConstraintRead(ReadSchema):
    id: Id
    project_id: Id
    kind: ConstraintKind
    statement: str
    amount: Decimal | None
    due_on: Day | None
    source_stakeholder_id: Id | None
    source_name: str | None
    is_hard: bool
    version: int
