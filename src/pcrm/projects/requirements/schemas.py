"""API schemas of requirements and clarifications."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.projects.requirements.vocab import ClarificationStatus, Kano, Priority, RequirementStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str | None, StringConstraints(max_length=20000)]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class _Write(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RequirementCreate(_Write):
    title: Title
    description: LongText = None
    source_stakeholder_id: int | None = Field(
        default=None, description="The project stakeholder the requirement came from."
    )
    kano: Kano
    priority: Priority = Priority.P1
    acceptance_criteria: LongText = None


class RequirementUpdate(_Write):
    title: Title | None = None
    description: LongText = None
    source_stakeholder_id: int | None = None
    kano: Kano | None = None
    priority: Priority | None = None
    acceptance_criteria: LongText = None
    status: Literal["draft", "rejected"] | None = Field(
        default=None,
        description="Draft, or rejected when the customer does not want it; the other statuses "
        "follow from baselines and sign-offs.",
    )


class RequirementRead(_Read):
    id: int
    project_id: int
    number: int
    title: str
    description: str | None
    source_stakeholder_id: int | None
    kano: Kano
    priority: Priority
    acceptance_criteria: str | None
    status: RequirementStatus
    version: int
    updated_at: datetime


class ClarificationCreate(_Write):
    question: Question
    asked_to_id: int | None = Field(default=None, description="The customer's contact asked.")
    asked_on: date | None = Field(default=None, description="Today when left out.")


class ClarificationUpdate(_Write):
    question: Question | None = None
    asked_to_id: int | None = None
    answer: Annotated[str | None, StringConstraints(max_length=20000)] = Field(
        default=None, description="The customer's answer: marks the clarification answered."
    )
    answered_on: date | None = None
    void: bool = Field(default=False, description="Withdraw the question.")


class ClarificationRead(_Read):
    id: int
    project_id: int
    requirement_id: int
    question: str
    asked_to_id: int | None
    asked_on: date
    answer: str | None
    answered_on: date | None
    status: ClarificationStatus
    version: int
