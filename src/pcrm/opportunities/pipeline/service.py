"""Rules of an opportunity's life: creation, the stages I–IV and their gates, closing with a
win/loss review, the team, and the relations between opportunities (phase 2 of, …)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from pcrm.accounts.public import account_refs, search_fields, search_rank, sort_key
from pcrm.core.db import utcnow
from pcrm.core.errors import Conflict, FieldError, NotFound, ValidationFailed, field_error
from pcrm.core.etag import check_version
from pcrm.core.i18n import N_, translate
from pcrm.core.pagination import (
    Page,
    PageRequest,
)
from pcrm.core.search import SearchHit, matching_rows
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal, user_refs
from pcrm.opportunities.pipeline import repository as repo
from pcrm.opportunities.pipeline.models import (
    Opportunity,
    OpportunityRelation,
    OpportunityTeamMember,
)
from pcrm.opportunities.pipeline.schemas import (
    OpportunityCreate,
    OpportunityDetail,
    OpportunityFilters,
    OpportunityQuery,
    OpportunityRead,
    OpportunityUpdate,
    RelationCreate,
    RelationRead,
    StageMove,
    StageTotal,
    TeamMemberRead,
    TeamMemberWrite,
)
from pcrm.opportunities.review import service as review_service
from pcrm.opportunities.review.schemas import CloseOpportunity
from pcrm.opportunities.tender import repository as tender_repo
from pcrm.opportunities.vocab import (
    CLOSED_STAGES,
    DEFAULT_PROBABILITY,
    OPEN_STAGES,
    OUTCOME_STAGE,
    WON_STAGES,
    Outcome,
    Stage,
    label,
)

BOARD_CARDS = 50  # cards shown per stage column; the column's totals count them all
MAX_RELATION_DEPTH = 50
SEARCH_CANDIDATES = 50  # matches read for the global search, ranked, then cut to its limit


# --- reading ----------------------------------------------------------------------------------


def _weighted(o: Opportunity) -> Decimal | None:
    if o.budget_amount is None:
        return None
    return (o.budget_amount * o.probability / 100).quantize(Decimal("0.01"))


def reads(db: Session, scope: WorkspaceScope, rows: list[Opportunity]) -> list[OpportunityRead]:
    """Opportunities as the API shows them, with account and owner names: three queries for any
    number of rows."""
    accounts = account_refs(db, scope, {o.account_id for o in rows})
    owners = user_refs(db, scope, {o.owner_id for o in rows if o.owner_id is not None})
    tendered = tender_repo.tender_ids(db, scope, (o.id for o in rows))
    out = []
    for o in rows:
        owner = owners.get(o.owner_id) if o.owner_id is not None else None
        account = accounts.get(o.account_id)
        out.append(
            OpportunityRead.model_validate(
                {
                    **{k: getattr(o, k) for k in _READ_FIELDS},
                    "account_name": account.name if account else "",
                    "owner_name": owner.display() if owner else None,
                    "weighted_amount": _weighted(o),
                    "has_tender": o.id in tendered,
                }
            )
        )
    return out


_READ_FIELDS = tuple(
    name
    for name in OpportunityRead.model_fields
    if name not in {"account_name", "owner_name", "weighted_amount", "has_tender"}
)


def get_opportunity(db: Session, principal: Principal, opportunity_id: int) -> Opportunity:
    principal.require(Permission.READ)
    return repo.opportunity(db, principal.scope, opportunity_id)


def read_opportunity(db: Session, principal: Principal, opportunity_id: int) -> OpportunityRead:
    return reads(db, principal.scope, [get_opportunity(db, principal, opportunity_id)])[0]


def opportunity_detail(db: Session, principal: Principal, opportunity_id: int) -> OpportunityDetail:
    scope = principal.scope
    base = read_opportunity(db, principal, opportunity_id)
    members = repo.team(db, scope, opportunity_id)
    names = user_refs(db, scope, {m.user_id for m in members})
    team = [
        TeamMemberRead(user_id=m.user_id, name=names[m.user_id].display(), role=m.role)
        for m in members
        if m.user_id in names
    ]
    return OpportunityDetail(
        **base.model_dump(), team=team, relations=relations(db, principal, opportunity_id)
    )


def find_opportunities(
    db: Session, principal: Principal, q: str, limit: int, locale: str = "en"
) -> list[SearchHit]:
    """The global search's opportunities: live ones whose name (or its pinyin initials) holds
    the normalised query q, best match first, with their account and stage."""
    principal.require(Permission.READ)
    columns = (Opportunity.id, Opportunity.name, Opportunity.account_id, Opportunity.stage)
    rows = matching_rows(db, principal.scope, Opportunity, columns, q, SEARCH_CANDIDATES)
    ranked = sorted(rows, key=lambda row: search_rank(row.name, q))[:limit]
    accounts = account_refs(db, principal.scope, {row.account_id for row in ranked})
    return [
        SearchHit(
            kind="opportunity",
            id=row.id,
            name=row.name,
            detail=" · ".join(
                x
                for x in (
                    accounts[row.account_id].name if row.account_id in accounts else "",
                    translate(locale, label(row.stage)),
                )
                if x
            ),
            url=f"/opportunities/{row.id}",
            rank=search_rank(row.name, q),
        )
        for row in ranked
    ]


def list_opportunities(
    db: Session,
    principal: Principal,
    filters: OpportunityFilters,
    page: PageRequest,
    sort: str | None = None,
) -> Page[OpportunityRead]:
    principal.require(Permission.READ)
    rows, total, capped = repo.opportunities_page(db, principal.scope, filters, page, sort)
    return Page[OpportunityRead].of(reads(db, principal.scope, rows), total, page, capped)


def filters_of(query: OpportunityQuery) -> OpportunityFilters:
    """The filters a list or the board is asked for."""
    return OpportunityFilters(
        q=query.q or None,
        stages=tuple(query.stage),
        owner_id=query.owner_id,
        account_id=query.account_id,
        project_type=query.project_type,
        close_from=query.close_from,
        close_to=query.close_to,
        include_archived=query.include_archived,
    )


def check_sort(sort: str | None) -> None:
    """A `ValidationFailed` on `sort` unless every key of it is one the list sorts by."""
    repo.check_sort(sort)


def pipeline_totals(
    db: Session, principal: Principal, filters: OpportunityFilters
) -> dict[Stage, StageTotal]:
    """Count, budget and weighted budget per stage of the opportunities matching `filters`."""
    principal.require(Permission.READ)
    return repo.stage_totals(db, principal.scope, filters)


@dataclass(frozen=True, slots=True)
class BoardColumn:
    stage: Stage
    totals: StageTotal
    cards: list[OpportunityRead]


def pipeline(
    db: Session, principal: Principal, filters: OpportunityFilters, stages: tuple[Stage, ...]
) -> list[BoardColumn]:
    """The pipeline board: per stage, its totals and the first cards (open stages: closing
    soonest; closed ones: closed most recently)."""
    principal.require(Permission.READ)
    scope = principal.scope
    totals = repo.stage_totals(db, scope, filters)
    columns: list[tuple[Stage, list[Opportunity]]] = []
    for stage in stages:
        # open: closing soonest first; closed: most recent first
        first = repo.first_of_stage(
            db, scope, filters, stage, BOARD_CARDS, closing_soonest=stage in OPEN_STAGES
        )
        columns.append((stage, first))
    cards = reads(db, scope, [o for _, rows in columns for o in rows])
    by_id = {c.id: c for c in cards}
    return [
        BoardColumn(
            stage,
            totals.get(stage, StageTotal(stage, 0, Decimal(0), Decimal(0))),
            [by_id[o.id] for o in rows],
        )
        for stage, rows in columns
    ]


# --- writing ----------------------------------------------------------------------------------


def _check_account(db: Session, scope: WorkspaceScope, account_id: int) -> None:
    found = account_refs(db, scope, {account_id}).get(account_id)
    if found is None or found.archived:
        raise field_error("account_id", N_("Choose an account of this workspace."))


def _check_users(db: Session, scope: WorkspaceScope, fields: dict[str, int]) -> None:
    found = user_refs(db, scope, set(fields.values()))
    errors = [
        FieldError(field, N_("Choose an active user of this workspace."))
        for field, user_id in fields.items()
        if user_id not in found or not found[user_id].is_active
    ]
    if errors:
        raise ValidationFailed(errors)


def create_opportunity(db: Session, principal: Principal, data: OpportunityCreate) -> Opportunity:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    if data.stage not in OPEN_STAGES:
        raise field_error(
            "stage", N_("A new opportunity starts as potential or bidding; close it afterwards.")
        )
    _check_account(db, scope, data.account_id)
    owner_id = data.owner_id if data.owner_id is not None else principal.user_id
    users = {"owner_id": owner_id} | {
        f"team.{i}.user_id": m.user_id for i, m in enumerate(data.team)
    }
    _check_users(db, scope, users)
    if data.stage is Stage.BIDDING and not data.no_tender_reason:
        raise field_error(
            "no_tender_reason",
            N_("To start in bidding, record the tender afterwards or say why there is none."),
        )
    _check_team(data.team)
    values = data.model_dump(exclude={"team", "probability", "owner_id"})
    opportunity = Opportunity(
        workspace_id=scope.workspace_id,
        owner_id=owner_id,
        probability=(
            data.probability if data.probability is not None else DEFAULT_PROBABILITY[data.stage]
        ),
        probability_overridden=data.probability is not None,
        **values,
    )
    refresh_search_fields(opportunity)
    db.add(opportunity)
    db.flush()
    _write_team(db, scope, opportunity.id, data.team)
    return opportunity


def refresh_search_fields(opportunity: Opportunity) -> None:
    """What the global search finds the opportunity by: its name (and its pinyin initials)."""
    opportunity.search_text = search_fields([opportunity.name])
    opportunity.sort_name = sort_key(opportunity.name)


def _check_team(team: list[TeamMemberWrite]) -> None:
    seen: set[int] = set()
    for i, member in enumerate(team):
        if member.user_id in seen:
            raise field_error(f"team.{i}.user_id", N_("Each person may be on the team once."))
        seen.add(member.user_id)


def _write_team(
    db: Session, scope: WorkspaceScope, opportunity_id: int, team: list[TeamMemberWrite]
) -> None:
    for member in team:
        db.add(
            OpportunityTeamMember(
                workspace_id=scope.workspace_id,
                opportunity_id=opportunity_id,
                user_id=member.user_id,
                role=member.role,
            )
        )
    db.flush()


def set_team(
    db: Session, principal: Principal, opportunity_id: int, team: list[TeamMemberWrite]
) -> list[TeamMemberRead]:
    """Replace the opportunity's team."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    _check_team(team)
    _check_users(db, scope, {f"team.{i}.user_id": m.user_id for i, m in enumerate(team)})
    current = {m.user_id: m for m in repo.team(db, scope, opportunity_id)}
    wanted = {m.user_id: m for m in team}
    for user_id, row in current.items():
        if user_id not in wanted:
            db.delete(row)
        elif row.role != wanted[user_id].role:
            row.role = wanted[user_id].role
    db.flush()
    _write_team(db, scope, opportunity_id, [m for m in team if m.user_id not in current])
    return opportunity_detail(db, principal, opportunity_id).team


