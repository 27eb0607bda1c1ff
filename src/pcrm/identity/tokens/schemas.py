"""API schemas of personal API tokens."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pcrm.core.dates import Instant
from pcrm.core.types import Id, WriteModel


class _Strict(WriteModel):
    pass


Scope = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+(:(read|write))?$")]


class ApiTokenCreate(_Strict):
    name: str = Field(min_length=1, max_length=100, examples=["ERP sync"])
    expires_in_days: int | None = Field(
        default=None,
        ge=1,
        le=3650,
        description="Days until the token stops working. Required, and at most the "
        "configured maximum, when the server sets PCRM_API_TOKEN_MAX_DAYS.",
    )
    scopes: list[Scope] = Field(
        default=["write"],
        min_length=1,
        max_length=40,
        description="What the token may reach: `read` or `write` (everything; write includes "
        "read), or `<area>:read` / `<area>:write` for one area's API, e.g. `accounts:read`. "
        "Never more than the user's role allows.",
        examples=[["accounts:read", "opportunities:write"]],
    )


class ApiTokenRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    name: str
    token_prefix: str
    created_at: Instant
    last_used_at: Instant | None
    expires_at: Instant | None
    revoked_at: Instant | None
    scopes: list[str]

    @field_validator("scopes", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return value.split() if isinstance(value, str) else value


class ApiTokenCreated(ApiTokenRead):
    token: str = Field(description="The secret. Shown once, never stored in clear.")
