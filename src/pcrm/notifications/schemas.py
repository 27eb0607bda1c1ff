"""Reminders as the API and other areas see them."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from pcrm.core.dates import Instant
from pcrm.core.types import Id


class ReminderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    due_at: Instant
    title: str
    link: str | None
    source_type: str
    source_id: Id
    done_at: Instant | None


class ReminderList(BaseModel):
    items: list[ReminderRead]


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """A reminder a record wants its user to have: for whom, when, what, and where to go."""

    user_id: Id
    due_at: Instant
    title: str
    link: str | None = None
