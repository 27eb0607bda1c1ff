"""API schemas of the plan: tasks, dependencies, buffers, deliverables, the constraint check,
the plan baseline and the Gantt data."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.baselines.vocab import BaselineStatus
from pcrm.projects.deliverables.vocab import DeliverableStatus
from pcrm.projects.schemas import LongText, Name, ReadSchema, Reason, Short, WriteSchema
from pcrm.projects.vocab import ConstraintKind, Phase

Progress = Annotated[int, Field(ge=0, le=100, description="Per cent done, 0–100.")]
Days = Annotated[int, Field(ge=1, le=3650)]
Lag = Annotated[
    int, Field(ge=-3650, le=3650, description="Days after the predecessor's finish; < 0: a lead.")
]
BOTH = "Give the end or the duration, not both."


class TaskCreate(WriteSchema):
    name: Name
    parent_id: Id | None = Field(default=None, description="A task of the same project.")
    phase: Phase | None = None
    owner_id: Id | None = Field(default=None, description="An active user of the workspace.")
    start_on: Day = Field(description="The first day of work.")
    end_on: Day | None = Field(default=None, description="The last day of work (inclusive).")
    duration_days: Days | None = Field(
        default=None, description="Instead of the end: calendar days of work."
    )
    progress: Progress = 0
    is_milestone: bool = Field(default=False, description="A milestone takes no time.")

    @model_validator(mode="after")
    def _end_or_duration(self) -> TaskCreate:
        if self.end_on is not None and self.duration_days is not None:
            raise ValueError(BOTH)
        return self


class TaskUpdate(WriteSchema):
    name: Name | None = None
    parent_id: Id | None = None
    phase: Phase | None = None
    owner_id: Id | None = None
    start_on: Day | None = None
    end_on: Day | None = None
    duration_days: Days | None = None
    progress: Progress | None = None
    is_milestone: bool | None = None

    @model_validator(mode="after")
    def _end_or_duration(self) -> TaskUpdate:
        if self.end_on is not None and self.duration_days is not None:
            raise ValueError(BOTH)
        return self


class TaskRead(ReadSchema):
    id: Id
    project_id: Id
    parent_id: Id | None
    name: str
    phase: Phase | None
    owner_id: Id | None
    owner_name: str | None
    start_on: Day
    end_on: Day
    duration_days: int = Field(description="0 for a milestone.")
    progress: int
    is_milestone: bool
    version: int


class DependencyCreate(WriteSchema):
    predecessor_id: Id
    successor_id: Id
    lag_days: Lag = 0


class DependencyUpdate(WriteSchema):
    lag_days: Lag


class DependencyRead(ReadSchema):
    id: Id
    project_id: Id
    predecessor_id: Id
    successor_id: Id
    lag_days: int
    version: int


class BufferWrite(WriteSchema):
    phase: Phase | None = Field(default=None, description="None: at the project's end.")
    days: Days
    note: Short = None


class BufferUpdate(WriteSchema):
    phase: Phase | None = None
    days: Days | None = None
    note: Short = None


class BufferRead(ReadSchema):
    id: Id
    project_id: Id
    phase: Phase | None
    days: int
    note: str | None
    version: int


class DeliverableWrite(WriteSchema):
    name: Name
    description: LongText = None
    milestone_id: Id | None = Field(default=None, description="A milestone of this project.")
    requirement_ids: list[Id] = Field(default_factory=list, max_length=200)


class DeliverableUpdate(WriteSchema):
    name: Name | None = None
    description: LongText = None
    milestone_id: Id | None = None
    requirement_ids: list[Id] | None = Field(default=None, max_length=200)


class DeliverableRead(ReadSchema):
    id: Id
    project_id: Id
    name: str
    description: str | None
    milestone_id: Id | None
    requirement_ids: list[int]
    status: DeliverableStatus = Field(description="Its acceptance (see the deliverables tab).")
    version: int


class Breach(ReadSchema):
    """A hard constraint of the customer that the plan breaks."""

    constraint_id: Id
    kind: ConstraintKind
    statement: str
    due_on: Day | None = Field(description="The customer's deadline.")
    plan_end_on: Day | None = Field(description="The plan's last day with its end buffer.")
    ceiling: Decimal | None = Field(description="The customer's budget ceiling.")
    budget: Decimal | None = Field(description="The project's budget baseline.")


class Acknowledgement(WriteSchema):
    constraint_id: Id
    reason: Reason


class PlanBaselineCreate(WriteSchema):
    note: Annotated[str | None, StringConstraints(max_length=1000)] = None
    acknowledgements: list[Acknowledgement] = Field(
        default_factory=list,
        max_length=50,
        description="One per hard constraint the plan breaks, with the reason to send anyway.",
    )


class GanttTask(ReadSchema):
    id: Id
    parent_id: Id | None
    name: str
    phase: Phase | None
    owner_id: Id | None
    owner_name: str | None
    start_on: Day
    end_on: Day
    progress: int
    is_milestone: bool
    version: int
    critical: bool
    float_days: int = Field(description="Total float: days the task may slip.")
    baseline_start_on: Day | None
    baseline_end_on: Day | None
    variance_days: int | None = Field(description="End against the approved baseline; > 0 late.")
    previous_start_on: Day | None = Field(
        default=None, description="Its dates in the approved plan baseline before the latest."
    )
    previous_end_on: Day | None = None


class GanttLink(ReadSchema):
    id: Id
    predecessor_id: Id
    successor_id: Id
    lag_days: int
    critical: bool
    version: int


class GanttBuffer(ReadSchema):
    id: Id
    phase: Phase | None
    start_on: Day = Field(description="The day after the work it protects.")
    end_on: Day
    days: int


class GanttBaseline(ReadSchema):
    id: Id
    number: int
    status: BaselineStatus
    end_on: Day | None


class Gantt(ReadSchema):
    project_id: Id
    tasks: list[GanttTask]
    links: list[GanttLink]
    buffers: list[GanttBuffer]
    critical_path: list[int] = Field(description="The critical tasks by early start.")
    end_on: Day | None = Field(description="The plan's last day of work.")
    baseline: GanttBaseline | None = Field(description="The approved plan baseline.")
    previous_baseline: GanttBaseline | None = Field(
        default=None,
        description="The approved plan baseline before it (e.g. before a change request moved "
        "the plan), drawn beside it.",
    )
    variance_days: int | None = Field(
        description="The plan's end against the approved baseline's; > 0 late."
    )


class Variance(ReadSchema):
    """The schedule variance against the approved plan baseline."""

    baseline_number: int | None
    baseline_end_on: Day | None
    end_on: Day | None
    days: int | None
    late_tasks: int
