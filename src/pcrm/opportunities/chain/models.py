"""ORM model of the decision chain (项目决策关系): a customer person's part in an opportunity's
decision."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.opportunities.pipeline.models import opportunity_fk, vocabulary_type
from pcrm.opportunities.vocab import DecisionRole, Stance
from pcrm.relationships.public import InteractionLevel, RelationshipStatus


class DecisionChainMember(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A customer person's part in this opportunity's decision (项目决策关系)."""

    __tablename__ = "decision_chain_members"
    __audit_entity__ = "decision_chain_member"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("opportunity_id", "contact_id"),
        Index("ix_decision_chain_members_contact", "workspace_id", "contact_id"),
    )

    opportunity_id: Mapped[int] = opportunity_fk()
    contact_id: Mapped[int] = mapped_column(IdType, ForeignKey("contacts.id", ondelete="CASCADE"))
    decision_role: Mapped[DecisionRole] = mapped_column(
        vocabulary_type(DecisionRole, "decision_role")
    )
    relationship_status: Mapped[RelationshipStatus] = mapped_column(
        vocabulary_type(RelationshipStatus, "relationship_status"),
        default=RelationshipStatus.UNKNOWN,
    )
    interaction_level: Mapped[InteractionLevel] = mapped_column(
        vocabulary_type(InteractionLevel, "interaction_level"), default=InteractionLevel.NONE
    )
    stance: Mapped[Stance] = mapped_column(
        vocabulary_type(Stance, "stance"), default=Stance.UNKNOWN
    )
    favoured_competitor_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("competitors.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(String(500))
