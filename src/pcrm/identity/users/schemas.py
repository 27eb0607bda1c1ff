"""Pydantic schemas of users and invitations: what the API reads and writes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from pcrm.core.dates import Instant
from pcrm.core.i18n import person_name
from pcrm.core.types import Id, WriteModel
from pcrm.identity.permissions import Role

LocaleCode = Literal["zh_CN", "en"]
PASSWORD_MIN = 8
PASSWORD_MAX = 128


class _Strict(WriteModel):
    pass


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    email: str
    name: str
    english_name: str | None
    role: Role
    is_active: bool
    locale: str | None
    last_login_at: Instant | None
    created_at: Instant
    version: int


class UserCreate(_Strict):
    email: EmailStr
    name: str = Field(min_length=1, max_length=100)
    english_name: str | None = Field(default=None, max_length=100)
    role: Role
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)
    locale: LocaleCode | None = None


class UserUpdate(_Strict):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    english_name: str | None = Field(default=None, max_length=100)
    role: Role | None = None
    is_active: bool | None = None
    locale: LocaleCode | None = None


class ProfileUpdate(_Strict):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    english_name: str | None = Field(default=None, max_length=100)
    locale: LocaleCode | None = None


class PasswordChange(_Strict):
    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX)
    new_password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class InvitationCreate(_Strict):
    email: EmailStr
    name: str = Field(min_length=1, max_length=100)
    role: Role


class InvitationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    email: str
    name: str
    role: Role
    expires_at: Instant
    accepted_at: Instant | None
    revoked_at: Instant | None
    created_at: Instant


class InvitationCreated(InvitationRead):
    token: str = Field(description="Shown once. The invitee opens /invite/<token> to join.")
    url_path: str


class InvitationAccept(_Strict):
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)


class UserRef(BaseModel):
    """A user as other areas see them: enough to show and to pick."""

    model_config = ConfigDict(from_attributes=True)

    id: Id
    name: str
    english_name: str | None
    is_active: bool
    email: str = ""  # how the customer reaches a member of the account team (portal)

    def display(self, locale: str | None = None) -> str:
        """The name as the viewer reads it (`core.i18n.person_name`; the request's locale
        unless given)."""
        return person_name(self.name, self.english_name, locale)


# the keys of the user list's `sort`, as its repository allow-lists them
USER_SORT_KEYS = ("name", "email", "role", "created_at", "last_login_at")
