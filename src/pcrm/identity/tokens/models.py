"""ORM model of personal API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin


class ApiToken(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A personal API token (`Authorization: Bearer`). Shown once; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"
    __audit_entity__ = "api_token"
    __audit_exclude__ = frozenset({"token_hash", "last_used_at"})

    user_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    token_prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    # What the token may reach, space-separated (identity.tokens.scopes): "write" is all.
    scopes: Mapped[str] = mapped_column(String(1000), default="write", server_default="write")
