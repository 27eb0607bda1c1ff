"""API schema of an audit entry."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pcrm.core.dates import Instant
from pcrm.core.types import Id


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
