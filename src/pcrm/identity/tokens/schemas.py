"""API schemas of personal API tokens."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pcrm.core.dates import Instant
from pcrm.core.types import Id, WriteModel


class _Strict(WriteModel):
    pass


class ApiTokenCreate(_Strict):
    name: str = Field(min_length=1, max_length=100, examples=["ERP sync"])
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)


class ApiTokenRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    name: str
    token_prefix: str
    created_at: Instant
    last_used_at: Instant | None
    expires_at: Instant | None
    revoked_at: Instant | None


class ApiTokenCreated(ApiTokenRead):
    token: str = Field(description="The secret. Shown once, never stored in clear.")
