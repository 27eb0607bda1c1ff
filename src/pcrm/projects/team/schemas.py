"""API schemas of the project team and the workload view."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from pcrm.core.dates import Day
from pcrm.core.i18n import N_
from pcrm.core.types import Id
from pcrm.projects.schemas import ENDS_BEFORE_START, ReadSchema, WriteSchema, in_order
from pcrm.projects.vocab import TeamRole

Responsibilities = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=2000)]
ALLOCATION_RANGE = N_("Allocation is a percentage from 0 to 100.")


def _not_a_boolean(value: object) -> object:
    """JSON's true/false is not a percentage (pydantic would take it as 1/0)."""
    if isinstance(value, bool):
        raise ValueError(ALLOCATION_RANGE)
    return value


def _allocation(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= 100:
        raise ValueError(ALLOCATION_RANGE)
    return value


class TeamMemberWrite(WriteSchema):
    user_id: Id
    role: TeamRole
    responsibilities: Responsibilities = Field(
        default=None, description="The role's default responsibilities when left out."
    )
    allocation: int = Field(default=0, description="Share of the person's time, 0–100 %.")
    starts_on: Day | None = Field(default=None, description="The project's start when empty.")
    ends_on: Day | None = Field(default=None, description="The project's end when empty.")

    _check_allocation = field_validator("allocation")(_allocation)
    _no_boolean = field_validator("allocation", mode="before")(_not_a_boolean)

    @model_validator(mode="after")
    def _period(self) -> TeamMemberWrite:
        in_order(self.starts_on, self.ends_on, ENDS_BEFORE_START)
        return self


class TeamMemberUpdate(WriteSchema):
    role: TeamRole | None = None
    responsibilities: Responsibilities = None
    allocation: int | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None

    _check_allocation = field_validator("allocation")(_allocation)
    _no_boolean = field_validator("allocation", mode="before")(_not_a_boolean)


class TeamMemberRead(ReadSchema):
    id: Id
    project_id: Id
    user_id: Id
    user_name: str
    role: TeamRole
    responsibilities: str
    allocation: int
    starts_on: Day | None
    ends_on: Day | None
    version: int


class WorkloadQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Day | None = Field(default=None, description="Any day of the first week (this week).")
    weeks: int = Field(default=12, ge=1, le=52)
    role: TeamRole | None = Field(default=None, description="Only allocations in this role.")


class WorkloadProject(BaseModel):
    project_id: Id
    code: str
    name: str
    role: TeamRole
    allocation: int


class WorkloadRow(BaseModel):
    user_id: Id
    user_name: str
    weeks: list[int] = Field(description="Allocation % per week, summed across projects.")
    overloaded: list[bool] = Field(description="Per week: above 100 %.")
    projects: list[WorkloadProject]


class Workload(BaseModel):
    weeks: list[date] = Field(description="The Monday of each week.")
    rows: list[WorkloadRow]
