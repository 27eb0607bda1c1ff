"""The analytical views of the project-history line (项目历史线), built from past opportunities:

- a customer's **tender rhythm** (项目关键时点): when it publishes tenders, how long it takes from
  RFP to award and from award to contract, its usual tender and evaluation methods and weights,
  and a 12-month outlook; for one account or for every account of an ownership type;
- a competitor's **record** against us: where we met them, win/loss, their quotes versus ours,
  their wins and the customer people they are close to;
- an account's **project history**: its chains of related opportunities with the 11 elements of
  each (key dates, relations, triggers, type, amounts, decision chain, evaluation criteria,
  vendors, quote rounds, documents, lessons learned).

Read-only: each function checks the read permission, loads every kind of row it needs in one
query (insights.repository) and computes in Python (insights.figures).
docs/opportunities-insights.md explains every figure.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from pcrm.accounts.public import (
    AccountRef,
    Ownership,
    account_ids_by_ownership,
    account_refs,
    contacts_by_ids,
)
from pcrm.core.errors import NotFound
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.public import Permission, Principal
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.documents.service import documents_of as documents_of_opportunities
from pcrm.opportunities.insights import figures
from pcrm.opportunities.insights import repository as irepo
from pcrm.opportunities.insights.schemas import (
    AccountRhythm,
    CompetitorRecord,
    OwnershipRhythm,
    ProjectHistory,
)
from pcrm.opportunities.tender.models import QuoteRound, ScoringItem
from pcrm.relationships.public import competitor_names, competitor_ties, get_competitor


def _account(db: Session, scope: WorkspaceScope, account_id: int) -> AccountRef:
    found = account_refs(db, scope, {account_id}).get(account_id)
    if found is None:
        raise NotFound()
    return found


def account_rhythm(db: Session, principal: Principal, account_id: int) -> AccountRhythm:
    """The tender rhythm of one account: three queries."""
    principal.require(Permission.READ)
    scope = principal.scope
    account = _account(db, scope, account_id)
    rhythm = figures.rhythm_figures(
        irepo.tender_facts(db, scope, {account_id}),
        irepo.top_level_items(db, scope, {account_id}),
        principal.today(),
    )
    return AccountRhythm(
        **dict(rhythm),
        account_id=account.id,
        account_name=account.name,
        ownership=account.ownership,
    )


def ownership_rhythm(
    db: Session, principal: Principal, ownership: Ownership | None
) -> OwnershipRhythm:
    """The tender rhythm of every account of an ownership type (None: the whole workspace)."""
    principal.require(Permission.READ)
    scope = principal.scope
    ids = None if ownership is None else account_ids_by_ownership(db, scope, ownership)
    facts = irepo.tender_facts(db, scope, ids)
    rhythm = figures.rhythm_figures(facts, irepo.top_level_items(db, scope, ids), principal.today())
    return OwnershipRhythm(
        **dict(rhythm),
        ownership=ownership,
        account_count=len({f.account_id for f in facts}),
    )


# --- competitor record ------------------------------------------------------------------------


def competitor_record(db: Session, principal: Principal, competitor_id: int) -> CompetitorRecord:
    """Where we met the competitor and how it went, their quotes versus ours, their wins and
    the customer people they are close to."""
    principal.require(Permission.READ)
    scope = principal.scope
    competitor = get_competitor(db, principal, competitor_id)
    met = irepo.meetings(db, scope, competitor_id)
    last = figures.last_quotes(irepo.head_to_head_quotes(db, scope, competitor_id))
    reviews = {r.opportunity_id: r for r in irepo.reviews_where_met(db, scope, competitor_id)}
    accounts = account_refs(db, scope, {m.account_id for m in met})
    winners = competitor_names(
        db, scope, {r.winner_competitor_id for r in reviews.values() if r.winner_competitor_id}
    )
    ties = competitor_ties(db, principal, competitor_id)
    contacts = contacts_by_ids(db, scope, {t.contact_id for t in ties})

    return figures.record(competitor, met, last, reviews, accounts, winners, ties, contacts)


# --- project history --------------------------------------------------------------------------


def _load_history(db: Session, scope: WorkspaceScope, account_id: int) -> figures.HistoryRows:
    items_of: dict[int, list[ScoringItem]] = defaultdict(list)
    for item in irepo.account_scoring_items(db, scope, account_id):
        items_of[item.tender_id].append(item)
    rounds_of: dict[int, list[QuoteRound]] = defaultdict(list)
    for r in irepo.account_rounds(db, scope, account_id):
        rounds_of[r.opportunity_id].append(r)
    quotes_of: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for q in irepo.account_quotes(db, scope, account_id):
        quotes_of[q.round_id][q.vendor_id] = q.amount
    members_of: dict[int, list[DecisionChainMember]] = defaultdict(list)
    for m in irepo.account_chain_members(db, scope, account_id):
        members_of[m.opportunity_id].append(m)
    opportunities = irepo.account_opportunities(db, scope, account_id)
    documents_of: dict[int, list[DocumentRead]] = defaultdict(list)
    for d in documents_of_opportunities(db, scope, [o.id for o in opportunities]):
        documents_of[d.opportunity_id].append(d)
    vendors = irepo.account_vendors(db, scope, account_id)
    reviews = {r.opportunity_id: r for r in irepo.account_reviews(db, scope, account_id)}
    members = [m for chain in members_of.values() for m in chain]
    competitors = competitor_names(
        db,
        scope,
        {v.competitor_id for v in vendors if v.competitor_id is not None}
        | {m.favoured_competitor_id for m in members if m.favoured_competitor_id is not None}
        | {r.winner_competitor_id for r in reviews.values() if r.winner_competitor_id is not None},
    )
    return figures.HistoryRows(
        opportunities=opportunities,
        relations=irepo.account_relations(db, scope, account_id),
        tenders={t.opportunity_id: t for t in irepo.account_tenders(db, scope, account_id)},
        items_of=items_of,
        vendors=vendors,
        rounds_of=rounds_of,
        quotes_of=quotes_of,
        members_of=members_of,
        documents_of=documents_of,
        reviews=reviews,
        competitors=competitors,
        contacts=contacts_by_ids(db, scope, {m.contact_id for m in members}),
    )


def project_history(db: Session, principal: Principal, account_id: int) -> ProjectHistory:
    """The account's opportunities in chains with the 11 elements of each: a fixed number of
    queries (one per kind of row) whatever the number of opportunities."""
    principal.require(Permission.READ)
    scope = principal.scope
    account = _account(db, scope, account_id)
    rows = _load_history(db, scope, account_id)
    return figures.history(account, rows, principal.workspace_name)
