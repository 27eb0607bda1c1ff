"""ORM models of competitors and their ties to customer people."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin


def _contact() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("contacts.id", ondelete="CASCADE"))


class Competitor(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A competitor (竞争对手)."""

    __tablename__ = "competitors"
    __audit_entity__ = "competitor"
    __audit_exclude__ = frozenset({"search_text", "sort_name"})
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    name: Mapped[str] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(200))
    strengths: Mapped[str | None] = mapped_column(Text)
    weaknesses: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    archived_at: Mapped[datetime | None]
    # what the global search looks a query up in (accounts.public.search_fields) and the
    # name in pinyin order
    search_text: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(400), default="")


class CompetitorTie(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A competitor's relationship with a customer person (竞争对手关系资源), closeness 1–5."""

    __tablename__ = "competitor_ties"
    __audit_entity__ = "competitor_tie"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("workspace_id", "competitor_id", "contact_id"),
        CheckConstraint("closeness BETWEEN 1 AND 5", name="closeness_range"),
        Index("ix_competitor_ties_contact", "workspace_id", "contact_id"),
    )

    competitor_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("competitors.id", ondelete="CASCADE")
    )
    contact_id: Mapped[int] = _contact()
    closeness: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(String(500))
