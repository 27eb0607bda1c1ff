"""ORM models of the tender (招标信息) and the bid: the tender with its scoring items, the
participating vendors with their estimated scores, and the quote rounds."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
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
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.opportunities.pipeline.models import Money, opportunity_fk, vocabulary_type
from pcrm.opportunities.vocab import EvaluationMethod, PriceFormula, TenderMethod, VendorStatus


class Tender(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """The tender (招标信息) of an opportunity that goes to tender: method, evaluation, the
    price-score rule and the key time points (项目关键时点)."""

    __tablename__ = "tenders"
    __audit_entity__ = "tender"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("opportunity_id"),
        CheckConstraint("bid_bond IS NULL OR bid_bond >= 0", name="bond_positive"),
        Index("ix_tenders_submission", "workspace_id", "submission_deadline"),
    )

    opportunity_id: Mapped[int] = opportunity_fk()
    method: Mapped[TenderMethod] = mapped_column(vocabulary_type(TenderMethod, "tender_method"))
    evaluation_method: Mapped[EvaluationMethod] = mapped_column(
        vocabulary_type(EvaluationMethod, "evaluation_method")
    )
    price_formula: Mapped[PriceFormula] = mapped_column(
        vocabulary_type(PriceFormula, "price_formula"), default=PriceFormula.LOWEST_RATIO
    )
    benchmark_discount: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    deduct_above: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("1"))
    deduct_below: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0.5"))
    agency: Mapped[str | None] = mapped_column(String(200))
    bid_bond: Mapped[Decimal | None] = mapped_column(Money)
    rfp_published_on: Mapped[date | None] = mapped_column(Date)
    qa_deadline: Mapped[datetime | None]
    site_visit_at: Mapped[datetime | None]
    submission_deadline: Mapped[datetime | None]
    opening_at: Mapped[datetime | None]
    award_announced_on: Mapped[date | None] = mapped_column(Date)
    contract_signed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class ScoringItem(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A scoring item (评分项) of a weighted tender with its weight; sub-items have a parent and
    their weights add up to the parent's. Exactly one top-level item is the price item.
    Written as a whole sheet with the tender."""

    __tablename__ = "scoring_items"
    __audit_entity__ = "scoring_item"
    __table_args__ = (
        CheckConstraint("weight > 0 AND weight <= 100", name="weight_range"),
        Index("ix_scoring_items_tender", "workspace_id", "tender_id", "position"),
    )

    tender_id: Mapped[int] = mapped_column(IdType, ForeignKey("tenders.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("scoring_items.id", ondelete="CASCADE")
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    weight: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    is_price: Mapped[bool] = mapped_column(Boolean, default=False)


class Vendor(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A participating vendor (参与厂商) of an opportunity: a competitor, or us
    (`competitor_id` empty)."""

    __tablename__ = "opportunity_vendors"
    __audit_entity__ = "opportunity_vendor"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("opportunity_id", "competitor_id"),
        Index("ix_opportunity_vendors_competitor", "workspace_id", "competitor_id"),
    )

    opportunity_id: Mapped[int] = opportunity_fk()
    competitor_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("competitors.id", ondelete="RESTRICT")
    )
    status: Mapped[VendorStatus] = mapped_column(
        vocabulary_type(VendorStatus, "vendor_status"), default=VendorStatus.BIDDING
    )
    notes: Mapped[str | None] = mapped_column(String(1000))


class VendorScore(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """Our estimate of what a vendor scores on a non-price scoring item."""

    __tablename__ = "vendor_scores"
    __audit_entity__ = "vendor_score"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("vendor_id", "scoring_item_id"),
        CheckConstraint("score >= 0", name="score_positive"),
        Index("ix_vendor_scores_item", "workspace_id", "scoring_item_id"),
    )

    vendor_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("opportunity_vendors.id", ondelete="CASCADE")
    )
    scoring_item_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("scoring_items.id", ondelete="CASCADE")
    )
    score: Mapped[Decimal] = mapped_column(Numeric(5, 2))


class QuoteRound(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A quote round (报价轮次): numbered 1, 2, … in date order."""

    __tablename__ = "quote_rounds"
    __audit_entity__ = "quote_round"
    __audit_label__ = None
    __table_args__ = (UniqueConstraint("opportunity_id", "number"),)

    opportunity_id: Mapped[int] = opportunity_fk()
    number: Mapped[int] = mapped_column(Integer)
    quoted_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))


class Quote(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """One vendor's quote in a round, ours or a competitor's (with where we learned it)."""

    __tablename__ = "quotes"
    __audit_entity__ = "quote"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("round_id", "vendor_id"),
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_quotes_vendor", "workspace_id", "vendor_id"),
    )

    round_id: Mapped[int] = mapped_column(IdType, ForeignKey("quote_rounds.id", ondelete="CASCADE"))
    vendor_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("opportunity_vendors.id", ondelete="CASCADE")
    )
    amount: Mapped[Decimal] = mapped_column(Money)
    source: Mapped[str | None] = mapped_column(String(200))
