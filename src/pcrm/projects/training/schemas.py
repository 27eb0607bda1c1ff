"""API schemas of the customer's training: needs, sessions with attendees and materials, and
the review of the needs."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.projects.schemas import ReadSchema, Short, WriteSchema
from pcrm.projects.training.vocab import Attendance, NeedStatus

Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Person = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Place = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)]


class TrainingNeedWrite(WriteSchema):
    contact_id: Id = Field(description="The customer's person: a contact of the account.")
    topic: Topic
    status: NeedStatus = NeedStatus.PLANNED
    planned_on: Day | None = Field(default=None, description="When the training is planned.")
    note: Short = None


class TrainingNeedUpdate(WriteSchema):
    contact_id: Id | None = None
    topic: Topic | None = None
    status: NeedStatus | None = None
    planned_on: Day | None = None
    note: Short = None


class TrainingNeedRead(ReadSchema):
    id: Id
    project_id: Id
    contact_id: Id
    contact_name: str
    topic: str
    status: NeedStatus
    planned_on: Day | None
    note: str | None
    version: int


class TrainingSessionWrite(WriteSchema):
    topic: Topic
    held_on: Day
    trainer: Person = Field(description="Who gives the training (ours or a vendor's).")
    location: Place = None
    attendee_ids: list[Id] = Field(
        default_factory=list,
        max_length=200,
        description="Contacts of the account invited to the session (each once).",
    )


class TrainingSessionUpdate(WriteSchema):
    topic: Topic | None = None
    held_on: Day | None = None
    trainer: Person | None = None
    location: Place = None


class AttendanceMark(WriteSchema):
    contact_id: Id
    attendance: Attendance


class AttendanceSheet(WriteSchema):
    marks: list[AttendanceMark] = Field(
        min_length=1,
        max_length=200,
        description="Attendance per person; a person not invited yet is added (walked in).",
    )


class AttendeeRead(ReadSchema):
    contact_id: Id
    contact_name: str
    attendance: Attendance


class MaterialRead(ReadSchema):
    id: Id
    filename: str
    content_type: str
    size: int
    created_at: Instant


class TrainingSessionRead(ReadSchema):
    id: Id
    project_id: Id
    topic: str
    held_on: Day
    trainer: str
    location: str | None
    attendees: list[AttendeeRead]
    materials: list[MaterialRead]
    version: int


class TrainingReviewWrite(WriteSchema):
    note: Short = Field(default=None, description="What the review concluded.")


class TrainingReviewRead(ReadSchema):
    id: Id
    project_id: Id
    reviewed_by_id: Id | None
    reviewed_by_name: str | None
    reviewed_at: Instant
    needs_count: int
    note: str | None
