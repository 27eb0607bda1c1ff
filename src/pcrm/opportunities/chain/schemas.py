"""API schemas of the decision chain."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from pcrm.core.types import Id
from pcrm.opportunities.pipeline.schemas import ReadSchema, Short, WriteSchema
from pcrm.opportunities.vocab import DecisionRole, Stage, Stance
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


class ContactRoleRead(ReadSchema):
    """A contact's part in one live opportunity: what the contact page shows."""

    opportunity_id: int
    opportunity_name: str
    stage: Stage
    amount: Decimal | None = Field(description="The awarded amount once won, else the budget.")
    currency: str
    expected_close_on: date | None
    decision_role: DecisionRole
    stance: Stance
