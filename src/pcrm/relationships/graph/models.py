"""ORM models of the people and their links: profiles, influence, dotted lines, our
relationships."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
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
from pcrm.relationships.vocab import (
    AcquaintanceKind,
    BehaviourOrientation,
    InteractionLevel,
    RelationshipStatus,
)


def _enum(cls: type[Any], name: str) -> Enum:
    return vocabulary(cls, name)


def _contact() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("contacts.id", ondelete="CASCADE"))


class ProfileEntry(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A contact's profile as of a date (行为取向, 关系状况, 交互程度). The newest is current;
    older ones show how the relationship developed."""

    __tablename__ = "profile_entries"
    __audit_entity__ = "profile_entry"
    __audit_label__ = None
    __table_args__ = (
        Index("ix_profile_entries_contact", "workspace_id", "contact_id", "effective_on", "id"),
    )

    contact_id: Mapped[int] = _contact()
    behaviour: Mapped[BehaviourOrientation | None] = mapped_column(
        _enum(BehaviourOrientation, "behaviour_orientation")
    )
    relationship_status: Mapped[RelationshipStatus] = mapped_column(
        _enum(RelationshipStatus, "relationship_status")
    )
    interaction_level: Mapped[InteractionLevel] = mapped_column(
        _enum(InteractionLevel, "interaction_level")
    )
    effective_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))


class Influence(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """Contact → contact: who sways whom (影响力关系), strength 1–5; may cross accounts."""

    __tablename__ = "influences"
    __audit_entity__ = "influence"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("workspace_id", "from_contact_id", "to_contact_id"),
        CheckConstraint("strength BETWEEN 1 AND 5", name="strength_range"),
        CheckConstraint("from_contact_id <> to_contact_id", name="no_self"),
        Index("ix_influences_to", "workspace_id", "to_contact_id"),
    )

    from_contact_id: Mapped[int] = _contact()
    to_contact_id: Mapped[int] = _contact()
    strength: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))


class DottedLine(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """Dotted-line reporting (虚线汇报): the contact also reports to another person."""

    __tablename__ = "dotted_lines"
    __audit_entity__ = "dotted_line"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("workspace_id", "contact_id", "manager_id"),
        CheckConstraint("contact_id <> manager_id", name="no_self"),
        Index("ix_dotted_lines_manager", "workspace_id", "manager_id"),
    )

    contact_id: Mapped[int] = _contact()
    manager_id: Mapped[int] = _contact()
    note: Mapped[str | None] = mapped_column(String(500))


class Acquaintance(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """One of our people knows a customer person (我司关系资源), closeness 1–5."""

    __tablename__ = "acquaintances"
    __audit_entity__ = "acquaintance"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id", "contact_id"),
        CheckConstraint("closeness BETWEEN 1 AND 5", name="closeness_range"),
        Index("ix_acquaintances_contact", "workspace_id", "contact_id"),
    )

    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = _contact()
    closeness: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AcquaintanceKind] = mapped_column(_enum(AcquaintanceKind, "acquaintance_kind"))
    since: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))
