"""ORM models of sign-in: the sessions of signed-in browsers and the sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.db import Base, IdMixin, IdType, TenantMixin


class UserSession(IdMixin, TenantMixin, Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "user_sessions"

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class LoginAttempt(IdMixin, Base):
    """Sign-in attempts, shared by every app process, for per-account and per-IP throttling."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_time", "email", "occurred_at"),
        Index("ix_login_attempts_ip_time", "ip", "occurred_at"),
    )

    email: Mapped[str] = mapped_column(String(254))
    ip: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    succeeded: Mapped[bool] = mapped_column(Boolean)
