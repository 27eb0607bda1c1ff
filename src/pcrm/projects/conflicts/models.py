"""ORM models of a project's issues and conflicts (问题与冲突) and their parties."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.projects.conflicts.vocab import ConflictKind, ConflictStatus, ProjectElement, Severity
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type


def user_ref() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))


class ProjectConflict(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """An issue or conflict with the customer: its kind (and, for a project-element conflict,
    which element), severity, what it is about, the parties, and its way from opened through
    negotiation to the resolution agreed with the customer (who agreed, when) and its closing.
    """

    __tablename__ = "project_conflicts"
    __audit_entity__ = "project_conflict"
    __audit_label__ = "title"
    __table_args__ = (Index("ix_project_conflicts_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    kind: Mapped[ConflictKind] = mapped_column(vocabulary_type(ConflictKind, "conflict_kind"))
    element: Mapped[ProjectElement | None] = mapped_column(
        vocabulary_type(ProjectElement, "project_element")
    )
    severity: Mapped[Severity] = mapped_column(
        vocabulary_type(Severity, "conflict_severity"), default=Severity.MEDIUM
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ConflictStatus] = mapped_column(
        vocabulary_type(ConflictStatus, "conflict_status"), default=ConflictStatus.OPEN
    )
    opened_on: Mapped[date] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)
    agreed_by_id: Mapped[int | None] = contact_fk()  # the customer's person who agreed
    resolved_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class ConflictParty(IdMixin, TenantMixin, TimestampMixin, Base):
    """One party of a conflict: a user of ours or a contact of the customer."""

    __tablename__ = "project_conflict_parties"
    __table_args__ = (
        Index("ix_project_conflict_parties_conflict", "conflict_id"),
        CheckConstraint(
            "(user_id IS NULL) <> (contact_id IS NULL)", name="conflict_party_is_one_person"
        ),
    )

    conflict_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("project_conflicts.id", ondelete="CASCADE")
    )
    user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("contacts.id", ondelete="CASCADE")
    )
