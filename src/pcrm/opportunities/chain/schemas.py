"""API schemas of the decision chain."""

from __future__ import annotations

from pydantic import Field

from pcrm.core.types import Id
from pcrm.opportunities.pipeline.schemas import ReadSchema, Short, WriteSchema
from pcrm.opportunities.vocab import DecisionRole, Stance
from pcrm.relationships.public import InteractionLevel, RelationshipStatus


class DecisionMemberWrite(WriteSchema):
    contact_id: Id
    decision_role: DecisionRole
    relationship_status: RelationshipStatus | None = Field(
        default=None, description="Defaults to the contact's current profile."
    )
    interaction_level: InteractionLevel | None = Field(
        default=None, description="Defaults to the contact's current profile."
    )
    stance: Stance = Stance.UNKNOWN
    favoured_competitor_id: Id | None = None
    note: Short = None


class DecisionMemberUpdate(WriteSchema):
    decision_role: DecisionRole | None = None
    relationship_status: RelationshipStatus | None = None
    interaction_level: InteractionLevel | None = None
    stance: Stance | None = None
    favoured_competitor_id: Id | None = None
    note: Short = None


class DecisionMemberRead(ReadSchema):
    id: Id
    contact_id: Id
    contact_name: str
    title: str | None
    decision_role: DecisionRole
    relationship_status: RelationshipStatus
    interaction_level: InteractionLevel
    stance: Stance
    favoured_competitor_id: Id | None
    favoured_competitor_name: str | None
    note: str | None
    version: int
