"""ORM model of workspaces, the tenants."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, TimestampMixin, VersionedMixin


class Workspace(IdMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A tenant: one customer organisation of PCRM. Every business row belongs to one."""

    __tablename__ = "workspaces"
    __audit_entity__ = "workspace"
    __table_args__ = (
        CheckConstraint(
            "sign_off_reminder_days >= 1 AND sign_off_reminder_days <= 60",
            name="sign_off_reminder_days_range",
        ),
        CheckConstraint(
            "conflict_escalation_days >= 1 AND conflict_escalation_days <= 60",
            name="conflict_escalation_days_range",
        ),
    )

    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    default_locale: Mapped[str] = mapped_column(String(10), default="zh_CN")
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Shanghai")
    # a customer sign-off pending longer than this is late: the PM is reminded, pages mark it
    sign_off_reminder_days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    # a project conflict unresolved this long after it opened goes to the project manager
    conflict_escalation_days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
