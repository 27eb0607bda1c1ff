"""ORM models of project meetings (会议): the meeting, its attendees and its action items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.meetings.vocab import MeetingKind
from pcrm.projects.projects.models import project_fk, vocabulary_type


class Meeting(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A meeting: its kind, when (day, start, length) and where, its cadence (days to the next
    one of a recurring series), the agenda sent before and the minutes and decisions after."""

    __tablename__ = "project_meetings"
    __audit_entity__ = "project_meeting"
    __audit_label__ = "title"
    __table_args__ = (
        Index("ix_project_meetings_project", "workspace_id", "project_id", "held_on"),
    )

    project_id: Mapped[int] = project_fk()
    kind: Mapped[MeetingKind] = mapped_column(vocabulary_type(MeetingKind, "meeting_kind"))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[str | None] = mapped_column(String(5))  # HH:MM, the meeting's local time
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(200))
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    agenda: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)


class MeetingAttendee(IdMixin, TenantMixin, TimestampMixin, Base):
    """One attendee: a user of ours or a contact of the customer."""

    __tablename__ = "project_meeting_attendees"
    __table_args__ = (
        Index("ix_project_meeting_attendees_meeting", "meeting_id"),
        CheckConstraint(
            "(user_id IS NULL) <> (contact_id IS NULL)", name="meeting_attendee_is_one_person"
        ),
    )

    meeting_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_meetings.id", ondelete="CASCADE")
    )
    user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("contacts.id", ondelete="CASCADE")
    )


class MeetingAction(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """An action item agreed at a meeting: what, who (a user of ours), by when, and when it was
    done. The owner has a reminder on the due day until it is done."""

    __tablename__ = "project_meeting_actions"
    __audit_entity__ = "project_meeting_action"
    __audit_label__ = "description"
    __table_args__ = (Index("ix_project_meeting_actions_meeting", "workspace_id", "meeting_id"),)

    meeting_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_meetings.id", ondelete="CASCADE")
    )
    description: Mapped[str] = mapped_column(String(500))
    owner_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    due_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