def update_opportunity(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    data: OpportunityUpdate,
    expected_version: int | None,
) -> Opportunity:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    opportunity = repo.opportunity(db, scope, opportunity_id)
    check_version(opportunity.version, expected_version)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("owner_id") is not None:
        _check_users(db, scope, {"owner_id": changes["owner_id"]})
    if changes.get("awarded_amount") is not None and opportunity.stage not in WON_STAGES:
        raise field_error("awarded_amount", N_("Only a won opportunity has an awarded amount."))
    for required in ("name", "project_type", "currency"):
        if required in changes and changes[required] is None:
            raise field_error(required, N_("This field is required."), "missing")
    if changes.pop("use_stage_probability", None):
        changes["probability"] = DEFAULT_PROBABILITY[opportunity.stage]
        changes["probability_overridden"] = False
    elif changes.get("probability") is not None:
        if opportunity.stage in CLOSED_STAGES:
            raise field_error("probability", N_("A closed opportunity's probability is fixed."))
        changes["probability_overridden"] = True
    else:
        changes.pop("probability", None)
    if "triggers" in changes and changes["triggers"] is None:
        changes["triggers"] = []
    for key, value in changes.items():
        setattr(opportunity, key, value)
    refresh_search_fields(opportunity)
    db.flush()
    return opportunity


