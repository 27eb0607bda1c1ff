"""Schemas of portal principals: the invitation a project manager sends, the password the
customer sets, and the portal user as the staff's pages see it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from pcrm.core.types import Id
from pcrm.identity.portal_users.vocab import PortalRole, PortalUserStatus
from pcrm.identity.users.schemas import PASSWORD_MAX, PASSWORD_MIN


class PortalInvite(BaseModel):
    """Who to invite, as the inviting area knows them (a contact of one account)."""

    contact_id: Id
    account_id: Id
    email: EmailStr
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    role: PortalRole


class PortalPasswordSet(BaseModel):
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class PortalUserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    contact_id: Id
    account_id: Id
    email: str
    name: str
    role: PortalRole
    is_active: bool
    invited_at: datetime
    invitation_expires_at: datetime | None
    accepted_at: datetime | None
    deactivated_at: datetime | None
    deactivation_reason: str | None
    last_login_at: datetime | None
    version: int

    @property
    def status(self) -> PortalUserStatus:
        if not self.is_active:
            return PortalUserStatus.DEACTIVATED
        return PortalUserStatus.ACTIVE if self.accepted_at else PortalUserStatus.INVITED


class PortalInvitation(BaseModel):
    """An invitation just made: the portal user and the link's secret (shown once)."""

    portal_user: PortalUserRead
    token: str = Field(description="The secret of the link /portal/join/{token}.")
