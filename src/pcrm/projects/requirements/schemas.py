"""API schemas of requirements and clarifications."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id, WriteModel
from pcrm.projects.requirements.vocab import ClarificationStatus, Kano, Priority, RequirementStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str | None, StringConstraints(max_length=20000)]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class _Write(WriteModel):
    pass


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RequirementCreate(_Write):
    title: Title
    description: LongText = None
    source_stakeholder_id: Id | None = Field(
        default=None, description="The project stakeholder the requirement came from."
    )
    kano: Kano
    priority: Priority = Priority.P1
    acceptance_criteria: LongText = None


class RequirementUpdate(_Write):
    title: Title | None = None
    description: LongText = None
    source_stakeholder_id: Id | None = None
    kano: Kano | None = None
    priority: Priority | None = None
    acceptance_criteria: LongText = None
    status: Literal["draft", "rejected"] | None = Field(
        default=None,
        description="Draft, or rejected when the customer does not want it; the other statuses "
        "follow from baselines and sign-offs.",
    )


class RequirementRead(_Read):
    id: Id
    project_id: Id
    number: int
    title: str
    description: str | None
    source_stakeholder_id: Id | None
    kano: Kano
    priority: Priority
    acceptance_criteria: str | None
    status: RequirementStatus
    version: int
    updated_at: Instant


class ClarificationCreate(_Write):
    question: Question
    asked_to_id: Id | None = Field(default=None, description="The customer's contact asked.")
    asked_on: Day | None = Field(default=None, description="Today when left out.")


class ClarificationUpdate(_Write):
    question: Question | None = None
    asked_to_id: Id | None = None
    answer: Annotated[str | None, StringConstraints(max_length=20000)] = Field(
        default=None, description="The customer's answer: marks the clarification answered."
    )
    answered_on: Day | None = None
    void: bool = Field(default=False, description="Withdraw the question.")


class ClarificationRead(_Read):
    id: Id
    project_id: Id
    requirement_id: Id
    question: str
    asked_to_id: Id | None
    asked_on: Day
    answer: str | None
    answered_on: Day | None
    status: ClarificationStatus
    version: int
