"""ORM model of the project team: a member with a role, responsibilities, allocation and
period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.projects.models import project_fk, vocabulary_type
from pcrm.projects.vocab import TeamRole


class TeamMember(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """One of our people on the project: role, written responsibilities, share of their time
    (allocation %) and the period it holds for (open ends follow the project's dates)."""

    __tablename__ = "project_team_members"
    __audit_entity__ = "project_team_member"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("project_id", "user_id"),
        CheckConstraint("allocation BETWEEN 0 AND 100", name="allocation_range"),
        CheckConstraint(
            "starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on", name="period_in_order"
        ),
        Index("ix_project_team_members_user", "workspace_id", "user_id"),
    )

    project_id: Mapped[int] = project_fk()
    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[TeamRole] = mapped_column(vocabulary_type(TeamRole, "project_team_role"))
    responsibilities: Mapped[str] = mapped_column(Text)
    allocation: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
