"""API schemas of the stakeholder register and its power/interest grid."""

from __future__ import annotations

from pydantic import Field, field_validator

from pcrm.core.dates import Instant
from pcrm.core.i18n import N_
from pcrm.core.types import Id
from pcrm.projects.schemas import LongText, ReadSchema, Short, WriteSchema
from pcrm.projects.vocab import Channel, Frequency, Quadrant, Stake, StakeholderRole

POWER_RANGE = N_("Power is from 1 to 5.")
INTEREST_RANGE = N_("Interest is from 1 to 5.")
STAKES_ONCE = N_("Each stake may be given once.")


def _power(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise ValueError(POWER_RANGE)
    return value


def _interest(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 5:
        raise ValueError(INTEREST_RANGE)
    return value


def _stakes(values: list[Stake] | None) -> list[Stake] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(STAKES_ONCE)
    return values


class StakeholderWrite(WriteSchema):
    contact_id: Id = Field(description="A contact of the project's account.")
    project_role: StakeholderRole
    stakes: list[Stake] = Field(default_factory=list, description="uses, pays, decides, affected")
    power: int = Field(description="1–5")
    interest: int = Field(description="1–5")
    expectations: LongText = None
    channel: Channel | None = None
    frequency: Frequency | None = None
    our_owner_id: Id | None = Field(default=None, description="Who of ours keeps in touch.")
    is_approver: bool = Field(default=False, description="May sign baselines, decide changes.")
    note: Short = None

    _check_power = field_validator("power")(_power)
    _check_interest = field_validator("interest")(_interest)
    _check_stakes = field_validator("stakes")(_stakes)


class StakeholderUpdate(WriteSchema):
    project_role: StakeholderRole | None = None
    stakes: list[Stake] | None = None
    power: int | None = None
    interest: int | None = None
    expectations: LongText = None
    channel: Channel | None = None
    frequency: Frequency | None = None
    our_owner_id: Id | None = None
    is_approver: bool | None = None
    note: Short = None

    _check_power = field_validator("power")(_power)
    _check_interest = field_validator("interest")(_interest)
    _check_stakes = field_validator("stakes")(_stakes)


class StakeholderRead(ReadSchema):
    id: Id
    project_id: Id
    contact_id: Id
    contact_name: str
    title: str | None
    project_role: StakeholderRole
    stakes: list[Stake]
    power: int
    interest: int
    quadrant: Quadrant
    expectations: str | None
    channel: Channel | None
    frequency: Frequency | None
    our_owner_id: Id | None
    our_owner_name: str | None
    is_approver: bool
    note: str | None
    last_contact_at: Instant | None = Field(description="The latest activity with them.")
    version: int
