"""ORM models of contacts: the person at a customer and their time at each account."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.accounts.search.models import Searchable, leading
from pcrm.accounts.vocab import ContactStatus, Gender, Importance
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


def _enum(cls: type[Any], name: str) -> Enum:
    return vocabulary(cls, name)


class Contact(IdMixin, TenantMixin, VersionedMixin, TimestampMixin, Searchable, Audited, Base):
    """A person at a customer (联系人)."""

    __tablename__ = "contacts"
    __audit_entity__ = "contact"
    __audit_exclude__ = frozenset({"search_text", "search_grams", "sort_name"})
    __table_args__ = (
        Index("ix_contacts_list_name", "workspace_id", "archived_at", "sort_name"),
        Index("ix_contacts_list_updated", "workspace_id", "archived_at", "updated_at"),
        Index("ix_contacts_account", "workspace_id", "account_id", "archived_at", "sort_name"),
        Index("ix_contacts_importance", "workspace_id", "importance", "archived_at", "sort_name"),
        Index("ix_contacts_mobile", "workspace_id", "mobile"),
        Index("ix_contacts_email", "workspace_id", "email"),
        Index("ix_contacts_reports_to", "workspace_id", "reports_to_id"),
        Index("ix_contacts_leading_1", "workspace_id", "archived_at", leading(1), "sort_name"),
        Index("ix_contacts_leading_2", "workspace_id", "archived_at", leading(2), "sort_name"),
    )

    name: Mapped[str] = mapped_column(String(100))
    english_name: Mapped[str | None] = mapped_column(String(100))
    gender: Mapped[Gender] = mapped_column(_enum(Gender, "gender"), default=Gender.UNKNOWN)
    title: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="RESTRICT"))
    reports_to_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("contacts.id", ondelete="SET NULL")
    )
    mobile: Mapped[str | None] = mapped_column(String(20))
    office_phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    wechat: Mapped[str | None] = mapped_column(String(60))
    birthday: Mapped[date | None] = mapped_column(Date)
    preferences: Mapped[str | None] = mapped_column(Text)
    importance: Mapped[Importance] = mapped_column(
        _enum(Importance, "importance"), default=Importance.NORMAL
    )
    status: Mapped[ContactStatus] = mapped_column(
        _enum(ContactStatus, "contact_status"), default=ContactStatus.ACTIVE
    )
    left_on: Mapped[date | None] = mapped_column(Date)
    archived_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("contacts.id", ondelete="SET NULL")
    )


class Employment(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """A contact's time at one account: kept when a person moves to another customer."""

    __tablename__ = "employments"
    __audit_entity__ = "employment"
    __audit_label__ = None
    __table_args__ = (Index("ix_employments_contact", "workspace_id", "contact_id", "started_on"),)

    contact_id: Mapped[int] = mapped_column(IdType, ForeignKey("contacts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(IdType, ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
