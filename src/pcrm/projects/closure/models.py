"""ORM models of a project's closure (收尾): the customer satisfaction analysis, the customer's
evaluation of our project organisation, lessons learned, improvement actions and follow-ups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.closure.vocab import ImprovementSource, ImprovementStatus, LessonCategory
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type


def user_ref() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))


class SatisfactionAnalysis(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """客户满意度分析表: the customer's scores (1–5) per dimension, who answered and when, and
    the comments sorted into satisfied points, dissatisfied points and improvement items. One
    per project, recorded on the customer's word."""

    __tablename__ = "project_satisfaction_analyses"
    __audit_entity__ = "project_satisfaction_analysis"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("workspace_id", "project_id", name="uq_project_satisfaction_analysis"),
    )

    project_id: Mapped[int] = project_fk()
    respondent_id: Mapped[int | None] = contact_fk()
    surveyed_on: Mapped[date] = mapped_column(Date)
    scores: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    satisfied_points: Mapped[list[str]] = mapped_column(JSON, default=list)
    dissatisfied_points: Mapped[list[str]] = mapped_column(JSON, default=list)
    improvement_items: Mapped[list[str]] = mapped_column(JSON, default=list)


class OrganisationEvaluation(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """客户评估项目组织表: the customer's ratings (1–5) of our project organisation, with their
    suggestions and criticism, who evaluated and when. One per project."""

    __tablename__ = "project_organisation_evaluations"
    __audit_entity__ = "project_organisation_evaluation"
    __audit_label__ = None
    __table_args__ = (
        UniqueConstraint("workspace_id", "project_id", name="uq_project_organisation_evaluation"),
    )

    project_id: Mapped[int] = project_fk()
    evaluator_id: Mapped[int | None] = contact_fk()
    evaluated_on: Mapped[date] = mapped_column(Date)
    ratings: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    suggestions: Mapped[str | None] = mapped_column(Text)
    criticism: Mapped[str | None] = mapped_column(Text)


class Lesson(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A lesson learned (经验教训): what went well, what to improve, or a recommendation for
    later projects of the account, and who wrote it."""

    __tablename__ = "project_lessons"
    __audit_entity__ = "project_lesson"
    __audit_label__ = "text"
    __table_args__ = (Index("ix_project_lessons_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    category: Mapped[LessonCategory] = mapped_column(
        vocabulary_type(LessonCategory, "lesson_category")
    )
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = user_ref()


class ImprovementAction(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """An improvement action (改进事项, 落实改进) from an item of the customer's evaluation, a
    dissatisfied point or improvement item of the satisfaction analysis, or a lesson: what is
    done, by whom, by when, and its way 打开 → 进行中 → 已完成 → 已验证."""

    __tablename__ = "project_improvements"
    __audit_entity__ = "project_improvement"
    __audit_label__ = "title"
    __table_args__ = (
        Index("ix_project_improvements_project", "workspace_id", "project_id"),
        Index("ix_project_improvements_status", "workspace_id", "status", "due_on"),
    )

    project_id: Mapped[int] = project_fk()
    title: Mapped[str] = mapped_column(String(500))
    source: Mapped[ImprovementSource] = mapped_column(
        vocabulary_type(ImprovementSource, "improvement_source")
    )
    # the evaluation's item key, or the satisfaction point's text, as it was when chosen
    source_detail: Mapped[str | None] = mapped_column(String(500))
    lesson_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("project_lessons.id", ondelete="SET NULL")
    )
    owner_id: Mapped[int | None] = user_ref()
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ImprovementStatus] = mapped_column(
        vocabulary_type(ImprovementStatus, "improvement_status"), default=ImprovementStatus.OPEN
    )
    note: Mapped[str | None] = mapped_column(Text)
    done_on: Mapped[date | None] = mapped_column(Date)
    verified_by_id: Mapped[int | None] = user_ref()
    verified_on: Mapped[date | None] = mapped_column(Date)


class FollowUp(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A follow-up visit (回访) after closure: when it is due (a reminder for the project manager
    or the account owner) and, once held, when and what came of it."""

    __tablename__ = "project_follow_ups"
    __audit_entity__ = "project_follow_up"
    __audit_label__ = "due_on"
    __table_args__ = (Index("ix_project_follow_ups_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    done_by_id: Mapped[int | None] = user_ref()
