"""ORM model of a project's SMART goals (项目目标)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.goals.vocab import GoalKind
from pcrm.projects.projects.models import project_fk, vocabulary_type

Measure = Numeric(18, 4)


def user_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))


class Goal(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A goal agreed with the customer: what (statement), how it is measured (metric, target,
    unit, current value), by when (deadline), who answers for it (owner), what it serves (a
    requirement and/or a stakeholder), and whether it was confirmed achievable (by whom, when).
    A satisfaction goal's current value is the loyalty area's to fill; it stays empty here."""

    __tablename__ = "project_goals"
    __audit_entity__ = "project_goal"
    __audit_label__ = "statement"
    __table_args__ = (Index("ix_project_goals_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    kind: Mapped[GoalKind] = mapped_column(
        vocabulary_type(GoalKind, "goal_kind"), default=GoalKind.OUTCOME
    )
    statement: Mapped[str] = mapped_column(String(1000))
    metric: Mapped[str | None] = mapped_column(String(200))
    target_value: Mapped[Decimal | None] = mapped_column(Measure)
    unit: Mapped[str | None] = mapped_column(String(40))
    current_value: Mapped[Decimal | None] = mapped_column(Measure)
    deadline: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int | None] = user_fk()
    requirement_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_requirements.id", ondelete="SET NULL")
    )
    stakeholder_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_stakeholders.id", ondelete="SET NULL")
    )
    # 确认可实现: who on our side recorded it and when; cleared when what is measured changes
    achievable_confirmed_by_id: Mapped[int | None] = user_fk()
    achievable_confirmed_at: Mapped[datetime | None] = mapped_column()
