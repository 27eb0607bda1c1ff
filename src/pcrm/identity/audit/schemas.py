"""API schemas of the audit trail: an entry, and the filters of the trail."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from pcrm.core.dates import Day, Instant
from pcrm.core.i18n import N_
from pcrm.core.types import Id, PageNumber, PageSize


class AuditEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    occurred_at: Instant
    actor_user_id: Id | None
    actor_label: str
    entity_type: str
    entity_id: Id
    entity_label: str | None = Field(description="The record's name when it was changed.")
    action: str
    changes: dict[str, Any] = Field(description="field: [before, after] for each changed field")
    request_id: str | None


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class AuditQuery(BaseModel):
    """Filters of the audit trail, shared by the API and the audit log page."""

    page: PageNumber = Field(default=1, description="1-based page number")
    page_size: PageSize = Field(default=50, description="Rows per page (at most 200)")
    entity_type: Annotated[str | None, StringConstraints(max_length=60)] = Field(
        default=None, description="The kind of record, e.g. `opportunity`."
    )
    entity_id: Id | None = Field(default=None, description="One record of that kind.")
    actor_user_id: Id | None = Field(default=None, description="Who made the change.")
    action: AuditAction | None = None
    occurred_from: Day | None = Field(
        default=None, description="From this day on (the workspace's time zone)."
    )
    occurred_to: Day | None = Field(
        default=None, description="Up to and including this day (the workspace's time zone)."
    )

    @field_validator("occurred_to")
    @classmethod
    def _not_before_from(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("occurred_from")
        if value is not None and start is not None and value < start:
            raise ValueError(N_("The end date must not be before the start date."))
        return value