def add_approved_change(
    db: Session, principal: Principal, opportunity_id: int, amount: Decimal
) -> Opportunity:
    """Grow (or, for a change that saves money, shrink) a won opportunity's awarded amount by
    the cost of a billable change request its project's customer approved. The delivery team
    records that approval, so the right to change projects is the one asked for; contracts do
    not exist yet, so the awarded amount is what grows."""
    principal.require(Permission.WRITE_PROJECTS)
    opportunity = repo.opportunity(db, principal.scope, opportunity_id)
    if opportunity.stage not in WON_STAGES:
        raise Conflict(N_("Only a won opportunity's amount can grow with a change."))
    awarded = (opportunity.awarded_amount or Decimal(0)) + amount
    if awarded < 0:
        raise Conflict(N_("The change would take the awarded amount below zero."))
    opportunity.awarded_amount = awarded
    db.flush()
    return opportunity


def archive_opportunity(db: Session, principal: Principal, opportunity_id: int) -> Opportunity:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    opportunity = repo.opportunity(db, principal.scope, opportunity_id)
    if opportunity.archived_at is None:
        opportunity.archived_at = utcnow()
        db.flush()
    return opportunity


# --- stages -----------------------------------------------------------------------------------

# Where the board and the API may move an opportunity without closing it.
MOVES: dict[Stage, tuple[Stage, ...]] = {
    Stage.POTENTIAL: (Stage.BIDDING,),
    Stage.BIDDING: (Stage.POTENTIAL,),
    Stage.EXECUTION: (Stage.DELIVERED,),
    Stage.DELIVERED: (Stage.EXECUTION,),
    Stage.LOST: (),
    Stage.ABANDONED: (),
}


