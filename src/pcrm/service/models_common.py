"""Column helpers the service area's models share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Enum, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from pcrm.core.db import IdType, vocabulary


def vocabulary_type(cls: type[Any], name: str) -> Enum:
    """A closed vocabulary stored as text of up to 24 characters."""
    return vocabulary(cls, name, length=24)


def user_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("users.id", ondelete="SET NULL"))


def contact_fk() -> Mapped[int | None]:
    return mapped_column(IdType, ForeignKey("contacts.id", ondelete="SET NULL"))
