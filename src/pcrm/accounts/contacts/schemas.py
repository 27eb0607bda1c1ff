"""API schemas of contacts and their employment history."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from pcrm.accounts.accounts.schemas import Province, Write
from pcrm.accounts.lists.schemas import ListQuery
from pcrm.accounts.validation import normalize_phone
from pcrm.accounts.vocab import ContactStatus, Gender, Importance, Industry
from pcrm.core.dates import Day, Instant
from pcrm.core.i18n import N_
from pcrm.core.types import Id, SortKeys


def _phone(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return normalize_phone(value)
    except ValueError as exc:
        raise ValueError(N_("Enter a valid phone number.")) from exc


Phone = Annotated[str | None, AfterValidator(_phone)]


class ContactFields(Write):
    english_name: Annotated[str | None, StringConstraints(max_length=100)] = None
    gender: Gender = Gender.UNKNOWN
    title: Annotated[str | None, StringConstraints(max_length=100)] = None
    department: Annotated[str | None, StringConstraints(max_length=100)] = None
    reports_to_id: Id | None = None
    mobile: Phone = Field(default=None, examples=["13812345678"])
    office_phone: Phone = Field(default=None, examples=["010-88886666"])
    email: EmailStr | None = None
    wechat: Annotated[str | None, StringConstraints(max_length=60)] = None
    birthday: Day | None = None
    preferences: Annotated[str | None, StringConstraints(max_length=2000)] = None
    importance: Importance = Importance.NORMAL
    status: ContactStatus = ContactStatus.ACTIVE
    left_on: Day | None = None

    @field_validator("email", mode="before")
    @classmethod
    def _blank_email(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("email")
    @classmethod
    def _lower_email(cls, value: str | None) -> str | None:
        return value.lower() if value else value


class ContactCreate(ContactFields):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] = (
        Field(examples=["张伟"])
    )
    account_id: Id


class ContactUpdate(ContactFields):
    name: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = None
    account_id: Id | None = None
    gender: Gender | None = None  # type: ignore[assignment]
    importance: Importance | None = None  # type: ignore[assignment]
    status: ContactStatus | None = None  # type: ignore[assignment]


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    name: str
    english_name: str | None
    gender: Gender
    title: str | None
    department: str | None
    account_id: Id
    account_name: str = ""
    reports_to_id: Id | None
    mobile: str | None
    office_phone: str | None
    email: str | None
    wechat: str | None
    birthday: Day | None
    preferences: str | None
    importance: Importance
    status: ContactStatus
    left_on: Day | None
    archived_at: Instant | None
    merged_into_id: Id | None
    created_at: Instant
    updated_at: Instant
    version: int


class EmploymentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    account_id: Id
    account_name: str = ""
    title: str | None
    department: str | None
    started_on: Day
    ended_on: Day | None


# the keys of the list's `sort`, as its repository allow-lists them
CONTACT_SORT_KEYS = ("name", "added", "updated_at", "created_at", "importance", "title")


class ContactQuery(ListQuery):
    sort: Annotated[str | None, SortKeys(CONTACT_SORT_KEYS)] = Field(
        default=None,
        description="name, added (the order records were entered in), updated_at, "
        "created_at, importance, title; prefix '-' for descending. Default: name, or -added "
        "(newest first) when `q` is given.",
    )
    account_id: Id | None = None
    importance: Importance | None = None
    status: ContactStatus | None = None
    owner_id: Id | None = Field(default=None, description="Owner of the contact's account.")
    industry: Industry | None = None
    province: Province = None
    updated_from: Day | None = None
    updated_to: Day | None = None
    include_archived: bool = False
