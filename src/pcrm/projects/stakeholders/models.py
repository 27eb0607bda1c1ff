"""ORM model of the stakeholder register (项目干系人)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.projects.models import project_fk, vocabulary_type
from pcrm.projects.vocab import Channel, Frequency, StakeholderRole


class Stakeholder(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A customer person who uses, pays for, decides on or is affected by the project's
    output, with their power and interest (1–5), expectations and how we keep them informed."""

    __tablename__ = "project_stakeholders"
    __audit_entity__ = "project_stakeholder"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("project_id", "contact_id"),
        CheckConstraint("power BETWEEN 1 AND 5", name="power_range"),
        CheckConstraint("interest BETWEEN 1 AND 5", name="interest_range"),
        Index("ix_project_stakeholders_contact", "workspace_id", "contact_id"),
    )

    project_id: Mapped[int] = project_fk()
    contact_id: Mapped[int] = mapped_column(IdType, ForeignKey("contacts.id", ondelete="CASCADE"))
    project_role: Mapped[StakeholderRole] = mapped_column(
        vocabulary_type(StakeholderRole, "stakeholder_role")
    )
    stakes: Mapped[list[str]] = mapped_column(JSON, default=list)
    power: Mapped[int] = mapped_column(Integer)
    interest: Mapped[int] = mapped_column(Integer)
    expectations: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[Channel | None] = mapped_column(vocabulary_type(Channel, "stakeholder_channel"))
    frequency: Mapped[Frequency | None] = mapped_column(
        vocabulary_type(Frequency, "stakeholder_frequency")
    )
    our_owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    is_approver: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(String(500))
