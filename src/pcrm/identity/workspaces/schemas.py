"""API schemas of workspaces."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pcrm.core.i18n import N_
from pcrm.core.types import Id, WriteModel
from pcrm.identity.users.schemas import LocaleCode

REMINDER_DAYS = N_("Enter a number of days from 1 to 60.")


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
    sign_off_reminder_days: int = Field(
        description="A customer sign-off pending longer than this many days is late."
    )
    conflict_escalation_days: int = Field(
        description="A project conflict unresolved this many days after it opened is escalated "
        "to the project manager."
    )
    version: int


class WorkspaceUpdate(_Strict):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    currency: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", examples=["CNY", "USD", "EUR"]
    )
    default_locale: LocaleCode | None = None
    timezone: str | None = Field(default=None, max_length=60, examples=["Asia/Shanghai"])
    sign_off_reminder_days: int | None = Field(
        default=None,
        description="After how many days a pending customer sign-off is late (1–60).",
        examples=[5],
    )
    conflict_escalation_days: int | None = Field(
        default=None,
        description="After how many days an unresolved project conflict is escalated to the "
        "project manager (1–60).",
        examples=[5],
    )

    @field_validator("sign_off_reminder_days", "conflict_escalation_days", mode="before")
    @classmethod
    def _days_not_a_boolean(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError(REMINDER_DAYS)
        return value

    @field_validator("sign_off_reminder_days", "conflict_escalation_days")
    @classmethod
    def _days_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 60:
            raise ValueError(REMINDER_DAYS)
        return value

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
