"""API schemas of profiles, the links between people and the relationship graph."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id, WriteModel
from pcrm.relationships.vocab import (
    AcquaintanceKind,
    BehaviourOrientation,
    InteractionLevel,
    RelationshipStatus,
)

Note = Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=500)]
Strength = Annotated[int, Field(ge=1, le=5, description="1 (weak) to 5 (strong)")]


class _Write(WriteModel):
    pass


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ProfileWrite(_Write):
    behaviour: BehaviourOrientation | None = None
    relationship_status: RelationshipStatus = RelationshipStatus.UNKNOWN
    interaction_level: InteractionLevel = InteractionLevel.NONE
    effective_on: Day | None = Field(default=None, description="Defaults to today.")
    note: Note = None


class ProfileRead(_Read):
    id: Id
    contact_id: Id
    behaviour: BehaviourOrientation | None
    relationship_status: RelationshipStatus
    interaction_level: InteractionLevel
    effective_on: Day
    note: str | None
    created_at: Instant


class InfluenceCreate(_Write):
    from_contact_id: Id
    to_contact_id: Id
    strength: Strength
    note: Note = None


class InfluenceUpdate(_Write):
    strength: Strength | None = None
    note: Note = None


class InfluenceRead(_Read):
    id: Id
    from_contact_id: Id
    to_contact_id: Id
    strength: int
    note: str | None
    version: int


class DottedLineCreate(_Write):
    contact_id: Id
    manager_id: Id
    note: Note = None


class DottedLineRead(_Read):
    id: Id
    contact_id: Id
    manager_id: Id
    note: str | None


class AcquaintanceCreate(_Write):
    user_id: Id
    contact_id: Id
    closeness: Strength
    kind: AcquaintanceKind = AcquaintanceKind.BUSINESS
    since: Day | None = None
    note: Note = None


class AcquaintanceUpdate(_Write):
    closeness: Strength | None = None
    kind: AcquaintanceKind | None = None
    since: Day | None = None
    note: Note = None


class AcquaintanceRead(_Read):
    id: Id
    user_id: Id
    contact_id: Id
    closeness: int
    kind: AcquaintanceKind
    since: Day | None
    note: str | None
    last_interaction: Instant | None = Field(
        default=None, description="Latest activity the user and the contact took part in."
    )
    version: int


NodeKind = Literal["contact", "external_contact", "user", "competitor"]
EdgeKind = Literal["reports_to", "dotted_line", "influence", "acquaintance", "competitor_tie"]


class GraphNode(BaseModel):
    id: str = Field(description="c<id> contact, u<id> user, k<id> competitor")
    kind: NodeKind
    record_id: Id
    label: str
    detail: str = ""
    importance: str | None = None
    relationship_status: str | None = None
    account_id: Id | None = None
    version: int | None = Field(
        default=None, description="A contact's version, for If-Match when moving it"
    )


class GraphEdge(BaseModel):
    source: str
    target: str
    kind: EdgeKind
    strength: int | None = None
    record_id: Id | None = None


class Graph(BaseModel):
    account_id: Id
    nodes: list[GraphNode]
    edges: list[GraphEdge]
