"""API schemas of maintenance plans."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints, ValidationInfo, field_validator

from pcrm.core.dates import Day
from pcrm.core.i18n import N_
from pcrm.core.types import Id, WriteModel
from pcrm.service.sla.schemas import TargetRead, TargetWrite

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Reference = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=100)]
Note = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=4000)]
ENDS_BEFORE = N_("The plan cannot end before it starts.")


class PlanWrite(WriteModel):
    account_id: Id
    project_id: Id | None = Field(default=None, description="The project it covers, if one.")
    name: Name = Field(examples=["智慧园区一期 质保期维护"])
    contract_ref: Reference = Field(default=None, description="The contract it rests on.")
    starts_on: Day
    ends_on: Day = Field(description="The end of the warranty (质保期) or of the paid term.")
    owner_id: Id | None = Field(default=None, description="The after-sales owner (a user).")
    note: Note = None
    targets: list[TargetWrite] = Field(
        min_length=1, max_length=4, description="Response and resolution per priority covered."
    )

    @field_validator("ends_on")
    @classmethod
    def _ends_after_start(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("starts_on")
        if start is not None and value < start:
            raise ValueError(ENDS_BEFORE)
        return value


class PlanUpdate(WriteModel):
    name: Name | None = None
    contract_ref: Reference = None
    starts_on: Day | None = None
    ends_on: Day | None = None
    owner_id: Id | None = None
    note: Note = None
    targets: list[TargetWrite] | None = Field(default=None, min_length=1, max_length=4)


class PlanRead(BaseModel):
    id: Id
    account_id: Id
    account_name: str
    project_id: Id | None
    project_name: str | None
    name: str
    contract_ref: str | None
    starts_on: date
    ends_on: date
    in_force: bool = Field(description="Today lies between its start and its end.")
    owner_id: Id | None
    owner_name: str | None
    note: str | None
    targets: list[TargetRead]
    version: int
