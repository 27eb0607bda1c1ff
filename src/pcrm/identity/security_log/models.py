"""ORM model of the security log. Append-only: the ORM refuses to update or delete an event
(`core.audit.AppendOnly`) and no route or repository function offers a way to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import AppendOnly
from pcrm.core.db import Base, IdMixin, IdType, utcnow, vocabulary
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome


class SecurityEvent(IdMixin, AppendOnly, Base):
    """One security event. `workspace_id` is empty when no workspace is known (a sign-in
    with an unknown e-mail address, an unknown token): such events are for the operator."""

    __tablename__ = "security_events"
    __table_args__ = (
        Index("ix_security_events_workspace_time", "workspace_id", "occurred_at"),
        Index("ix_security_events_workspace_kind", "workspace_id", "kind", "id"),
    )

    workspace_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=True
    )
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[SecurityEventKind] = mapped_column(
        vocabulary(SecurityEventKind, "security_event_kind", 30)
    )
    outcome: Mapped[SecurityOutcome] = mapped_column(
        vocabulary(SecurityOutcome, "security_outcome", 10)
    )
    user_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    email: Mapped[str | None] = mapped_column(String(254))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    credential_id: Mapped[int | None] = mapped_column(IdType, nullable=True)
    detail: Mapped[str | None] = mapped_column(String(300))
    request_id: Mapped[str | None] = mapped_column(String(64))