def _set_stage(opportunity: Opportunity, stage: Stage) -> None:
    opportunity.stage = stage
    if stage in CLOSED_STAGES or not opportunity.probability_overridden:
        opportunity.probability = DEFAULT_PROBABILITY[stage]
        opportunity.probability_overridden = False


def move_stage(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    data: StageMove,
    expected_version: int | None = None,
) -> Opportunity:
    """Move along the lifecycle. Entering bidding needs a tender or a note why there is none;
    winning, losing and abandoning go through `close_opportunity` (they need a review)."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    opportunity = repo.opportunity(db, scope, opportunity_id)
    check_version(opportunity.version, expected_version)
    if data.stage == opportunity.stage:
        return opportunity
    if data.stage in (Stage.EXECUTION, Stage.LOST, Stage.ABANDONED) and (
        opportunity.stage in OPEN_STAGES
    ):
        raise field_error(
            "stage", N_("Closing an opportunity needs its outcome and a win/loss review.")
        )
    if data.stage not in MOVES[opportunity.stage]:
        raise field_error("stage", N_("The opportunity cannot move to this stage from its stage."))
    if data.stage is Stage.BIDDING:
        reason = data.no_tender_reason or opportunity.no_tender_reason
        if tender_repo.tender_of(db, scope, opportunity_id) is None and not reason:
            raise field_error(
                "no_tender_reason",
                N_("Bidding needs the tender's details, or a note why there is no tender."),
            )
        opportunity.no_tender_reason = reason
    _set_stage(opportunity, data.stage)
    db.flush()
    return opportunity


def close_opportunity(
    db: Session,
    principal: Principal,
    opportunity_id: int,
    data: CloseOpportunity,
    expected_version: int | None = None,
) -> Opportunity:
    """Won (→ III joint execution), lost or abandoned, with the 经验总结 in the same
    transaction. Nothing is written unless every rule holds."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    opportunity = repo.opportunity(db, scope, opportunity_id)
    check_version(opportunity.version, expected_version)
    if opportunity.stage not in OPEN_STAGES:
        raise field_error("outcome", N_("This opportunity is already closed."))
    errors: list[FieldError] = []
    if data.review is None:
        errors.append(
            FieldError("review", N_("Closing an opportunity needs a win/loss review."), "missing")
        )
    if data.outcome is Outcome.WON and data.awarded_amount is None:
        errors.append(
            FieldError("awarded_amount", N_("Enter the awarded amount of a won opportunity."))
        )
    if data.outcome is not Outcome.WON and data.awarded_amount is not None:
        errors.append(
            FieldError("awarded_amount", N_("Only a won opportunity has an awarded amount."))
        )
    if data.review is not None:
        errors += review_service.review_errors(db, scope, data.outcome, data.review)
    if data.closed_on is not None and data.closed_on > principal.today():
        errors.append(FieldError("closed_on", N_("The date cannot be in the future.")))
    if errors or data.review is None:
        raise ValidationFailed(errors)
    _set_stage(opportunity, OUTCOME_STAGE[data.outcome])
    opportunity.awarded_amount = data.awarded_amount
    opportunity.closed_on = data.closed_on or principal.today()
    review_service.write_review(db, scope, opportunity_id, data.outcome, data.review)
    db.flush()
    return opportunity


