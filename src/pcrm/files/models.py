"""Stored files: an upload kept for a record of any area (its owner, named by `owner_type` and
`owner_id`, e.g. an opportunity). The bytes live in the storage under `storage_key`, never in
the database; the row keeps the checked name, type, size, SHA-256 and who uploaded it."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.audit import Audited
from pcrm.core.db import Base, IdMixin, IdType, TenantMixin, TimestampMixin


class StoredFile(IdMixin, TenantMixin, TimestampMixin, Audited, Base):
    """`kind` is the owner's word for what the file is (an opportunity's `rfp`, `proposal`, …);
    `version` numbers the files of one kind of one owner, 1, 2, … in upload order."""

    __tablename__ = "stored_files"
    __audit_entity__ = "stored_file"
    __audit_label__ = "filename"
    __audit_exclude__ = frozenset({"storage_key"})  # where the bytes are kept: internal
    __table_args__ = (
        Index("ix_stored_files_owner", "workspace_id", "owner_type", "owner_id", "kind"),
    )

    owner_type: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(IdType)
    kind: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL")
    )
