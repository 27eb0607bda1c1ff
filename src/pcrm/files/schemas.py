"""Schemas of the files area."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from pcrm.core.dates import Instant
from pcrm.core.types import Id


class FileRead(BaseModel):
    """A stored file as its owner's area sees it (never where its bytes are kept)."""

    model_config = ConfigDict(from_attributes=True)

    id: Id
    owner_type: str
    owner_id: Id
    kind: str
    version: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by_id: Id | None
    created_at: Instant


@dataclass(frozen=True, slots=True)
class FileStream:
    """A stored file with its bytes, in chunks, for a download."""

    file: FileRead
    chunks: Iterator[bytes]
