"""ORM models of a deliverable's quality (质量): its standards (质量标准) and the inspections
(质量检查) with the result measured against each standard. The deliverable itself, with its
acceptance columns, is `pcrm.projects.plan.models.Deliverable`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.deliverables.vocab import Comparison, QualityKind
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type

Measure = Numeric(18, 4)


def deliverable_fk() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("project_deliverables.id", ondelete="CASCADE"))


class QualityStandard(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """What a deliverable must meet: a product (performance, reliability, security, other) or
    service (response time, resolution time) standard, its metric and the target it must reach
    at least or stay at most."""

    __tablename__ = "project_quality_standards"
    __audit_entity__ = "project_quality_standard"
    __audit_label__ = "metric"
    __table_args__ = (
        Index("ix_project_quality_standards_deliverable", "workspace_id", "deliverable_id"),
    )

    project_id: Mapped[int] = project_fk()
    deliverable_id: Mapped[int] = deliverable_fk()
    kind: Mapped[QualityKind] = mapped_column(vocabulary_type(QualityKind, "quality_kind"))
    metric: Mapped[str] = mapped_column(String(200))
    target_value: Mapped[Decimal] = mapped_column(Measure)
    unit: Mapped[str | None] = mapped_column(String(40))
    comparison: Mapped[Comparison] = mapped_column(
        vocabulary_type(Comparison, "quality_comparison"), default=Comparison.AT_LEAST
    )


class QualityInspection(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """One inspection of a deliverable: when, by whom of ours, with which of the customer's
    people, whether it passed (every standard measured met its target) and the findings. A
    failed one opened an issue in the conflicts register (`issue_id`)."""

    __tablename__ = "project_quality_inspections"
    __audit_entity__ = "project_quality_inspection"
    __audit_label__ = None
    __table_args__ = (
        Index("ix_project_quality_inspections_project", "workspace_id", "project_id"),
    )

    project_id: Mapped[int] = project_fk()
    deliverable_id: Mapped[int] = deliverable_fk()
    inspected_on: Mapped[date] = mapped_column(Date)
    inspector_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    participant_id: Mapped[int | None] = contact_fk()
    passed: Mapped[bool] = mapped_column(Boolean)
    findings: Mapped[str | None] = mapped_column(Text)
    issue_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_conflicts.id", ondelete="SET NULL")
    )


class InspectionResult(IdMixin, TenantMixin, TimestampMixin, Base):
    """What an inspection found for one standard: the measured value (its pass computed from
    the target) or, when nothing was measured, the inspector's pass or fail."""

    __tablename__ = "project_quality_results"
    __table_args__ = (
        UniqueConstraint("inspection_id", "standard_id"),
        Index("ix_project_quality_results_inspection", "workspace_id", "inspection_id"),
    )

    inspection_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_quality_inspections.id", ondelete="CASCADE")
    )
    standard_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_quality_standards.id", ondelete="CASCADE")
    )
    measured_value: Mapped[Decimal | None] = mapped_column(Measure)
    passed: Mapped[bool] = mapped_column(Boolean)
