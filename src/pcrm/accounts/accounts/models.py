"""ORM models of accounts: the customer organisation, its tags and its team."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Enum,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.accounts.search.models import Searchable, leading
from pcrm.accounts.vocab import (
    AccountStatus,
    Industry,
    LifecycleStage,
    Ownership,
    RevenueBand,
    SizeBand,
    TeamRole,
)
from pcrm.core.audit import Audited
from pcrm.core.db import (
    Base,
    IdMixin,
    IdType,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    vocabulary,
)


def _enum(cls: type[Any], name: str) -> Enum:
    return vocabulary(cls, name)


class Account(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Searchable, Audited, Base):
    """A customer organisation (客户单位)."""

    __tablename__ = "accounts"
    __audit_entity__ = "account"
    __audit_exclude__ = frozenset({"search_text", "search_grams", "sort_name"})
    __table_args__ = (
        UniqueConstraint("workspace_id", "credit_code"),
        Index("ix_accounts_list_name", "workspace_id", "archived_at", "sort_name"),
        Index("ix_accounts_list_updated", "workspace_id", "archived_at", "updated_at"),
        # The filter column, then archived_at: every list says `archived_at IS NULL`, and with
        # three equality columns SQLite (which has no statistics) always prefers these indexes
        # to ix_accounts_list_*, reads the page in sort_name order and counts from the index.
        Index("ix_accounts_industry", "workspace_id", "industry", "archived_at", "sort_name"),
        Index("ix_accounts_province", "workspace_id", "province", "archived_at", "sort_name"),
        Index("ix_accounts_stage", "workspace_id", "lifecycle_stage", "archived_at", "sort_name"),
        Index("ix_accounts_owner", "workspace_id", "owner_id", "archived_at", "sort_name"),
        Index("ix_accounts_parent", "workspace_id", "parent_id"),
        Index("ix_accounts_leading_1", "workspace_id", "archived_at", leading(1), "sort_name"),
        Index("ix_accounts_leading_2", "workspace_id", "archived_at", leading(2), "sort_name"),
    )

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(60))
    english_name: Mapped[str | None] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    credit_code: Mapped[str | None] = mapped_column(String(18))
    industry: Mapped[Industry | None] = mapped_column(_enum(Industry, "industry"))
    province: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(40))
    ownership: Mapped[Ownership | None] = mapped_column(_enum(Ownership, "ownership"))
    size_band: Mapped[SizeBand | None] = mapped_column(_enum(SizeBand, "size_band"))
    revenue_band: Mapped[RevenueBand | None] = mapped_column(_enum(RevenueBand, "revenue_band"))
    parent_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="SET NULL")
    )
    owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    lifecycle_stage: Mapped[LifecycleStage] = mapped_column(
        _enum(LifecycleStage, "lifecycle_stage"), default=LifecycleStage.POTENTIAL
    )
    lost_reason: Mapped[str | None] = mapped_column(String(500))
    lost_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[AccountStatus] = mapped_column(
        _enum(AccountStatus, "account_status"), default=AccountStatus.ACTIVE
    )
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    website: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="SET NULL")
    )


class AccountTag(IdMixin, TenantMixin, Base):
    """One tag of an account, kept in its own table so lists can filter by tag on an index."""

    __tablename__ = "account_tags"
    __table_args__ = (
        UniqueConstraint("account_id", "tag"),
        Index("ix_account_tags_tag", "workspace_id", "tag", "account_id"),
    )

    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(40))


class AccountTeamMember(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """One of our people on an account's team (销售/技术/市场/售后)."""

    __tablename__ = "account_team_members"
    __audit_entity__ = "account_team_member"
    __audit_label__ = None
    __table_args__ = (UniqueConstraint("account_id", "user_id"),)

    account_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[TeamRole] = mapped_column(_enum(TeamRole, "team_role"))
