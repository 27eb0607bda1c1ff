"""API schemas of the security log."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome


class SecurityEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: datetime
    kind: SecurityEventKind
    outcome: SecurityOutcome
    user_id: int | None = Field(description="The user concerned, when known.")
    email: str | None = Field(description="The e-mail address tried or of the user concerned.")
    ip: str | None
    user_agent: str | None
    credential_id: int | None = Field(description="The session or API token concerned.")
    detail: str | None = Field(
        description="Why (expired, revoked, scope, throttled…) or what (method and path)."
    )
    request_id: str | None


class SecurityEventNote(BaseModel):
    """What a service tells the log; when and in which request are added on writing."""

    kind: SecurityEventKind
    outcome: SecurityOutcome = SecurityOutcome.SUCCESS
    workspace_id: int | None = None
    user_id: int | None = None
    email: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    credential_id: int | None = None
    detail: str | None = None
