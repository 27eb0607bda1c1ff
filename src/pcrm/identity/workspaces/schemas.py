"""API schemas of workspaces."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pcrm.core.i18n import N_
from pcrm.core.types import Id, WriteModel
from pcrm.identity.users.schemas import LocaleCode


class _Strict(WriteModel):
    pass


class WorkspaceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    slug: str
    name: str
    currency: str
    default_locale: str
    timezone: str
    version: int


class WorkspaceUpdate(_Strict):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    currency: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", examples=["CNY", "USD", "EUR"]
    )
    default_locale: LocaleCode | None = None
    timezone: str | None = Field(default=None, max_length=60, examples=["Asia/Shanghai"])

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(N_("Unknown time zone.")) from exc
        return value
