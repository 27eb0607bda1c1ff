"""API schemas of competitors and their ties."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.types import Id, WriteModel
from pcrm.relationships.graph.schemas import Note, Strength


class _Write(WriteModel):
    pass


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CompetitorWrite(_Write):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    website: Annotated[str | None, StringConstraints(max_length=200)] = None
    strengths: Annotated[str | None, StringConstraints(max_length=5000)] = None
    weaknesses: Annotated[str | None, StringConstraints(max_length=5000)] = None
    notes: Annotated[str | None, StringConstraints(max_length=5000)] = None


class CompetitorRead(_Read):
    id: Id
    name: str
    website: str | None
    strengths: str | None
    weaknesses: str | None
    notes: str | None
    version: int


class CompetitorTieCreate(_Write):
    competitor_id: Id
    contact_id: Id
    closeness: Strength
    source: Annotated[str | None, StringConstraints(max_length=300)] = Field(
        default=None, description="Where we learned it."
    )
    note: Note = None


class CompetitorTieUpdate(_Write):
    closeness: Strength | None = None
    source: Annotated[str | None, StringConstraints(max_length=300)] = None
    note: Note = None


class CompetitorTieRead(_Read):
    id: Id
    competitor_id: Id
    contact_id: Id
    closeness: int
    source: str | None
    note: str | None
    version: int
