"""What later areas (opportunities' decision chain, analytics) may use from relationships."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Principal
from pcrm.relationships import vocab as _vocab
from pcrm.relationships.closeness.schemas import Closeness, Path
from pcrm.relationships.closeness.service import closeness, paths_to
from pcrm.relationships.competitors import repository as competitors_repo
from pcrm.relationships.competitors import schemas as _competitor_schemas
from pcrm.relationships.competitors import service as competitors
from pcrm.relationships.competitors.schemas import CompetitorRead, CompetitorTieRead
from pcrm.relationships.graph import repository as repo
from pcrm.relationships.graph import schemas as _graph_schemas
from pcrm.relationships.graph import service as _graph
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


# --- writes for callers outside the area (the demo seed; import and transfer later) ------------
# Each takes the acting principal, is checked and audited like the API's, and returns what the
# API returns. (Each addition on its own lines, so that the area's restructuring merges cleanly.)

AcquaintanceCreate = _graph_schemas.AcquaintanceCreate
CompetitorTieCreate = _competitor_schemas.CompetitorTieCreate
CompetitorWrite = _competitor_schemas.CompetitorWrite
DottedLineCreate = _graph_schemas.DottedLineCreate
DottedLineRead = _graph_schemas.DottedLineRead
InfluenceCreate = _graph_schemas.InfluenceCreate
InfluenceRead = _graph_schemas.InfluenceRead
ProfileRead = _graph_schemas.ProfileRead
ProfileWrite = _graph_schemas.ProfileWrite
AcquaintanceKind = _vocab.AcquaintanceKind
BehaviourOrientation = _vocab.BehaviourOrientation

__all__ += [
    "AcquaintanceCreate",
    "AcquaintanceKind",
    "BehaviourOrientation",
    "CompetitorTieCreate",
    "CompetitorWrite",
    "DottedLineCreate",
    "DottedLineRead",
    "InfluenceCreate",
    "InfluenceRead",
    "ProfileRead",
    "ProfileWrite",
    "create_acquaintance",
    "create_competitor",
    "create_competitor_tie",
    "create_dotted_line",
    "create_influence",
    "set_profile",
]


def create_competitor(db: Session, principal: Principal, data: CompetitorWrite) -> CompetitorRead:
    """A competitor (竞争对手) with its strengths and weaknesses."""
    return CompetitorRead.model_validate(competitors.create_competitor(db, principal, data))


def set_profile(
    db: Session, principal: Principal, contact_id: int, data: ProfileWrite
) -> ProfileRead:
    """A contact's profile as of a date; earlier entries stay as its history."""
    return ProfileRead.model_validate(_graph.set_profile(db, principal, contact_id, data))


def create_influence(db: Session, principal: Principal, data: InfluenceCreate) -> InfluenceRead:
    """One customer person sways another (影响力关系), with a strength of 1 to 5."""
    return InfluenceRead.model_validate(_graph.create_influence(db, principal, data))


def create_dotted_line(db: Session, principal: Principal, data: DottedLineCreate) -> DottedLineRead:
    """A dotted-line report (虚线汇报) beside the organisation chart."""
    return DottedLineRead.model_validate(_graph.create_dotted_line(db, principal, data))


def create_acquaintance(
    db: Session, principal: Principal, data: AcquaintanceCreate
) -> AcquaintanceRead:
    """One of our people knows a customer person (我司关系资源), and how closely."""
    edge = _graph.create_acquaintance(db, principal, data)
    return AcquaintanceRead.model_validate(edge)


def create_competitor_tie(
    db: Session, principal: Principal, data: CompetitorTieCreate
) -> CompetitorTieRead:
    """A competitor knows a customer person (竞争对手关系资源), and where we learned it."""
    return CompetitorTieRead.model_validate(competitors.create_tie(db, principal, data))
