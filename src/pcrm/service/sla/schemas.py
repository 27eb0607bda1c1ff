"""API schemas of the service hours, the calendar and the SLA targets."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from pcrm.core.dates import Day
from pcrm.core.i18n import N_
from pcrm.core.types import Id, WriteModel
from pcrm.service.vocab import DayKind, Priority

ClockTime = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
]
# a target in minutes: at most 60 working days of 24 hours
Minutes = Annotated[int, Field(ge=1, le=60 * 24 * 60)]
DayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class SettingsRead(BaseModel):
    day_starts_at: str
    day_ends_at: str
    official_calendar: bool
    official_years: list[int] = Field(
        description="The years China's official calendar is known for (holidays and 调休)."
    )
    version: int


class SettingsUpdate(WriteModel):
    day_starts_at: ClockTime | None = Field(default=None, examples=["09:00"])
    day_ends_at: ClockTime | None = Field(default=None, examples=["18:00"])
    official_calendar: bool | None = None


class DayWrite(WriteModel):
    day: Day
    kind: DayKind = Field(description="holiday (a day off) or workday (a day worked, 调休).")
    name: DayName


class DayRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id | None = Field(description="None for a day of the official calendar.")
    day: date
    kind: DayKind
    name: str
    official: bool


class TargetWrite(WriteModel):
    priority: Priority
    response_minutes: Minutes = Field(description="First response within, in working minutes.")
    resolution_minutes: Minutes = Field(description="Resolved within, in working minutes.")
    around_the_clock: bool = Field(
        default=False, description="Count every minute (7×24) instead of working time."
    )

    @field_validator("resolution_minutes")
    @classmethod
    def _resolution_after_response(cls, value: int, info: ValidationInfo) -> int:
        response = info.data.get("response_minutes")
        if response is not None and value < response:
            raise ValueError(N_("The resolution target cannot be shorter than the response."))
        return value


class TargetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    priority: Priority
    response_minutes: int
    resolution_minutes: int
    around_the_clock: bool
