"""API schemas of project meetings and their action items."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from pcrm.core.dates import Day
from pcrm.core.types import Id
from pcrm.projects.meetings.vocab import MeetingKind
from pcrm.projects.schemas import LongText, Name, ReadSchema, WriteSchema

Clock = Annotated[
    str | None, StringConstraints(strip_whitespace=True, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
]
Location = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)]
ActionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Cadence = Annotated[int, Field(ge=1, le=92, description="Days to the next meeting, 1 to 92.")]
Duration = Annotated[int, Field(ge=5, le=1440, description="Minutes, 5 to 1440.")]


class MeetingWrite(WriteSchema):
    kind: MeetingKind = Field(description="weekly, customer or lessons_learned.")
    title: Name
    held_on: Day
    starts_at: Clock = Field(default=None, description="HH:MM, local time of the meeting.")
    duration_minutes: Duration | None = None
    location: Location = None
    cadence_days: Cadence | None = Field(
        default=None,
        description="Days to the next one (a recurring meeting). Unless given: 7 for a weekly "
        "meeting, 14 for a customer meeting, none for lessons learned.",
    )
    agenda: LongText = None
    minutes: LongText = None
    decisions: LongText = None
    user_ids: list[Id] = Field(default_factory=list, max_length=100)
    contact_ids: list[Id] = Field(
        default_factory=list, max_length=100, description="Contacts of the project's account."
    )


class MeetingUpdate(WriteSchema):
    kind: MeetingKind | None = None
    title: Name | None = None
    held_on: Day | None = None
    starts_at: Clock = None
    duration_minutes: Duration | None = None
    location: Location = None
    cadence_days: Cadence | None = None
    agenda: LongText = None
    minutes: LongText = None
    decisions: LongText = None
    user_ids: list[Id] | None = Field(default=None, max_length=100)
    contact_ids: list[Id] | None = Field(default=None, max_length=100)


class ActionWrite(WriteSchema):
    description: ActionText
    owner_id: Id = Field(description="The user who carries it out (gets the reminder).")
    due_on: Day


class ActionUpdate(WriteSchema):
    description: ActionText | None = None
    owner_id: Id | None = None
    due_on: Day | None = None
    done: bool | None = Field(
        default=None, description="true marks it done today, false opens it again."
    )


class AttendeeRead(BaseModel):
    user_id: Id | None
    contact_id: Id | None
    name: str


class ActionRead(ReadSchema):
    id: Id
    meeting_id: Id
    description: str
    owner_id: Id | None
    owner_name: str | None
    due_on: Day
    done_on: Day | None
    version: int


class MeetingRead(ReadSchema):
    id: Id
    project_id: Id
    kind: MeetingKind
    title: str
    held_on: Day
    starts_at: str | None
    duration_minutes: int | None
    location: str | None
    cadence_days: int | None
    next_on: Day | None = Field(description="The next meeting's day, for a recurring one.")
    agenda: str | None
    minutes: str | None
    decisions: str | None
    attendees: list[AttendeeRead]
    customer_invited: bool
    actions: list[ActionRead]
    version: int
