"""API schemas of project documents."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from pcrm.core.dates import Instant
from pcrm.core.types import Id
from pcrm.opportunities.vocab import DocumentKind


class DocumentRead(BaseModel):
    """A version of a document: a file of the opportunity, with its kind and version."""

    model_config = ConfigDict(from_attributes=True)

    id: Id
    opportunity_id: Id
    kind: DocumentKind
    version: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by_id: Id | None
    created_at: Instant
