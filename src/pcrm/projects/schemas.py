"""Types the projects area's schemas share: request and response bases, text, money, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.i18n import N_
from pcrm.core.types import WriteModel

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=500)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
LongText = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=10_000)]
Amount = Annotated[
    Decimal, Field(ge=0, max_digits=16, decimal_places=2, description="Amount, 2 decimals")
]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class WriteSchema(WriteModel):
    """A request body: unknown fields are refused, text is stripped, control characters
    refused (core.types.WriteModel)."""


class ReadSchema(BaseModel):
    """A response, read from ORM rows or given field by field."""

    model_config = ConfigDict(from_attributes=True)


def in_order(start: date | None, end: date | None, message: str) -> None:
    """A `ValueError` (a 422 on the end field) when `end` comes before `start`."""
    if start is not None and end is not None and end < start:
        raise ValueError(message)


ENDS_BEFORE_START = N_("The end comes before the start.")
