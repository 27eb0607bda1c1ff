"""API schemas of service requests."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from pcrm.core.dates import Instant
from pcrm.core.types import Id, SortKeys, WriteModel
from pcrm.service.vocab import Category, Channel, ComplaintSeverity, Priority, RequestStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=10000)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10000)]
Short = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=1000)]
SORT_KEYS = ("resolution_due", "response_due", "received", "priority", "number")
Rating = Annotated[int, Field(ge=1, le=5, description="The customer's rating, 1 (bad) to 5.")]


class RequestWrite(WriteModel):
    account_id: Id
    project_id: Id | None = Field(default=None, description="A project of the account, if one.")
    reporter_id: Id | None = Field(default=None, description="The customer's person (contact).")
    channel: Channel = Field(description="phone, email, wechat, portal or on_site.")
    category: Category = Field(description="fault, question, need or complaint.")
    priority: Priority = Field(description="p1 (urgent) to p4 (low).")
    title: Title
    description: Text = None
    received_at: Instant | None = Field(default=None, description="When it came in (now).")
    assignee_id: Id | None = Field(default=None, description="Who handles it (a user).")
    complaint_severity: ComplaintSeverity | None = Field(
        default=None, description="A complaint's severity: minor, serious or critical."
    )
    spread_to: Short = Field(default=None, description="To whom the complaint spread, if known.")


class RequestUpdate(WriteModel):
    title: Title | None = None
    description: Text = None
    reporter_id: Id | None = None
    assignee_id: Id | None = None
    priority: Priority | None = Field(
        default=None, description="A new priority sets new due times from the same start."
    )
    complaint_severity: ComplaintSeverity | None = None
    spread_to: Short = None
    outcome: Text = None


class Respond(WriteModel):
    """The first response to the customer (it starts the work: new → in progress)."""

    at: Instant | None = Field(default=None, description="When we answered (now).")
    note: Text = Field(default=None, description="What we answered, for the timeline.")


class Move(WriteModel):
    """A status action: resolve (awaiting the customer's confirmation, with the resolution),
    close (with the customer's rating), reopen (back to in progress)."""

    status: RequestStatus
    at: Instant | None = Field(default=None, description="When (now).")
    resolution: Text = None
    rating: Rating | None = None
    rating_comment: Short = None


class NoteWrite(WriteModel):
    body: Body
    to_customer: bool = Field(default=False, description="Said to the customer.")


class Clock(BaseModel):
    """One SLA clock: its due time, when it stopped (if it did), whether it is breached and the
    working minutes left (negative: overdue)."""

    due_at: datetime
    done_at: datetime | None
    breached: bool
    minutes_left: int | None = Field(description="While running: working minutes to the due.")


class RequestRead(BaseModel):
    id: Id
    number: int
    code: str = Field(examples=["SR-000042"])
    account_id: Id
    account_name: str
    project_id: Id | None
    plan_id: Id | None
    reporter_id: Id | None
    reporter_name: str | None
    assignee_id: Id | None
    assignee_name: str | None
    channel: Channel
    category: Category
    priority: Priority
    title: str
    description: str | None
    status: RequestStatus
    received_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    around_the_clock: bool
    response: Clock
    resolution_clock: Clock
    resolution: str | None
    rating: int | None
    rating_comment: str | None
    reopened: int
    complaint_severity: ComplaintSeverity | None
    spread_to: str | None
    outcome: str | None
    next_statuses: list[RequestStatus]
    version: int


class NoteRead(BaseModel):
    id: Id
    author_name: str | None
    body: str
    to_customer: bool
    created_at: datetime


class RequestFilter(BaseModel):
    status: list[RequestStatus] = Field(default_factory=list)
    priority: list[Priority] = Field(default_factory=list)
    category: list[Category] = Field(default_factory=list)
    account_id: Id | None = None
    assignee_id: Id | None = None
    breached: bool | None = Field(default=None, description="Only breached (or only not).")
    sort: Annotated[str | None, SortKeys(SORT_KEYS)] = Field(
        default=None,
        description="resolution_due (default), response_due, received, priority, number; "
        "`-` for descending.",
    )
    page: int = 1
    page_size: int = 50


class RequestCounts(BaseModel):
    """For the loyalty area: an account's service requests."""

    requests: int
    by_category: dict[Category, int]
    complaints: int
    breaches: int
    mean_first_response_minutes: float | None
    mean_resolution_minutes: float | None
    mean_rating: float | None
