"""API schemas of the analytical views of the project-history line: the tender rhythm, a
competitor's record and an account's project history (docs/opportunities-insights.md)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, Field

from pcrm.accounts.public import Ownership
from pcrm.core.dates import Day, Instant
from pcrm.core.types import Id
from pcrm.opportunities.vocab import (
    DocumentKind,
    EvaluationMethod,
    Outcome,
    PriceFormula,
    ProjectType,
    RelationKind,
    ReviewReason,
    Stage,
    Stance,
    TenderMethod,
    Trigger,
    VendorStatus,
)

# --- what the repository reads for the figures (plain rows, not API schemas) ----------------


@dataclass(frozen=True, slots=True)
class TenderFacts:
    """What the rhythm needs of one tender."""

    tender_id: Id
    account_id: Id
    method: TenderMethod
    evaluation_method: EvaluationMethod
    rfp_published_on: Day | None
    award_announced_on: Day | None
    contract_signed_on: Day | None


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """A top-level scoring item of a tender."""

    tender_id: Id
    name: str
    weight: Decimal
    is_price: bool


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """An opportunity where we met the competitor: they were a vendor, or they won it."""

    opportunity_id: Id
    name: str
    account_id: Id
    stage: Stage
    closed_on: Day | None
    expected_close_on: Day | None
    currency: str
    rfp_published_on: Day | None
    their_status: VendorStatus | None


@dataclass(frozen=True, slots=True)
class QuoteFacts:
    """One quote on an opportunity where we met the competitor: theirs or ours."""

    opportunity_id: Id
    competitor_id: Id | None
    round_number: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class RelationFacts:
    """A relation touching the account's opportunities, with both ends' names and accounts."""

    opportunity_id: Id
    earlier_id: Id
    kind: RelationKind
    later_name: str
    later_account_id: Id
    earlier_name: str
    earlier_account_id: Id


# A month of the outlook is "likely" when the customer published a tender in it in at least
# half of the years observed (expected count ≥ 0.5).
LIKELY_FROM = Decimal("0.5")


class MethodShare(BaseModel):
    method: TenderMethod
    count: int
    share: Decimal = Field(description="Percent of the tenders, 1 decimal")


class EvaluationShare(BaseModel):
    method: EvaluationMethod
    count: int
    share: Decimal = Field(description="Percent of the tenders, 1 decimal")


class ItemWeight(BaseModel):
    name: str
    average_weight: Decimal = Field(description="Mean weight where the item appears, 1 decimal")
    tenders: int = Field(description="Weighted tenders that have this top-level item")


class OutlookMonth(BaseModel):
    year: int
    month: int
    expected: Decimal = Field(description="Tenders published in this month / years observed")
    likely: bool = Field(description="expected ≥ 0.5")


class RhythmFigures(BaseModel):
    """The rhythm of a set of tenders; docs/opportunities-insights.md says how each is made."""

    tender_count: int = Field(description="Tenders of the opportunities (archived left out)")
    published_count: int = Field(description="Of them, with an RFP published by today")
    first_year: int | None
    last_year: int | None
    years_observed: int = Field(description="last_year − first_year + 1, 0 without tenders")
    months: list[int] = Field(description="RFPs published per calendar month, January first")
    month_shares: list[Decimal] = Field(description="Percent of the published RFPs per month")
    rfp_to_award_days: Decimal | None = Field(description="Median days, RFP to award")
    rfp_to_award_samples: int
    award_to_contract_days: Decimal | None = Field(description="Median days, award to contract")
    award_to_contract_samples: int
    methods: list[MethodShare] = Field(description="Most frequent first")
    evaluation_methods: list[EvaluationShare] = Field(description="Most frequent first")
    usual_method: TenderMethod | None
    usual_evaluation_method: EvaluationMethod | None
    weighted_tenders: int = Field(description="Tenders evaluated by weighted scoring")
    price_weight: Decimal | None = Field(description="Mean weight of the price item")
    item_weights: list[ItemWeight] = Field(description="Other top-level items, by name")
    outlook: list[OutlookMonth] = Field(description="The 12 months from next month")
    likely_from: Decimal = LIKELY_FROM


class AccountRhythm(RhythmFigures):
    account_id: Id
    account_name: str
    ownership: Ownership | None


class OwnershipRhythm(RhythmFigures):
    ownership: Ownership | None = Field(description="None: every account of the workspace")
    account_count: int = Field(description="Accounts with at least one tender")


class Meeting(BaseModel):
    """An opportunity where we met the competitor."""

    opportunity_id: Id
    opportunity_name: str
    account_id: Id
    account_name: str
    on: Day | None = Field(description="Closed on, else RFP published, else expected close")
    stage: Stage
    outcome: Outcome | None = Field(description="Our outcome; None while open")
    their_status: VendorStatus | None = Field(description="None when not recorded as a vendor")
    currency: str
    their_quote: Decimal | None = Field(description="Their quote in their last round")
    our_quote: Decimal | None = Field(description="Our quote in our last round")
    quote_ratio: Decimal | None = Field(description="their_quote / our_quote, percent")
    winner_competitor_id: Id | None = Field(description="Who won when we lost")
    winner_name: str | None
    they_won: bool
    winning_price: Decimal | None
    winning_vs_our_quote: Decimal | None = Field(description="winning price / our_quote, percent")


class LostTo(BaseModel):
    competitor_id: Id | None
    name: str | None
    count: int


class CloseContact(BaseModel):
    contact_id: Id
    name: str
    title: str | None
    account_id: Id
    account_name: str
    closeness: int
    source: str | None
    note: str | None


class CompetitorRecord(BaseModel):
    competitor_id: Id
    name: str
    met: int
    open: int
    won: int = Field(description="Closed won by us")
    lost: int
    abandoned: int
    win_rate: Decimal | None = Field(description="won / (won + lost), percent")
    they_won: int = Field(description="Lost to this competitor")
    lost_to_others: list[LostTo]
    quote_comparisons: int = Field(description="Opportunities where both quoted")
    mean_quote_ratio: Decimal | None = Field(description="Mean of their / our quote, percent")
    average_winning_price: Decimal | None = Field(description="Mean price of their wins")
    mean_winning_vs_our_quote: Decimal | None = Field(description="Percent of our quote")
    meetings: list[Meeting]
    close_contacts: list[CloseContact]


class KeyDates(BaseModel):
    rfp_published_on: Day | None = None
    qa_deadline: Instant | None = None
    site_visit_at: Instant | None = None
    submission_deadline: Instant | None = None
    opening_at: Instant | None = None
    award_announced_on: Day | None = None
    contract_signed_on: Day | None = None
    expected_close_on: Day | None = None
    closed_on: Day | None = None


class HistoryRelation(BaseModel):
    kind: RelationKind
    direction: str = Field(description="`earlier`: this follows the other; `later`: the reverse")
    other_id: Id
    other_name: str
    other_in_account: bool


class DecisionMaker(BaseModel):
    contact_id: Id
    name: str
    title: str | None
    stance: Stance
    favoured_competitor_name: str | None


class DecisionSummary(BaseModel):
    members: int
    stances: dict[Stance, int] = Field(description="Members per stance")
    decision_makers: list[DecisionMaker]


class CriteriaItem(BaseModel):
    name: str
    weight: Decimal
    is_price: bool
    sub_items: list[CriteriaItem] = Field(default_factory=list)


class Criteria(BaseModel):
    method: TenderMethod
    evaluation_method: EvaluationMethod
    price_formula: PriceFormula
    items: list[CriteriaItem]


class HistoryVendor(BaseModel):
    competitor_id: Id | None
    name: str
    is_us: bool
    status: VendorStatus


class RoundLine(BaseModel):
    number: int
    quoted_on: Day
    our_quote: Decimal | None
    best_competitor_quote: Decimal | None = Field(description="Lowest competitor quote")
    best_competitor_name: str | None


class DocumentLine(BaseModel):
    id: Id
    kind: DocumentKind
    version: int
    filename: str
    url: str


class DocumentSummary(BaseModel):
    counts: dict[DocumentKind, int]
    items: list[DocumentLine]


class Lessons(BaseModel):
    outcome: Outcome
    reasons: list[ReviewReason]
    reason_note: str | None
    what_worked: str | None
    what_to_change: str | None
    winner_name: str | None
    winning_price: Decimal | None


class HistoryEntry(BaseModel):
    """One opportunity with the 11 elements of the project-history line."""

    opportunity_id: Id
    name: str
    stage: Stage
    key_dates: KeyDates
    relations: list[HistoryRelation]
    triggers: list[Trigger]
    trigger_note: str | None
    project_type: ProjectType
    budget_amount: Decimal | None
    awarded_amount: Decimal | None
    currency: str
    decision: DecisionSummary
    criteria: Criteria | None
    vendors: list[HistoryVendor]
    rounds: list[RoundLine]
    documents: DocumentSummary
    lessons: Lessons | None


class HistoryChain(BaseModel):
    starts_on: Day
    ends_on: Day
    opportunities: list[HistoryEntry] = Field(description="Earlier first")


class ProjectHistory(BaseModel):
    account_id: Id
    account_name: str
    opportunity_count: int
    chains: list[HistoryChain] = Field(description="Oldest chain first")
