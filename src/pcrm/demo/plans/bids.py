"""From a story's brief to a bid, as plain values: the tender with its key dates and scoring
sheet, the vendors (us and one to three of the demo's competitors) with their estimated scores,
and the quote rounds, made so that the ranking under the tender's price rule gives the story's
outcome (when we lost on price, the winner quoted less)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pcrm.demo.data.accounts import Kind
from pcrm.demo.data.opportunities import (
    AGENCIES,
    AGENCY_PROVINCES,
    GOVERNMENT,
    LATER_SOURCES,
    LOST_REASONS,
    POOLS,
    QUOTE_SOURCES,
    SHEETS,
    STATE,
    STATE_AGENCIES,
    TENDER_NOTES,
    WON_REASONS,
    Brief,
    Sheet,
    When,
)
from pcrm.demo.data.relationships import PRIVATE, RIVAL_BY_ACCOUNT, RIVAL_BY_KIND
from pcrm.demo.plans.accounts import AccountPlan
from pcrm.opportunities.public import (
    BidEntry,
    EvaluationMethod,
    Outcome,
    PriceRule,
    ProjectType,
    ReviewReason,
    Stage,
    TenderMethod,
    VendorStatus,
    bid_standings,
)

Method = TenderMethod
Reason = ReviewReason
_OPEN, _INVITED, _NEGOTIATION = Method.OPEN, Method.INVITED, Method.NEGOTIATION
_CONSULTATION, _INQUIRY, _SINGLE = Method.CONSULTATION, Method.INQUIRY, Method.SINGLE_SOURCE
_POT, _BID, _EXE, _DEL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_LOST, _ABANDONED = Stage.LOST, Stage.ABANDONED
_OPS = ProjectType.OPERATIONS
WAN = Decimal(10_000)  # 万元
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class TenderPlan:
    """Key dates are days after the RFP's publication (单一来源: its public notice)."""

    method: TenderMethod
    evaluation: EvaluationMethod
    sheet: Sheet | None  # weighted scoring only
    agency: str | None
    bid_bond: Decimal | None
    qa: int | None
    site_visit: int | None
    submission: int | None
    award: int | None
    contract: int | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class VendorPlan:
    competitor: str | None  # None: us
    status: VendorStatus  # where it ends
    scores: tuple[Decimal, ...]  # per leaf of the sheet, in order
    notes: str | None


@dataclass(frozen=True, slots=True)
class RoundPlan:
    day: int  # days after the RFP
    quotes: tuple[tuple[str | None, Decimal, str | None], ...]  # (competitor, amount, source)
    note: str | None


# --- from a brief to a bid -----------------------------------------------------------------------


