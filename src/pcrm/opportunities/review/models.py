"""ORM model of the win/loss review (经验总结) of a closed opportunity."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.opportunities.pipeline.models import Money, opportunity_fk, vocabulary_type
from pcrm.opportunities.vocab import Outcome


class WinLossReview(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """经验总结: required to close an opportunity (won, lost or abandoned)."""

    __tablename__ = "win_loss_reviews"
    __audit_entity__ = "win_loss_review"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("opportunity_id"),
        CheckConstraint("winning_price IS NULL OR winning_price > 0", name="price_positive"),
    )

    opportunity_id: Mapped[int] = opportunity_fk()
    outcome: Mapped[Outcome] = mapped_column(vocabulary_type(Outcome, "review_outcome"))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason_note: Mapped[str | None] = mapped_column(Text)
    what_worked: Mapped[str | None] = mapped_column(Text)
    what_to_change: Mapped[str | None] = mapped_column(Text)
    winner_competitor_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("competitors.id", ondelete="SET NULL")
    )
    winning_price: Mapped[Decimal | None] = mapped_column(Money)