# --- relations --------------------------------------------------------------------------------


def relations(db: Session, principal: Principal, opportunity_id: int) -> list[RelationRead]:
    principal.require(Permission.READ)
    scope = principal.scope
    rows = repo.relations_of(db, scope, opportunity_id)
    others = repo.opportunities_by_ids(
        db,
        scope,
        {r.earlier_id if r.opportunity_id == opportunity_id else r.opportunity_id for r in rows},
    )
    out = []
    for r in rows:
        earlier = r.opportunity_id == opportunity_id
        other = others[r.earlier_id if earlier else r.opportunity_id]
        out.append(
            RelationRead(
                id=r.id,
                opportunity_id=r.opportunity_id,
                earlier_id=r.earlier_id,
                kind=r.kind,
                other_name=other.name,
                direction="earlier" if earlier else "later",
            )
        )
    return out


def add_relation(
    db: Session, principal: Principal, opportunity_id: int, data: RelationCreate
) -> OpportunityRelation:
    """Record that this opportunity follows an earlier one. Loops are refused: the earlier one
    may not (through any chain) follow this one."""
    principal.require(Permission.WRITE_OPPORTUNITIES)
    scope = principal.scope
    repo.opportunity(db, scope, opportunity_id)
    if data.earlier_id == opportunity_id:
        raise field_error("earlier_id", N_("An opportunity cannot follow itself."))
    if data.earlier_id not in repo.opportunities_by_ids(db, scope, {data.earlier_id}):
        raise field_error("earlier_id", N_("Choose an opportunity of this workspace."))
    frontier, seen = {data.earlier_id}, {data.earlier_id}
    for _ in range(MAX_RELATION_DEPTH):
        frontier = repo.earlier_of(db, scope, frontier) - seen
        if opportunity_id in frontier:
            raise field_error("earlier_id", N_("This relation would make a loop of opportunities."))
        if not frontier:
            break
        seen |= frontier
    pair = {opportunity_id, data.earlier_id}
    if any(
        {r.opportunity_id, r.earlier_id} == pair
        for r in repo.relations_of(db, scope, opportunity_id)
    ):
        raise field_error("earlier_id", N_("These opportunities are already related."), "unique")
    relation = OpportunityRelation(
        workspace_id=scope.workspace_id,
        opportunity_id=opportunity_id,
        earlier_id=data.earlier_id,
        kind=data.kind,
    )
    db.add(relation)
    db.flush()
    return relation


def remove_relation(
    db: Session, principal: Principal, opportunity_id: int, relation_id: int
) -> None:
    principal.require(Permission.WRITE_OPPORTUNITIES)
    relation = repo.relation(db, principal.scope, relation_id)
    if opportunity_id not in (relation.opportunity_id, relation.earlier_id):
        raise NotFound()
    db.delete(relation)
    db.flush()
