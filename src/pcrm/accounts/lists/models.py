"""ORM models of the lists: a user's saved views and chosen columns."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin


class SavedView(IdMixin, TenantMixin, TimestampMixin, Base):
    """A user's named filter and sort for one list."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id", "list_name", "name"),)

    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    list_name: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(60))
    query: Mapped[str] = mapped_column(String(1000))


class ListColumns(IdMixin, TenantMixin, Base):
    """The columns a user chose to see in one list."""

    __tablename__ = "list_columns"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id", "list_name"),)

    user_id: Mapped[int] = mapped_column(IdType, ForeignKey("users.id", ondelete="CASCADE"))
    list_name: Mapped[str] = mapped_column(String(20))
    columns: Mapped[list[str]] = mapped_column(JSON)
