"""API schemas of activities."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.accounts.accounts.schemas import Write
from pcrm.accounts.lists.schemas import ListQuery
from pcrm.accounts.vocab import ActivityType
from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id, SortKeys


class ActivityFields(Write):
    contact_id: Id | None = None
    subject: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    notes: Annotated[str | None, StringConstraints(max_length=10000)] = None
    outcome: Annotated[str | None, StringConstraints(max_length=500)] = None
    next_step: Annotated[str | None, StringConstraints(max_length=300)] = None
    next_step_due: Day | None = None
    cost: Annotated[
        Decimal | None, Field(ge=0, le=Decimal("999999999999.99"), decimal_places=2)
    ] = None
    participant_contact_ids: Annotated[list[Id], Field(max_length=50)] = Field(default=[])
    participant_user_ids: Annotated[list[Id], Field(max_length=50)] = Field(default=[])


class ActivityCreate(ActivityFields):
    type: ActivityType
    occurred_at: Instant
    account_id: Id
    owner_id: Id | None = None
    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class ActivityUpdate(ActivityFields):
    type: ActivityType | None = None
    occurred_at: Instant | None = None
    owner_id: Id | None = None
    participant_contact_ids: Annotated[list[Id], Field(max_length=50)] | None = None  # type: ignore[assignment]
    participant_user_ids: Annotated[list[Id], Field(max_length=50)] | None = None  # type: ignore[assignment]


class ActivityRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    type: ActivityType
    occurred_at: Instant
    owner_id: Id | None
    account_id: Id
    account_name: str = ""
    contact_id: Id | None
    contact_name: str | None = None
    subject: str
    notes: str | None
    outcome: str | None
    next_step: str | None
    next_step_due: Day | None
    cost: Decimal | None
    participant_contact_ids: list[Id] = []
    participant_user_ids: list[Id] = []
    archived_at: Instant | None
    created_at: Instant
    version: int


# the keys of the list's `sort`, as its repository allow-lists them
ACTIVITY_SORT_KEYS = ("occurred_at", "type", "created_at")


class ActivityQuery(ListQuery):
    sort: Annotated[str | None, SortKeys(ACTIVITY_SORT_KEYS)] = Field(
        default=None, description="occurred_at, type, created_at; prefix '-' for descending."
    )
    q: Annotated[str | None, StringConstraints(max_length=100)] = Field(
        default=None,
        description="Substring of the subject; `total` is then counted up to 1,000 (more: "
        "`total_capped`).",
    )
    account_id: Id | None = None
    contact_id: Id | None = None
    owner_id: Id | None = None
    type: list[ActivityType] = Field(default=[])
    occurred_from: Day | None = None
    occurred_to: Day | None = None
