"""ORM models of service requests (服务请求) and their timeline."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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
from pcrm.service.models_common import contact_fk, user_fk, vocabulary_type
from pcrm.service.vocab import Category, Channel, ComplaintSeverity, Priority, RequestStatus


class ServiceRequest(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A fault, a question, a new need or a complaint from a customer: who reported it, how it
    came in, how urgent it is, and its clock — received, first response, resolved, closed —
    against the due times its SLA target gave when it came in (working time of the workspace's
    calendar, or around the clock). A complaint also records how serious it is, to whom it
    spread and its outcome."""

    __tablename__ = "service_requests"
    __audit_entity__ = "service_request"
    __audit_label__ = "title"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_service_requests_desk", "workspace_id", "status", "resolution_due_at"),
        Index("ix_service_requests_account", "workspace_id", "account_id", "received_at"),
        Index("ix_service_requests_recent", "workspace_id", "received_at", "id"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="service_rating"),
    )

    number: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("projects.id", ondelete="SET NULL")
    )
    plan_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("service_maintenance_plans.id", ondelete="SET NULL")
    )
    reporter_id: Mapped[int | None] = contact_fk()
    assignee_id: Mapped[int | None] = user_fk()
    channel: Mapped[Channel] = mapped_column(vocabulary_type(Channel, "service_channel"))
    category: Mapped[Category] = mapped_column(vocabulary_type(Category, "service_category"))
    priority: Mapped[Priority] = mapped_column(vocabulary_type(Priority, "service_priority"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(
        vocabulary_type(RequestStatus, "service_status"), default=RequestStatus.NEW
    )
    received_at: Mapped[datetime]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    response_due_at: Mapped[datetime]
    resolution_due_at: Mapped[datetime]
    around_the_clock: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)  # the customer's, 1–5, on closing
    rating_comment: Mapped[str | None] = mapped_column(String(1000))
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    # complaints (投诉)
    complaint_severity: Mapped[ComplaintSeverity | None] = mapped_column(
        vocabulary_type(ComplaintSeverity, "complaint_severity")
    )
    spread_to: Mapped[str | None] = mapped_column(String(500))  # to whom it spread, if known
    outcome: Mapped[str | None] = mapped_column(Text)


class RequestNote(IdMixin, TenantMixin, TimestampMixin, Base):
    """A line of a request's timeline written by a person: what was done or said."""

    __tablename__ = "service_request_notes"
    __table_args__ = (Index("ix_service_request_notes_request", "workspace_id", "request_id"),)

    request_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("service_requests.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = user_fk()
    body: Mapped[str] = mapped_column(Text)
    to_customer: Mapped[bool] = mapped_column(Boolean, default=False)
