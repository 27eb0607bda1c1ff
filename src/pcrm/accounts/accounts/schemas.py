"""API schemas of accounts, with the write base and the bulk, merge and duplicate schemas that
contacts share."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from pcrm.accounts.lists.schemas import ListQuery
from pcrm.accounts.validation import valid_credit_code, website_url
from pcrm.accounts.vocab import (
    PROVINCES,
    AccountStatus,
    Industry,
    LifecycleStage,
    Ownership,
    RevenueBand,
    SizeBand,
    TeamRole,
)
from pcrm.core.dates import Day, Instant
from pcrm.core.i18n import N_
from pcrm.core.types import Id, NotNull, SortKeys, WriteModel

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


def _credit_code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not valid_credit_code(code):
        raise ValueError(N_("Enter a valid 18-character unified social credit code."))
    return code


def _province(value: str | None) -> str | None:
    if value is None or not value:
        return None
    if value not in PROVINCES:
        raise ValueError(N_("Choose one of the allowed values."))
    return value


def _unique(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


CreditCode = Annotated[str | None, AfterValidator(_credit_code)]
Website = Annotated[str | None, StringConstraints(max_length=200), AfterValidator(website_url)]
Province = Annotated[str | None, AfterValidator(_province)]


class Write(WriteModel):
    pass


class TeamMemberWrite(Write):
    user_id: Id
    role: TeamRole


class AccountFields(Write):
    short_name: Annotated[str | None, StringConstraints(max_length=60)] = None
    english_name: Annotated[str | None, StringConstraints(max_length=200)] = None
    aliases: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=100)]], Field(max_length=10)
    ] = Field(default=[])
    credit_code: CreditCode = Field(default=None, examples=["91350100M000100Y43"])
    industry: Industry | None = None
    province: Province = Field(default=None, examples=["guangdong"])
    city: Annotated[str | None, StringConstraints(max_length=40)] = None
    ownership: Ownership | None = None
    size_band: SizeBand | None = None
    revenue_band: RevenueBand | None = None
    parent_id: Id | None = None
    owner_id: Id | None = None
    lifecycle_stage: LifecycleStage = LifecycleStage.POTENTIAL
    lost_reason: Annotated[str | None, StringConstraints(max_length=500)] = None
    lost_on: Day | None = None
    status: AccountStatus = AccountStatus.ACTIVE
    tags: Annotated[list[Tag], Field(max_length=20)] = Field(default=[])
    website: Website = Field(default=None, examples=["https://www.example.com"])
    address: Annotated[str | None, StringConstraints(max_length=300)] = None
    notes: Annotated[str | None, StringConstraints(max_length=5000)] = None

    @field_validator("tags", "aliases")
    @classmethod
    def _dedupe(cls, values: list[str]) -> list[str]:
        return _unique(values)


class AccountCreate(AccountFields):
    name: Name = Field(examples=["华为技术有限公司"])
    team: Annotated[list[TeamMemberWrite], Field(max_length=20)] = Field(default=[])


class AccountUpdate(AccountFields):
    """Fields to change; leave out what stays. `null` clears an optional field."""

    name: Name | None = None
    lifecycle_stage: LifecycleStage | None = None  # type: ignore[assignment]
    status: AccountStatus | None = None  # type: ignore[assignment]
    aliases: Annotated[
        Annotated[
            list[Annotated[str, StringConstraints(min_length=1, max_length=100)]],
            Field(max_length=10),
        ]
        | None,
        NotNull,
    ] = None  # type: ignore[assignment]
    tags: Annotated[Annotated[list[Tag], Field(max_length=20)] | None, NotNull] = None  # type: ignore[assignment]
    team: Annotated[Annotated[list[TeamMemberWrite], Field(max_length=20)] | None, NotNull] = None


class TeamMemberRead(BaseModel):
    user_id: Id
    role: TeamRole
    name: str


class AccountRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    name: str
    short_name: str | None
    english_name: str | None
    aliases: list[str]
    credit_code: str | None
    industry: Industry | None
    province: str | None
    city: str | None
    ownership: Ownership | None
    size_band: SizeBand | None
    revenue_band: RevenueBand | None
    parent_id: Id | None
    owner_id: Id | None
    lifecycle_stage: LifecycleStage
    lost_reason: str | None
    lost_on: Day | None
    status: AccountStatus
    tags: list[str]
    website: str | None
    address: str | None
    notes: str | None
    archived_at: Instant | None
    merged_into_id: Id | None
    created_at: Instant
    updated_at: Instant
    version: int


class AccountDetail(AccountRead):
    team: list[TeamMemberRead]
    contact_count: int


class MergeRequest(Write):
    duplicate_id: Id = Field(description="The record merged into this one, then archived.")


class BulkAction(Write):
    ids: Annotated[list[Id], Field(min_length=1, max_length=500)]
    action: Literal["assign_owner", "add_tag", "archive"]
    owner_id: Id | None = None
    tag: Tag | None = None


class BulkResult(BaseModel):
    updated: int


class Duplicate(BaseModel):
    id: Id
    name: str
    reason: Literal["credit_code", "name", "mobile", "email"]
    score: int


# the keys of the list's `sort`, as its repository allow-lists them
ACCOUNT_SORT_KEYS = (
    "name",
    "added",
    "updated_at",
    "created_at",
    "lifecycle_stage",
    "industry",
    "province",
)


class AccountQuery(ListQuery):
    sort: Annotated[str | None, SortKeys(ACCOUNT_SORT_KEYS)] = Field(
        default=None,
        description="name, added (the order records were entered in), updated_at, "
        "created_at, lifecycle_stage, industry, province; prefix '-' for descending. "
        "Default: name, or -added (newest first) when `q` is given.",
    )
    industry: Industry | None = None
    province: Province = None
    ownership: Ownership | None = None
    stage: LifecycleStage | None = None
    owner_id: Id | None = None
    tag: Annotated[str | None, StringConstraints(max_length=40)] = None
    created_from: Day | None = None
    created_to: Day | None = None
    include_archived: bool = False
