"""API schemas of risks and of the probability × impact heat maps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.risks.vocab import RiskCategory, RiskResponse, RiskSource, RiskStatus
from pcrm.projects.schemas import ReadSchema, WriteSchema
from pcrm.projects.vocab import ProjectStatus

Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)
]
Actions = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=4000)]
Trigger = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=500)]
Level = Annotated[int, Field(ge=1, le=5, description="1 (lowest) to 5 (highest)")]


class RiskWrite(WriteSchema):
    description: Description
    category: RiskCategory = Field(
        description="External: market, competitor, policy, customer. Internal: staff_turnover, "
        "technical, resources, supplier."
    )
    probability: Level
    impact: Level
    response: RiskResponse = Field(
        default=RiskResponse.MITIGATE, description="avoid, mitigate, transfer or accept."
    )
    actions: Actions = Field(default=None, description="What the response does, step by step.")
    owner_id: Id | None = Field(default=None, description="The user who watches the risk.")
    trigger: Trigger = Field(default=None, description="What shows the risk is happening.")
    review_on: Day | None = Field(
        default=None, description="The next review: the owner gets a reminder that day."
    )
    status: RiskStatus = RiskStatus.OPEN


class RiskUpdate(WriteSchema):
    description: Description | None = None
    category: RiskCategory | None = None
    probability: Level | None = None
    impact: Level | None = None
    response: RiskResponse | None = None
    actions: Actions = None
    owner_id: Id | None = None
    trigger: Trigger = None
    review_on: Day | None = None
    status: RiskStatus | None = None


class RiskRead(ReadSchema):
    id: Id
    project_id: Id | None = Field(description="The project; empty while only on an opportunity.")
    opportunity_id: Id | None = Field(description="The opportunity where it was first seen.")
    description: str
    category: RiskCategory
    source: RiskSource = Field(description="external or internal, from the category.")
    probability: int
    impact: int
    score: int = Field(description="probability × impact, 1 to 25.")
    response: RiskResponse
    actions: str | None
    owner_id: Id | None
    owner_name: str | None
    trigger: str | None
    review_on: Day | None
    status: RiskStatus
    version: int


class PortfolioRiskRead(RiskRead):
    project_code: str
    project_name: str


class RiskCell(BaseModel):
    probability: int
    impact: int
    score: int
    count: int = Field(description="Open risks in the cell.")


class RiskMap(BaseModel):
    """The 5 × 5 grid of open risks, probability 5 down to 1, impact 1 to 5 in each row."""

    cells: list[RiskCell]
    open_count: int


class CellQuery(BaseModel):
    """One cell of a heat map: its open risks only. Unknown parameters are a 422."""

    model_config = ConfigDict(extra="forbid")

    probability: Level | None = None
    impact: Level | None = None


class PortfolioQuery(CellQuery):
    """Which projects the cross-project map covers (by status, by manager), and which cell to
    list."""

    status: list[ProjectStatus] = Field(default_factory=list)
    manager_id: Id | None = None


@dataclass(frozen=True, slots=True)
class PortfolioFilter:
    """Which projects the cross-project map covers: by status and by project manager."""

    statuses: tuple[ProjectStatus, ...] = ()
    manager_id: int | None = None
