"""ORM models of the customer's training (培训): who needs which training, the sessions with
their attendees and attendance, and the recorded review of the training needs."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import (
    Base,
    IdMixin,
    IdType,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    utcnow,
)
from pcrm.projects.projects.models import project_fk, vocabulary_type
from pcrm.projects.training.vocab import Attendance, NeedStatus


def contact_ref() -> Mapped[int]:
    return mapped_column(IdType, ForeignKey("contacts.id", ondelete="CASCADE"))


class TrainingNeed(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """One customer person (a contact of the project's account) needs one training."""

    __tablename__ = "project_training_needs"
    __audit_entity__ = "project_training_need"
    __audit_label__ = "topic"
    __table_args__ = (Index("ix_project_training_needs_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    contact_id: Mapped[int] = contact_ref()
    topic: Mapped[str] = mapped_column(String(200))
    status: Mapped[NeedStatus] = mapped_column(
        vocabulary_type(NeedStatus, "training_need_status"), default=NeedStatus.PLANNED
    )
    planned_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(1000))


class TrainingSession(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A training held (or to be held) for the customer's people: when, on what, by whom; its
    materials are files of the files area owned by the session."""

    __tablename__ = "project_training_sessions"
    __audit_entity__ = "project_training_session"
    __audit_label__ = "topic"
    __table_args__ = (
        Index("ix_project_training_sessions_project", "workspace_id", "project_id", "held_on"),
    )

    project_id: Mapped[int] = project_fk()
    topic: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))


class TrainingAttendee(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A customer person invited to a session and whether they came."""

    __tablename__ = "project_training_attendees"
    __audit_entity__ = "project_training_attendee"
    __audit_label__ = None
    __table_args__ = (UniqueConstraint("session_id", "contact_id"),)

    session_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_training_sessions.id", ondelete="CASCADE")
    )
    contact_id: Mapped[int] = contact_ref()
    attendance: Mapped[Attendance] = mapped_column(
        vocabulary_type(Attendance, "training_attendance"), default=Attendance.INVITED
    )


class TrainingReview(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """The act of reviewing the project's training needs (培训需求评审): who, when, a note. The
    planning gate asks for one."""

    __tablename__ = "project_training_reviews"
    __audit_entity__ = "project_training_review"
    __audit_label__ = None
    __table_args__ = (Index("ix_project_training_reviews_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    reviewed_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    needs_count: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(String(1000))
