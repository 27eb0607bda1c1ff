"""ORM models of portal principals: the customer's people, their invitation link, their
sessions and their sign-in attempts (apart from the staff's, so the two never share a count)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import (
    Base,
    IdMixin,
    IdType,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    vocabulary,
)
from pcrm.identity.portal_users.vocab import PortalRole


class PortalUser(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A person of the customer who signs in to the portal. One per contact (so one account of
    one workspace); the invitation link lives on the row until the password is set."""

    __tablename__ = "portal_users"
    __audit_entity__ = "portal_user"
    __audit_label__ = "email"
    __audit_exclude__ = frozenset({"password_hash", "token_hash", "last_login_at"})
    __table_args__ = (UniqueConstraint("workspace_id", "contact_id"),)

    # the contact (accounts area) and its account; ids only: identity comes before accounts
    contact_id: Mapped[int] = mapped_column(IdType)
    account_id: Mapped[int] = mapped_column(IdType)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[PortalRole] = mapped_column(vocabulary(PortalRole, "portal_role"))
    locale: Mapped[str | None] = mapped_column(String(10))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    invited_at: Mapped[datetime]
    invitation_expires_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    deactivated_at: Mapped[datetime | None]
    deactivation_reason: Mapped[str | None] = mapped_column(String(40))
    last_login_at: Mapped[datetime | None]


class PortalSession(IdMixin, TenantMixin, Base):
    """A signed-in customer's browser; the cookie holds a random token, only its SHA-256 is
    stored."""

    __tablename__ = "portal_sessions"

    portal_user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("portal_users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class PortalLoginAttempt(IdMixin, Base):
    """Portal sign-in attempts, for the portal's own throttling (same delays as the staff's)."""

    __tablename__ = "portal_login_attempts"
    __table_args__ = (
        Index("ix_portal_login_attempts_email_time", "email", "occurred_at"),
        Index("ix_portal_login_attempts_ip_time", "ip", "occurred_at"),
    )

    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    succeeded: Mapped[bool] = mapped_column(Boolean)
