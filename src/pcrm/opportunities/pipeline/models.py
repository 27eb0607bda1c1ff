"""ORM models of the opportunities area: the opportunity with its team and relations, the
tender (招标信息) with its scoring items, the participating vendors with their estimated scores
and quote rounds, the decision chain and the win/loss review (documents are files of the
opportunity in pcrm.files)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

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
from pcrm.opportunities.vocab import (
    OpportunityRole,
    ProjectType,
    RelationKind,
    Source,
    Stage,
)

Money = Numeric(18, 2)


def vocabulary_type(cls: type[Any], name: str) -> Enum:
    """A closed vocabulary stored as text of up to 24 characters."""
    return vocabulary(cls, name, length=24)


def opportunity_fk() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("opportunities.id", ondelete="CASCADE"))


class Opportunity(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A project opportunity (商机/项目机会) of an account, from potential to delivered."""

    __tablename__ = "opportunities"
    __audit_entity__ = "opportunity"
    __audit_exclude__ = frozenset({"search_text", "sort_name"})
    __table_args__ = (
        CheckConstraint("probability BETWEEN 0 AND 100", name="probability_range"),
        CheckConstraint("budget_amount IS NULL OR budget_amount >= 0", name="budget_positive"),
        CheckConstraint("awarded_amount IS NULL OR awarded_amount >= 0", name="awarded_positive"),
        Index(
            "ix_opportunities_stage", "workspace_id", "archived_at", "stage", "expected_close_on"
        ),
        Index("ix_opportunities_account", "workspace_id", "account_id", "created_at"),
        Index("ix_opportunities_owner", "workspace_id", "owner_id", "archived_at", "stage"),
        Index("ix_opportunities_list_updated", "workspace_id", "archived_at", "updated_at"),
        # the pipeline totals read this index alone; the name search scans it, not the rows
        Index(
            "ix_opportunities_totals",
            "workspace_id",
            "archived_at",
            "stage",
            "budget_amount",
            "probability",
        ),
        Index("ix_opportunities_name", "workspace_id", "archived_at", "name"),
    )

    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    stage: Mapped[Stage] = mapped_column(
        vocabulary_type(Stage, "opportunity_stage"), default=Stage.POTENTIAL
    )
    probability: Mapped[int] = mapped_column(Integer)
    probability_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    expected_close_on: Mapped[date | None] = mapped_column(Date)
    project_type: Mapped[ProjectType] = mapped_column(
        vocabulary_type(ProjectType, "project_type"), default=ProjectType.NEW
    )
    triggers: Mapped[list[str]] = mapped_column(JSON, default=list)
    trigger_note: Mapped[str | None] = mapped_column(String(500))
    budget_amount: Mapped[Decimal | None] = mapped_column(Money)
    awarded_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    source: Mapped[Source | None] = mapped_column(vocabulary_type(Source, "opportunity_source"))
    no_tender_reason: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
    archived_at: Mapped[datetime | None]
    # what the global search looks a query up in (accounts.public.search_fields: the name,
    # normalised, and its pinyin initials) and the name in pinyin order
    search_text: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(400), default="")


class OpportunityTeamMember(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    __tablename__ = "opportunity_team_members"
    __audit_entity__ = "opportunity_team_member"
    __audit_label__ = None
    __table_args__ = (UniqueConstraint("opportunity_id", "user_id"),)

    opportunity_id: Mapped[int] = opportunity_fk()
    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[OpportunityRole] = mapped_column(
        vocabulary_type(OpportunityRole, "opportunity_role")
    )


class OpportunityRelation(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """`opportunity` is the `kind` of `earlier` (e.g. phase 2 of it). Never a loop."""

    __tablename__ = "opportunity_relations"
    __audit_entity__ = "opportunity_relation"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("opportunity_id", "earlier_id"),
        CheckConstraint("opportunity_id <> earlier_id", name="no_self"),
        Index("ix_opportunity_relations_earlier", "workspace_id", "earlier_id"),
    )

    opportunity_id: Mapped[int] = opportunity_fk()
    earlier_id: Mapped[int] = opportunity_fk()
    kind: Mapped[RelationKind] = mapped_column(
        vocabulary_type(RelationKind, "opportunity_relation_kind")
    )
