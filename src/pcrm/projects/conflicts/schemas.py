"""API schemas of a project's issues and conflicts."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.conflicts.vocab import ConflictKind, ConflictStatus, ProjectElement, Severity
from pcrm.projects.schemas import LongText, Name, ReadSchema, WriteSchema

Resolution = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=4000)]


class ConflictWrite(WriteSchema):
    kind: ConflictKind = Field(
        description="requirement_change, information_asymmetry, project_element (with element) "
        "or other."
    )
    element: ProjectElement | None = Field(
        default=None, description="cost, schedule or quality: required for project_element."
    )
    severity: Severity = Severity.MEDIUM
    title: Name
    description: LongText = None
    opened_on: Day | None = Field(default=None, description="The day it came up (today).")
    user_ids: list[Id] = Field(default_factory=list, max_length=50, description="Our parties.")
    contact_ids: list[Id] = Field(
        default_factory=list, max_length=50, description="The customer's parties (contacts)."
    )


class ConflictUpdate(WriteSchema):
    kind: ConflictKind | None = None
    element: ProjectElement | None = None
    severity: Severity | None = None
    title: Name | None = None
    description: LongText = None
    opened_on: Day | None = None
    user_ids: list[Id] | None = Field(default=None, max_length=50)
    contact_ids: list[Id] | None = Field(default=None, max_length=50)


class ConflictMove(WriteSchema):
    """A status action. Resolving records the resolution agreed with the customer, who agreed
    (a contact of the account) and when."""

    status: ConflictStatus
    resolution: Resolution = None
    agreed_by_id: Id | None = None
    on: Day | None = Field(default=None, description="The day of the move (today).")


class PartyRead(BaseModel):
    user_id: Id | None
    contact_id: Id | None
    name: str


class ConflictRead(ReadSchema):
    id: Id
    project_id: Id
    kind: ConflictKind
    element: ProjectElement | None
    severity: Severity
    title: str
    description: str | None
    status: ConflictStatus
    opened_on: Day
    escalation_on: Day | None = Field(
        description="When the project manager is reminded, while it is unresolved."
    )
    resolution: str | None
    agreed_by_id: Id | None
    agreed_by_name: str | None
    resolved_on: Day | None
    closed_on: Day | None
    parties: list[PartyRead]
    next_statuses: list[ConflictStatus]
    version: int


class ConflictCounts(BaseModel):
    """For the loyalty area: a project's (or an account's) issues and conflicts."""

    conflicts: int
    unresolved: int
