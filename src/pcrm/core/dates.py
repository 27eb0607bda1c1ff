"""Dates and instants as the API and the forms accept them: ISO 8601 text (or the value itself),
never a number. Pydantic's lax mode reads `0` or `"0"` as 1970-01-01, so `created_to=0` listed
everything up to 1970 instead of answering 422; the OpenAPI document says `format: date` and
`format: date-time`, and these types make the validation say the same."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A form's datetime-local sends "2026-12-07T09:30": seconds and offset are optional.
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?")


def _day(value: Any) -> Any:
    if isinstance(value, date) or (isinstance(value, str) and _DAY.fullmatch(value.strip())):
        return value.strip() if isinstance(value, str) else value
    if value is None:
        return value  # `Day | None` lets None through; a bare `Day` answers "missing"
    raise PydanticCustomError("date_parsing", "Input should be a valid date")


def _instant(value: Any) -> Any:
    if isinstance(value, datetime) or (
        isinstance(value, str) and _INSTANT.fullmatch(value.strip())
    ):
        return value.strip() if isinstance(value, str) else value
    if value is None:
        return value
    raise PydanticCustomError("datetime_parsing", "Input should be a valid datetime")


Day = Annotated[date, BeforeValidator(_day)]
"""A calendar date: `YYYY-MM-DD`."""

Instant = Annotated[datetime, BeforeValidator(_instant)]
"""A point in time: `YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]`."""
