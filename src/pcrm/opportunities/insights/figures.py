"""What the insights compute from the rows loaded for them, without the database: the rhythm
of a set of tenders, a competitor's record and an account's project history in chains, each
figure checkable by hand (docs/opportunities-insights.md explains every one)."""

from __future__ import annotations

import heapq
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from pcrm.accounts.public import AccountRef, ContactRead
from pcrm.opportunities.chain.models import DecisionChainMember
from pcrm.opportunities.documents.schemas import DocumentRead
from pcrm.opportunities.insights.schemas import (
    LIKELY_FROM,
    CloseContact,
    CompetitorRecord,
    Criteria,
    CriteriaItem,
    DecisionMaker,
    DecisionSummary,
    DocumentLine,
    DocumentSummary,
    EvaluationShare,
    HistoryChain,
    HistoryEntry,
    HistoryRelation,
    HistoryVendor,
    ItemFacts,
    ItemWeight,
    KeyDates,
    Lessons,
    LostTo,
    Meeting,
    MeetingFacts,
    MethodShare,
    OutlookMonth,
    ProjectHistory,
    QuoteFacts,
    RelationFacts,
    RhythmFigures,
    RoundLine,
    TenderFacts,
)
from pcrm.opportunities.pipeline.models import Opportunity
from pcrm.opportunities.review.models import WinLossReview
from pcrm.opportunities.tender.models import QuoteRound, ScoringItem, Tender, Vendor
from pcrm.opportunities.vocab import (
    DecisionRole,
    DocumentKind,
    EvaluationMethod,
    Outcome,
    ReviewReason,
    Stage,
    Stance,
    TenderMethod,
    Trigger,
)
from pcrm.relationships.public import CompetitorRead, CompetitorTieRead

HUNDRED = Decimal(100)
TENTH = Decimal("0.1")
CENT = Decimal("0.01")
STAGE_OUTCOME = {
    Stage.EXECUTION: Outcome.WON,
    Stage.DELIVERED: Outcome.WON,
    Stage.LOST: Outcome.LOST,
    Stage.ABANDONED: Outcome.ABANDONED,
}

TENDER_DATES = (
    "rfp_published_on",
    "qa_deadline",
    "site_visit_at",
    "submission_deadline",
    "opening_at",
    "award_announced_on",
    "contract_signed_on",
)

E = TypeVar("E", TenderMethod, EvaluationMethod)


