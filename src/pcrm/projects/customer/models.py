"""ORM model of the customer's acts in the portal: which portal user did what, on which
record, when, from which address and browser. The act itself (the sign-off, the answer, the
decision) is written by its own service with channel = portal; this row is its receipt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import AppendOnly
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin
from pcrm.projects.customer.vocab import PortalActKind
from pcrm.projects.projects.models import contact_fk, project_fk, vocabulary_type


class PortalAct(AppendOnly, IdMixin, TenantMixin, Base):
    __tablename__ = "project_portal_acts"
    __table_args__ = (Index("ix_project_portal_acts_project", "workspace_id", "project_id"),)

    project_id: Mapped[int] = project_fk()
    # the portal user (identity area), kept as an id: the row outlives a revoked access
    portal_user_id: Mapped[int] = mapped_column(IdType)
    contact_id: Mapped[int | None] = contact_fk()
    actor_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PortalActKind] = mapped_column(vocabulary_type(PortalActKind, "portal_act_kind"))
    record_id: Mapped[int] = mapped_column(IdType)
    summary: Mapped[str] = mapped_column(String(300))
    occurred_at: Mapped[datetime]
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))
