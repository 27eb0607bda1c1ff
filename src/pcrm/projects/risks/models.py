"""ORM model of risks (风险): a project's, or an opportunity's before its project exists."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.projects.models import vocabulary_type
from pcrm.projects.risks.vocab import RiskCategory, RiskResponse, RiskStatus


class Risk(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A risk: what may happen (description), where it comes from (category), how likely
    (probability 1–5) and how bad (impact 1–5), what we do about it (response and actions), who
    watches it (owner), what shows it is happening (trigger), when it is looked at again
    (review date) and whether it is still open. It hangs on a project, or on an opportunity
    before the project exists; at the conversion an open one moves to the project and keeps
    the opportunity as where it was first seen."""

    __tablename__ = "project_risks"
    __audit_entity__ = "project_risk"
    __audit_label__ = "description"
    __table_args__ = (
        Index("ix_project_risks_project", "workspace_id", "project_id", "status"),
        Index("ix_project_risks_opportunity", "workspace_id", "opportunity_id"),
        CheckConstraint(
            "project_id IS NOT NULL OR opportunity_id IS NOT NULL", name="risk_has_a_home"
        ),
        CheckConstraint("probability BETWEEN 1 AND 5", name="risk_probability"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="risk_impact"),
    )

    project_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("projects.id", ondelete="CASCADE")
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("opportunities.id", ondelete="CASCADE")
    )
    description: Mapped[str] = mapped_column(String(1000))
    category: Mapped[RiskCategory] = mapped_column(vocabulary_type(RiskCategory, "risk_category"))
    probability: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    response: Mapped[RiskResponse] = mapped_column(
        vocabulary_type(RiskResponse, "risk_response"), default=RiskResponse.MITIGATE
    )
    actions: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    trigger: Mapped[str | None] = mapped_column(String(500))
    review_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RiskStatus] = mapped_column(
        vocabulary_type(RiskStatus, "risk_status"), default=RiskStatus.OPEN
    )
