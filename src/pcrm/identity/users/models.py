"""ORM models of the workspace's users and of invitations to join it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin, VersionedMixin
from pcrm.identity.permissions import Role

RoleType = Enum(
    Role,
    name="role",
    native_enum=False,
    length=20,
    validate_strings=True,
    values_callable=lambda e: [m.value for m in e],
)


class User(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Audited, Base):
    __tablename__ = "users"
    __audit_entity__ = "user"
    __audit_exclude__ = frozenset({"password_hash", "last_login_at"})

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    english_name: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(RoleType)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str | None] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    deactivated_at: Mapped[datetime | None]


class Invitation(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """An invitation link for a new user; accepting it creates the user with the given role."""

    __tablename__ = "invitations"
    __audit_entity__ = "invitation"
    __audit_label__ = "email"
    __audit_exclude__ = frozenset({"token_hash"})

    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(RoleType)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    user_id: Mapped[int | None] = mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))
