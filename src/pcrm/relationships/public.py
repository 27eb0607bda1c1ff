"""What later areas (opportunities' decision chain, analytics) may use from relationships."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal
from pcrm.relationships.closeness.schemas import Closeness, Path
from pcrm.relationships.closeness.service import closeness, paths_to
from pcrm.relationships.competitors import repository as competitors_repo
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.competitors.schemas import CompetitorRead, CompetitorTieRead
from pcrm.relationships.graph import repository as repo
from pcrm.relationships.graph.schemas import AcquaintanceRead, Graph
from pcrm.relationships.graph.service import account_graph, who_knows
from pcrm.relationships.vocab import InteractionLevel, RelationshipStatus
from pcrm.relationships.vocab import label as vocab_label

__all__ = [
    "AcquaintanceRead",
    "Closeness",
    "CompetitorRead",
    "CompetitorTieRead",
    "Graph",
    "InteractionLevel",
    "Path",
    "RelationshipStatus",
    "account_graph",
    "closeness",
    "competitor_names",
    "competitor_ties",
    "current_stances",
    "get_competitor",
    "list_competitors",
    "paths_to",
    "vocab_label",
    "who_knows",
]


def competitor_names(db: Session, scope: WorkspaceScope, ids: set[int]) -> dict[int, str]:
    """Names of the workspace's competitors among `ids` (archived ones included)."""
    return {c.id: c.name for c in competitors_repo.competitors_by_ids(db, scope, ids).values()}


def current_stances(
    db: Session, scope: WorkspaceScope, contact_ids: set[int]
) -> dict[int, tuple[RelationshipStatus, InteractionLevel]]:
    """Each contact's current relationship status and interaction level, where profiled."""
    return {
        contact_id: (p.relationship_status, p.interaction_level)
        for contact_id, p in repo.current_profiles(db, scope, contact_ids).items()
    }


def get_competitor(db: Session, principal: Principal, competitor_id: int) -> CompetitorRead:
    return CompetitorRead.model_validate(competitors.get_competitor(db, principal, competitor_id))


def list_competitors(db: Session, principal: Principal) -> list[CompetitorRead]:
    return [CompetitorRead.model_validate(c) for c in competitors.list_competitors(db, principal)]


def competitor_ties(
    db: Session, principal: Principal, competitor_id: int
) -> list[CompetitorTieRead]:
    return [
        CompetitorTieRead.model_validate(t)
        for t in competitors.competitor_ties(db, principal, competitor_id)
    ]