def _round(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def _percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    return _round(Decimal(part) * HUNDRED / Decimal(whole), TENTH)


def _median(values: Sequence[int]) -> Decimal | None:
    if not values:
        return None
    return _round(Decimal(str(statistics.median(values))), TENTH)


# --- tender rhythm ----------------------------------------------------------------------------


def _next_months(today: date, count: int = 12) -> list[tuple[int, int]]:
    months = []
    for step in range(1, count + 1):
        index = today.month - 1 + step
        months.append((today.year + index // 12, index % 12 + 1))
    return months


def _shares(values: Sequence[E], order: Sequence[E], total: int) -> list[tuple[E, int, Decimal]]:
    counts = Counter(values)
    ranked = sorted(counts, key=lambda v: (-counts[v], order.index(v)))
    return [(v, counts[v], _percent(counts[v], total)) for v in ranked]


def rhythm_figures(
    facts: Sequence[TenderFacts], items: Sequence[ItemFacts], today: date
) -> RhythmFigures:
    """The rhythm of these tenders as of `today` (pure: no database)."""
    published = [
        f.rfp_published_on
        for f in facts
        if f.rfp_published_on is not None and f.rfp_published_on <= today
    ]
    months = [0] * 12
    for day in published:
        months[day.month - 1] += 1
    years = {day.year for day in published}
    first, last = (min(years), max(years)) if years else (None, None)
    observed = last - first + 1 if first is not None and last is not None else 0
    to_award = [
        (f.award_announced_on - f.rfp_published_on).days
        for f in facts
        if f.rfp_published_on is not None
        and f.award_announced_on is not None
        and f.award_announced_on <= today
    ]
    to_contract = [
        (f.contract_signed_on - f.award_announced_on).days
        for f in facts
        if f.award_announced_on is not None
        and f.contract_signed_on is not None
        and f.contract_signed_on <= today
    ]
    methods = _shares([f.method for f in facts], list(TenderMethod), len(facts))
    evaluations = _shares([f.evaluation_method for f in facts], list(EvaluationMethod), len(facts))
    weighted = {f.tender_id for f in facts if f.evaluation_method is EvaluationMethod.WEIGHTED}
    price_weights = [i.weight for i in items if i.is_price and i.tender_id in weighted]
    by_name: dict[str, list[Decimal]] = defaultdict(list)
    for item in items:
        if not item.is_price and item.tender_id in weighted:
            by_name[item.name].append(item.weight)
    item_weights = sorted(
        (
            ItemWeight(
                name=name,
                average_weight=_round(sum(ws, Decimal(0)) / len(ws), TENTH),
                tenders=len(ws),
            )
            for name, ws in by_name.items()
        ),
        key=lambda w: (-w.tenders, -w.average_weight, w.name),
    )
    outlook = []
    for year, month in _next_months(today):
        expected = (
            _round(Decimal(months[month - 1]) / observed, CENT) if observed else Decimal("0.00")
        )
        outlook.append(
            OutlookMonth(year=year, month=month, expected=expected, likely=expected >= LIKELY_FROM)
        )
    return RhythmFigures(
        tender_count=len(facts),
        published_count=len(published),
        first_year=first,
        last_year=last,
        years_observed=observed,
        months=months,
        month_shares=[_percent(n, len(published)) if published else Decimal("0.0") for n in months],
        rfp_to_award_days=_median(to_award),
        rfp_to_award_samples=len(to_award),
        award_to_contract_days=_median(to_contract),
        award_to_contract_samples=len(to_contract),
        methods=[MethodShare(method=m, count=n, share=s) for m, n, s in methods],
        evaluation_methods=[EvaluationShare(method=m, count=n, share=s) for m, n, s in evaluations],
        usual_method=methods[0][0] if methods else None,
        usual_evaluation_method=evaluations[0][0] if evaluations else None,
        weighted_tenders=len(weighted),
        price_weight=(
            _round(sum(price_weights, Decimal(0)) / len(price_weights), TENTH)
            if price_weights
            else None
        ),
        item_weights=item_weights,
        outlook=outlook,
    )


# --- competitor record ------------------------------------------------------------------------


def last_quotes(quotes: Iterable[QuoteFacts]) -> dict[tuple[int, int | None], Decimal]:
    """(opportunity, competitor or None for us) → the quote of the vendor's latest round."""
    last: dict[tuple[int, int | None], tuple[int, Decimal]] = {}
    for q in quotes:
        key = (q.opportunity_id, q.competitor_id)
        if key not in last or q.round_number > last[key][0]:
            last[key] = (q.round_number, q.amount)
    return {key: amount for key, (_n, amount) in last.items()}


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def record(
    competitor: CompetitorRead,
    met: Sequence[MeetingFacts],
    last: dict[tuple[int, int | None], Decimal],
    reviews: dict[int, WinLossReview],
    accounts: dict[int, AccountRef],
    winners: dict[int, str],
    ties: Sequence[CompetitorTieRead],
    contacts: dict[int, ContactRead],
) -> CompetitorRecord:
    """The competitor's record from the rows loaded for it (pure: no database)."""
    competitor_id = competitor.id
    meetings: list[Meeting] = []
    ratios: list[Decimal] = []
    winning_ratios: list[Decimal] = []
    winning_prices: list[Decimal] = []
    for m in met:
        review = reviews.get(m.opportunity_id)
        theirs = last.get((m.opportunity_id, competitor_id))
        ours = last.get((m.opportunity_id, None))
        ratio = theirs / ours if theirs is not None and ours is not None else None
        winner = review.winner_competitor_id if review is not None else None
        price = review.winning_price if review is not None else None
        they_won = winner == competitor_id
        winning_ratio = price / ours if they_won and price is not None and ours else None
        if ratio is not None:
            ratios.append(ratio)
        if winning_ratio is not None:
            winning_ratios.append(winning_ratio)
        if they_won and price is not None:
            winning_prices.append(price)
        account = accounts.get(m.account_id)
        meetings.append(
            Meeting(
                opportunity_id=m.opportunity_id,
                opportunity_name=m.name,
                account_id=m.account_id,
                account_name=account.name if account else "",
                on=m.closed_on or m.rfp_published_on or m.expected_close_on,
                stage=m.stage,
                outcome=review.outcome if review is not None else STAGE_OUTCOME.get(m.stage),
                their_status=m.their_status,
                currency=m.currency,
                their_quote=theirs,
                our_quote=ours,
                quote_ratio=_percent(ratio, 1) if ratio is not None else None,
                winner_competitor_id=winner,
                winner_name=winners.get(winner) if winner is not None else None,
                they_won=they_won,
                winning_price=price,
                winning_vs_our_quote=(
                    _percent(winning_ratio, 1) if winning_ratio is not None else None
                ),
            )
        )
    meetings.sort(key=lambda x: (-(x.on.toordinal() if x.on else 0), -x.opportunity_id))
    outcomes = Counter(x.outcome for x in meetings)
    won, lost = outcomes[Outcome.WON], outcomes[Outcome.LOST]
    others = Counter(
        x.winner_competitor_id for x in meetings if x.outcome is Outcome.LOST and not x.they_won
    )
    mean_ratio = _mean(ratios)
    mean_winning = _mean(winning_ratios)
    mean_price = _mean(winning_prices)
    return CompetitorRecord(
        competitor_id=competitor.id,
        name=competitor.name,
        met=len(meetings),
        open=outcomes[None],
        won=won,
        lost=lost,
        abandoned=outcomes[Outcome.ABANDONED],
        win_rate=_percent(won, won + lost) if won + lost else None,
        they_won=sum(1 for x in meetings if x.they_won),
        lost_to_others=[
            LostTo(competitor_id=cid, name=winners.get(cid) if cid else None, count=n)
            for cid, n in sorted(others.items(), key=lambda kv: (-kv[1], kv[0] or 0))
        ],
        quote_comparisons=len(ratios),
        mean_quote_ratio=_percent(mean_ratio, 1) if mean_ratio is not None else None,
        average_winning_price=_round(mean_price, CENT) if mean_price is not None else None,
        mean_winning_vs_our_quote=_percent(mean_winning, 1) if mean_winning is not None else None,
        meetings=meetings,
        close_contacts=[
            CloseContact(
                contact_id=t.contact_id,
                name=contacts[t.contact_id].name,
                title=contacts[t.contact_id].title,
                account_id=contacts[t.contact_id].account_id,
                account_name=contacts[t.contact_id].account_name,
                closeness=t.closeness,
                source=t.source,
                note=t.note,
            )
            for t in ties
            if t.contact_id in contacts
        ],
    )


# --- project history --------------------------------------------------------------------------


def _key_date(o: Opportunity, tender: Tender | None) -> date:
    """Where an opportunity sits in time: its RFP, else its close, else its expected close,
    else the day it was recorded."""
    return (
        (tender.rfp_published_on if tender else None)
        or o.closed_on
        or o.expected_close_on
        or o.created_at.date()
    )


def _chains(
    opportunities: Sequence[Opportunity],
    links: Sequence[tuple[int, int]],
    when: dict[int, date],
) -> list[list[int]]:
    """Connected groups of related opportunities, each in order (earlier before later, then by
    date), the groups by their first date."""
    parent = {o.id: o.id for o in opportunities}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for later, earlier in links:
        parent[root(later)] = root(earlier)
    groups: dict[int, list[int]] = defaultdict(list)
    for o in opportunities:
        groups[root(o.id)].append(o.id)
    follows: dict[int, list[int]] = defaultdict(list)
    waiting: Counter[int] = Counter()
    for later, earlier in links:
        follows[earlier].append(later)
        waiting[later] += 1
    ordered = []
    for members in groups.values():
        ready = [(when[i], i) for i in members if waiting[i] == 0]
        heapq.heapify(ready)
        chain = []
        while ready:
            _day, current = heapq.heappop(ready)
            chain.append(current)
            for nxt in follows[current]:
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, (when[nxt], nxt))
        ordered.append(chain)
    ordered.sort(key=lambda chain: (min(when[i] for i in chain), chain[0]))
    return ordered


def _criteria(tender: Tender, items: Sequence[ScoringItem]) -> Criteria:
    tops = [i for i in items if i.parent_id is None]
    return Criteria(
        method=tender.method,
        evaluation_method=tender.evaluation_method,
        price_formula=tender.price_formula,
        items=[
            CriteriaItem(
                name=top.name,
                weight=top.weight,
                is_price=top.is_price,
                sub_items=[
                    CriteriaItem(name=s.name, weight=s.weight, is_price=False)
                    for s in items
                    if s.parent_id == top.id
                ],
            )
            for top in tops
        ],
    )


@dataclass(frozen=True, slots=True)
class HistoryRows:
    """Every row the project history of an account needs, one query per kind."""

    opportunities: Sequence[Opportunity]
    relations: Sequence[RelationFacts]
    tenders: dict[int, Tender]
    items_of: dict[int, list[ScoringItem]]  # by tender
    vendors: Sequence[Vendor]
    rounds_of: dict[int, list[QuoteRound]]  # by opportunity
    quotes_of: dict[int, dict[int, Decimal]]  # round → vendor → amount
    members_of: dict[int, list[DecisionChainMember]]  # by opportunity
    documents_of: dict[int, list[DocumentRead]]  # by opportunity
    reviews: dict[int, WinLossReview]  # by opportunity
    competitors: dict[int, str]
    contacts: dict[int, ContactRead]


def _relations(rows: HistoryRows, account_id: int) -> dict[int, list[HistoryRelation]]:
    ids = {o.id for o in rows.opportunities}
    related: dict[int, list[HistoryRelation]] = defaultdict(list)
    for r in rows.relations:
        if r.opportunity_id in ids:
            related[r.opportunity_id].append(
                HistoryRelation(
                    kind=r.kind,
                    direction="earlier",
                    other_id=r.earlier_id,
                    other_name=r.earlier_name,
                    other_in_account=r.earlier_account_id == account_id,
                )
            )
        if r.earlier_id in ids:
            related[r.earlier_id].append(
                HistoryRelation(
                    kind=r.kind,
                    direction="later",
                    other_id=r.opportunity_id,
                    other_name=r.later_name,
                    other_in_account=r.later_account_id == account_id,
                )
            )
    return related


def _vendors(
    rows: HistoryRows, workspace_name: str
) -> tuple[dict[int, list[HistoryVendor]], dict[int, str], set[int]]:
    """Vendors per opportunity, every vendor's name, and the ids of our own vendor rows."""
    per_opportunity: dict[int, list[HistoryVendor]] = defaultdict(list)
    names: dict[int, str] = {}
    ours: set[int] = set()
    for v in rows.vendors:
        name = rows.competitors.get(v.competitor_id, "") if v.competitor_id else workspace_name
        names[v.id] = name
        if v.competitor_id is None:
            ours.add(v.id)
        per_opportunity[v.opportunity_id].append(
            HistoryVendor(
                competitor_id=v.competitor_id,
                name=name,
                is_us=v.competitor_id is None,
                status=v.status,
            )
        )
    return per_opportunity, names, ours


def _rounds(
    rows: HistoryRows, opportunity_id: int, names: dict[int, str], ours: set[int]
) -> list[RoundLine]:
    lines = []
    for r in rows.rounds_of[opportunity_id]:
        quotes = rows.quotes_of[r.id]
        our_quote = next((a for vid, a in quotes.items() if vid in ours), None)
        theirs = sorted((a, names.get(vid, "")) for vid, a in quotes.items() if vid not in ours)
        lines.append(
            RoundLine(
                number=r.number,
                quoted_on=r.quoted_on,
                our_quote=our_quote,
                best_competitor_quote=theirs[0][0] if theirs else None,
                best_competitor_name=theirs[0][1] if theirs else None,
            )
        )
    return lines


def _decision(rows: HistoryRows, opportunity_id: int) -> DecisionSummary:
    chain = rows.members_of[opportunity_id]
    stances = Counter(m.stance for m in chain)
    return DecisionSummary(
        members=len(chain),
        stances={s: stances[s] for s in Stance if stances[s]},
        decision_makers=[
            DecisionMaker(
                contact_id=m.contact_id,
                name=rows.contacts[m.contact_id].name,
                title=rows.contacts[m.contact_id].title,
                stance=m.stance,
                favoured_competitor_name=(
                    rows.competitors.get(m.favoured_competitor_id)
                    if m.favoured_competitor_id
                    else None
                ),
            )
            for m in chain
            if m.decision_role is DecisionRole.DECISION_MAKER and m.contact_id in rows.contacts
        ],
    )


def _documents(rows: HistoryRows, opportunity_id: int) -> DocumentSummary:
    order = list(DocumentKind)
    docs = sorted(
        rows.documents_of[opportunity_id],
        key=lambda d: (order.index(d.kind), -d.version, d.id),
    )
    kinds = Counter(d.kind for d in docs)
    return DocumentSummary(
        counts={k: kinds[k] for k in DocumentKind if kinds[k]},
        items=[
            DocumentLine(
                id=d.id,
                kind=d.kind,
                version=d.version,
                filename=d.filename,
                url=f"/opportunities/{opportunity_id}/documents/{d.id}/download",
            )
            for d in docs
        ],
    )


def _lessons(rows: HistoryRows, opportunity_id: int) -> Lessons | None:
    review = rows.reviews.get(opportunity_id)
    if review is None:
        return None
    return Lessons(
        outcome=review.outcome,
        reasons=[ReviewReason(r) for r in review.reasons],
        reason_note=review.reason_note,
        what_worked=review.what_worked,
        what_to_change=review.what_to_change,
        winner_name=(
            rows.competitors.get(review.winner_competitor_id)
            if review.winner_competitor_id
            else None
        ),
        winning_price=review.winning_price,
    )


def history(account: AccountRef, rows: HistoryRows, workspace_name: str) -> ProjectHistory:
    """The account's opportunities in chains with the 11 elements of each, from the rows
    loaded for it (pure: no database)."""
    account_id = account.id
    related = _relations(rows, account_id)
    vendors_of, vendor_names, ours = _vendors(rows, workspace_name)

    def entry(o: Opportunity) -> HistoryEntry:
        tender = rows.tenders.get(o.id)
        dates = {k: getattr(tender, k) for k in TENDER_DATES} if tender else {}
        return HistoryEntry(
            opportunity_id=o.id,
            name=o.name,
            stage=o.stage,
            key_dates=KeyDates(
                **dates, expected_close_on=o.expected_close_on, closed_on=o.closed_on
            ),
            relations=related[o.id],
            triggers=[Trigger(t) for t in o.triggers],
            trigger_note=o.trigger_note,
            project_type=o.project_type,
            budget_amount=o.budget_amount,
            awarded_amount=o.awarded_amount,
            currency=o.currency,
            decision=_decision(rows, o.id),
            criteria=_criteria(tender, rows.items_of[tender.id]) if tender else None,
            vendors=vendors_of[o.id],
            rounds=_rounds(rows, o.id, vendor_names, ours),
            documents=_documents(rows, o.id),
            lessons=_lessons(rows, o.id),
        )

    ids = {o.id for o in rows.opportunities}
    by_id = {o.id: o for o in rows.opportunities}
    when = {o.id: _key_date(o, rows.tenders.get(o.id)) for o in rows.opportunities}
    links = [
        (r.opportunity_id, r.earlier_id)
        for r in rows.relations
        if r.opportunity_id in ids and r.earlier_id in ids
    ]
    return ProjectHistory(
        account_id=account.id,
        account_name=account.name,
        opportunity_count=len(rows.opportunities),
        chains=[
            HistoryChain(
                starts_on=min(when[i] for i in chain),
                ends_on=max(when[i] for i in chain),
                opportunities=[entry(by_id[i]) for i in chain],
            )
            for chain in _chains(rows.opportunities, links, when)
        ],
    )
