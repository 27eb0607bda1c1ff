"""ORM model of workspaces, the tenants."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, TimestampMixin, VersionedMixin


class Workspace(IdMixin, VersionedMixin, TimestampMixin, Audited, Base):
    """A tenant: one customer organisation of PCRM. Every business row belongs to one."""

    __tablename__ = "workspaces"
    __audit_entity__ = "workspace"

    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    default_locale: Mapped[str] = mapped_column(String(10), default="zh_CN")
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Shanghai")