def _money(value: float | Decimal) -> Decimal:
    amount = Decimal(str(value))
    step = Decimal(1000) if amount >= 1_000_000 else Decimal(100)
    return ((amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).quantize(CENT)


def _half(value: float) -> Decimal:
    """A score to the half point."""
    return (Decimal(str(round(value * 2))) / 2).quantize(CENT)


@dataclass(slots=True)
class _Bidder:
    competitor: str | None
    quality: float
    noise: list[float]
    factor: float  # final quote / budget
    scores: tuple[Decimal, ...] = ()

    def score(self, sheet: Sheet | None) -> None:
        if sheet is None:
            self.scores = ()
            return
        self.scores = tuple(
            min(Decimal(weight), _half(weight * max(0.4, min(1.0, self.quality + n))))
            for (_name, weight), n in zip(sheet.leaves, self.noise, strict=False)
        )


def _ranks(
    evaluation: EvaluationMethod, sheet: Sheet | None, bidders: Sequence[_Bidder], budget: Decimal
) -> dict[int, int | None]:
    rule = (
        PriceRule(
            sheet.formula,
            Decimal(sheet.price_weight),
            sheet.discount,
            sheet.deduct_above,
            sheet.deduct_below,
        )
        if sheet is not None and evaluation is EvaluationMethod.WEIGHTED
        else None
    )
    entries = [
        BidEntry(i, _money(budget * Decimal(str(b.factor))), sum(b.scores, Decimal(0)), True)
        for i, b in enumerate(bidders)
    ]
    _base, standing = bid_standings(evaluation, rule, entries)
    return {i: standing[i].rank for i in range(len(bidders))}


def _winning(
    rng: random.Random,
    evaluation: EvaluationMethod,
    sheet: Sheet | None,
    bidders: list[_Bidder],
    target: int,
    on_price: bool,
    budget: Decimal,
) -> None:
    """Adjust the target's quality and price until it alone ranks first under the rule."""
    others = [b for i, b in enumerate(bidders) if i != target]
    chosen = bidders[target]
    if on_price and others:
        chosen.factor = min(b.factor for b in others) * rng.uniform(0.86, 0.95)
        chosen.quality = max(b.quality for b in others) - rng.uniform(0.0, 0.05)
    elif others:
        chosen.quality = min(0.97, max(b.quality for b in others) + rng.uniform(0.02, 0.07))
    for step in range(80):
        for b in bidders:
            b.score(sheet)
        ranks = _ranks(evaluation, sheet, bidders, budget)
        tied = sum(1 for r in ranks.values() if r == 1)
        if ranks[target] == 1 and tied == 1:
            return
        if evaluation is EvaluationMethod.LOWEST_PRICE or (on_price and step < 10):
            chosen.factor *= 0.985
        elif chosen.quality < 0.99:
            chosen.quality = min(0.99, chosen.quality + 0.01)
        else:  # the best points already: quote closer to the benchmark
            chosen.factor *= 0.99
    raise ValueError("no bid makes the target win")  # pragma: no cover - a plan bug


@dataclass(frozen=True, slots=True)
class _Dates:
    qa: int | None
    site_visit: int | None
    submission: int
    rounds: tuple[int, ...]
    award: int
    contract: int


def _dates(rng: random.Random, method: TenderMethod, rounds: int) -> _Dates:
    """Days after the RFP of each key date, as each method's rules and habits have them."""
    gap: tuple[int, ...]
    if method is _OPEN:
        qa, submission = rng.randint(7, 10), rng.randint(21, 30)
        visit = rng.randint(4, 6) if rng.random() < 0.4 else None
        gap = (0,)
    elif method is _INVITED:
        qa, submission, visit, gap = rng.randint(4, 6), rng.randint(12, 20), None, (0,)
    elif method in (_NEGOTIATION, _CONSULTATION):
        qa, submission, visit = rng.randint(3, 5), rng.randint(10, 15), None
        gap = (0, 0) if method is _CONSULTATION else (0, rng.randint(3, 8), rng.randint(9, 15))
    elif method is _INQUIRY:
        qa, submission, visit, gap = None, rng.randint(3, 7), None, (0,)
    else:  # single source: the notice runs five working days, then the negotiation
        qa, submission, visit, gap = None, rng.randint(7, 9), None, (0, rng.randint(3, 10))
    days = tuple(submission + g for g in gap[:rounds])
    award = days[-1] + rng.randint(5, 12)
    return _Dates(qa, visit, submission, days, award, award + rng.randint(8, 25))


def _clear_of_today(dates: _Dates, days_ago: int) -> _Dates:
    """An open tender's key dates moved a day later until none falls on today, so that the
    reminders of the days to come are the same at any time of the day."""
    while days_ago in (dates.qa, dates.site_visit, dates.submission):
        dates = _Dates(
            dates.qa + 1 if dates.qa is not None else None,
            dates.site_visit + 1 if dates.site_visit is not None else None,
            dates.submission + 1,
            tuple(d + 1 for d in dates.rounds),
            dates.award + 1,
            dates.contract + 1,
        )
    return dates


def _round_count(method: TenderMethod, rng: random.Random) -> int:
    if method is _NEGOTIATION:
        return rng.choice((2, 3))
    if method in (_CONSULTATION, _SINGLE):
        return 2
    return 1


def _method(rng: random.Random, kind: Kind, budget_wan: int, project: ProjectType) -> Method:
    if project is _OPS:
        return _SINGLE
    if kind in GOVERNMENT:
        return _OPEN if budget_wan >= 200 or rng.random() < 0.5 else _CONSULTATION
    if kind is Kind.BANK:
        return rng.choice((_INVITED, _NEGOTIATION, _OPEN))
    if kind in STATE:
        return _OPEN if budget_wan >= 300 or rng.random() < 0.4 else _INVITED
    return rng.choice((_INVITED, _INVITED, _NEGOTIATION, _NEGOTIATION, _INQUIRY))


def rival_of(account: AccountPlan) -> str:
    return RIVAL_BY_ACCOUNT.get(account.org.key, RIVAL_BY_KIND[account.org.kind])


def _agency(account: AccountPlan, method: TenderMethod) -> str | None:
    org = account.org
    if method in (_SINGLE, _INQUIRY) or org.kind in PRIVATE:
        return None
    if org.kind in GOVERNMENT:
        return AGENCIES[org.city]
    return STATE_AGENCIES.get(AGENCY_PROVINCES.get(org.city, ""), "国信招标集团股份有限公司")


def outcome_of(stage: Stage) -> Outcome | None:
    if stage in (_EXE, _DEL):
        return Outcome.WON
    if stage is _LOST:
        return Outcome.LOST
    if stage is _ABANDONED:
        return Outcome.ABANDONED
    return None


@dataclass(frozen=True, slots=True)
class Bid:
    tender: TenderPlan | None
    dates: _Dates | None
    vendors: tuple[VendorPlan, ...]
    rounds: tuple[RoundPlan, ...]
    reasons: tuple[ReviewReason, ...] | None
    awarded: Decimal | None
    our_last: Decimal | None
    winning_price: Decimal | None


def _competitors(
    rng: random.Random, account: AccountPlan, brief: Brief, method: TenderMethod, winner: str | None
) -> list[str]:
    if method is _SINGLE:
        return [winner] if winner else []
    org = account.org
    rival = rival_of(account)
    extra = [c for c in POOLS[org.kind] if c != rival]
    n = brief.rivals or (1 if org.weight <= 2 else rng.choice((1, 2, 2, 3)))
    competitors = [rival, *rng.sample(extra, min(n - 1, len(extra)))]
    if winner is not None and winner not in competitors:
        competitors[-1] = winner
    return competitors


def _tender_plan(
    rng: random.Random,
    account: AccountPlan,
    brief: Brief,
    method: TenderMethod,
    sheet: Sheet | None,
    dates: _Dates,
    outcome: Outcome | None,
    budget: Decimal,
) -> TenderPlan:
    org = account.org
    decided = outcome in (Outcome.WON, Outcome.LOST)
    bonded = org.kind in GOVERNMENT | STATE and method in (_OPEN, _INVITED, _CONSULTATION)
    return TenderPlan(
        method=method,
        evaluation=EvaluationMethod.WEIGHTED if sheet else EvaluationMethod.LOWEST_PRICE,
        sheet=sheet,
        agency=_agency(account, method),
        bid_bond=_money(budget * Decimal("0.02")) if bonded else None,
        qa=None if brief.announced else dates.qa,
        site_visit=None if brief.announced else dates.site_visit,
        submission=None if brief.announced else dates.submission,
        award=dates.award if decided else None,
        contract=dates.contract if outcome is Outcome.WON else None,
        notes=(
            "采购意向已公开；评分办法参照该单位以往项目，待招标文件发布后更新"
            if brief.announced
            else rng.choice(TENDER_NOTES)
        ),
    )


def _round_plans(
    rng: random.Random, bidders: Sequence[_Bidder], days: Sequence[int], total: int, budget: Decimal
) -> tuple[RoundPlan, ...]:
    """Quotes from the first round down to each vendor's final one (never above the budget)."""
    finals = {b.competitor: _money(budget * Decimal(str(b.factor))) for b in bidders}
    rounds = []
    for n, day in enumerate(days):
        later = total - n - 1  # rounds still to come after this one
        quotes = []
        for b in bidders:
            final = finals[b.competitor]
            amount = max(final, _money(min(final * Decimal(str(1 + 0.035 * later)), budget)))
            source = None
            if b.competitor is not None:
                source = rng.choice(QUOTE_SOURCES if n == 0 else LATER_SOURCES)
            quotes.append((b.competitor, amount, source))
        note = None
        if total > 1:
            note = "首轮报价" if n == 0 else "最终报价" if later == 0 else "第二轮报价"
        rounds.append(RoundPlan(day, tuple(quotes), note))
    return tuple(rounds)


def _vendor_status(
    competitor: str | None, outcome: Outcome | None, winner: str | None
) -> VendorStatus:
    if outcome is Outcome.WON:
        return VendorStatus.WON if competitor is None else VendorStatus.LOST
    if outcome is Outcome.LOST:
        return VendorStatus.WON if competitor == winner else VendorStatus.LOST
    if outcome is Outcome.ABANDONED and competitor is None:
        return VendorStatus.WITHDREW
    return VendorStatus.BIDDING


def bid(
    rng: random.Random, account: AccountPlan, brief: Brief, sheet_key: str, winner: str | None
) -> Bid:
    """The tender, the vendors with their estimated scores and the quote rounds, made so that
    the ranking under the tender's rule gives the story's outcome."""
    org = account.org
    budget = (Decimal(brief.budget_wan) * WAN).quantize(CENT)
    outcome = outcome_of(brief.stage)
    reasons = brief.reasons
    if outcome is Outcome.LOST and reasons is None:
        reasons = rng.choice(LOST_REASONS)
    has_tender = brief.tender and (brief.stage is not _POT or brief.announced)
    if org.kind in PRIVATE and brief.method is None and outcome and rng.random() < 0.25:
        has_tender = False  # a private customer that simply negotiated with us
    if not has_tender:
        if outcome is Outcome.WON:
            agreed = _money(budget * Decimal(str(rng.uniform(0.85, 0.97))))
            return Bid(None, None, (), (), reasons, agreed, None, None)
        return Bid(None, None, (), (), reasons, None, None, None)
    method = brief.method or _method(rng, org.kind, brief.budget_wan, brief.type)
    if outcome is Outcome.WON and reasons is None:
        reasons = (Reason.OTHER,) if method is _SINGLE else rng.choice(WON_REASONS)
    private_lowest = org.kind in PRIVATE and rng.random() < 0.2
    sheet = None if method in (_SINGLE, _INQUIRY) or private_lowest else SHEETS[sheet_key]
    dates = _dates(rng, method, _round_count(method, rng))
    if outcome is None:
        dates = _clear_of_today(dates, days_before_today(brief.start))
    tender = _tender_plan(rng, account, brief, method, sheet, dates, outcome, budget)
    competitors = [] if brief.announced else _competitors(rng, account, brief, method, winner)
    leaves = len(sheet.leaves) if sheet else 0
    bidders = [
        _Bidder(
            c,
            rng.uniform(0.72, 0.9),
            [rng.uniform(-0.05, 0.05) for _ in range(leaves)],
            rng.uniform(0.85, 0.97),
        )
        for c in (None, *competitors)
    ]
    if method is _SINGLE and winner is not None:  # the incumbent's single source: not us
        price = _money(budget * Decimal(str(rng.uniform(0.9, 0.98))))
        incumbent = (
            VendorPlan(None, VendorStatus.LOST, (), "未获邀请：院方以单一来源方式向原厂商采购"),
            VendorPlan(winner, VendorStatus.WON, (), "原系统厂商"),
        )
        last = RoundPlan(dates.rounds[-1], ((winner, price, "成交结果公告"),), "单一来源成交价")
        return Bid(tender, dates, incumbent, (last,), reasons, None, None, price)
    on_price = Reason.PRICE in (reasons or ())
    target = 0 if winner is None else 1 + competitors.index(winner)
    if outcome in (Outcome.WON, Outcome.LOST) and len(bidders) > 1:
        _winning(rng, tender.evaluation, sheet, bidders, target, on_price, budget)
        if brief.price_gap is not None and winner is not None:
            bidders[target].factor = bidders[0].factor * (1 - brief.price_gap)
            _third(rng, tender.evaluation, sheet, bidders, target, budget)
    for b in bidders:
        b.score(sheet)
    vendors: tuple[VendorPlan, ...] = tuple(
        VendorPlan(b.competitor, _vendor_status(b.competitor, outcome, winner), b.scores, None)
        for b in bidders
    )
    if outcome is Outcome.ABANDONED or brief.announced:
        days: list[int] = []
    elif outcome is not None:
        days = list(dates.rounds)
    else:
        days = [d for d in dates.rounds if d <= days_before_today(brief.start)]
    rounds = _round_plans(rng, bidders, days, len(dates.rounds), budget)
    if outcome is None or not rounds:
        return Bid(tender, dates, vendors, rounds, reasons, None, None, None)
    final = {c: a for c, a, _s in rounds[-1].quotes}
    awarded = final[None] if outcome is Outcome.WON else None
    winning = final[winner] if winner is not None else None
    return Bid(tender, dates, vendors, rounds, reasons, awarded, final[None], winning)


def _third(
    rng: random.Random,
    evaluation: EvaluationMethod,
    sheet: Sheet | None,
    bidders: list[_Bidder],
    target: int,
    budget: Decimal,
) -> None:
    """A story's exact price gap: keep the winner first and, with three rivals, one of them
    quoting above us and one below, so that ours is the third price score of four."""
    others = [i for i in range(1, len(bidders)) if i != target]
    if len(others) >= 2:
        bidders[others[0]].factor = min(0.99, bidders[0].factor * rng.uniform(1.03, 1.06))
        bidders[others[1]].factor = bidders[0].factor * rng.uniform(0.95, 0.97)
    for _ in range(80):
        for b in bidders:
            b.score(sheet)
        ranks = _ranks(evaluation, sheet, bidders, budget)
        if ranks[target] == 1 and sum(1 for r in ranks.values() if r == 1) == 1:
            return
        bidders[target].quality = min(0.99, bidders[target].quality + 0.01)
    raise ValueError("the story's winner does not win")  # pragma: no cover - a plan bug


def days_before_today(start: When) -> int:
    """Days before today of an unanchored start (anchored ones are long past)."""
    return start if isinstance(start, int) else 10_000
