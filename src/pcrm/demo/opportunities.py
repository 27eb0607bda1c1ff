"""Demo data of the opportunities area (当前项目线, 项目历史线) for the demo customers of
`pcrm.demo.accounts`, with the competitors and people of `pcrm.demo.relationships`.

Planned first as plain values from `random.Random(SEED)`, the account plan, the relationship
plan and the tables of `pcrm.demo.data.opportunities` (`build_opportunity_plan`, no database),
then written through `pcrm.opportunities.service`, `tender_service` and `chain_service` as the
demo user who would have done it, in the order it happened (`write_opportunities`):

- about five years of history: for every account the project that put it in its lifecycle
  stage (won and in execution or delivered, lost to a named competitor, abandoned, or still open
  in potential or bidding), earlier tenders at the larger customers (won, lost, abandoned), the
  yearly operations and maintenance (运维) contracts that follow a delivered system (单一来源),
  phase-2 projects, landings and replacements, linked as related opportunities;
- tenders with the customer's rhythm: government bodies, public hospitals and universities
  publish in their budget year's spring (March–June) and a second wave in September–November,
  state-owned groups and banks in Q2 and Q4, private companies all year round and mostly by
  invitation or negotiation (some without a tender at all); each customer has its usual months,
  method and scoring sheet;
- scoring sheets with weights and sub-items (技术 50 (方案 30, 团队 20) / 商务 30 / 价格 20, 技术
  60 / 商务 10 / 价格 30, …) and their price rule (低价优先法 or 平均值法), us and one to three of
  the eight demo competitors with estimated scores, one to three quote rounds whose ranking under
  the tender's rule gives the recorded outcome (when we lost on price, the winner quoted less);
- a decision chain of two to five of the account's people, with roles and stances that follow
  their relationship profiles and the competitors' ties to them;
- a win/loss review (经验总结) for every closed opportunity;
- open opportunities with key dates to come (reminders, the board), among them potential ones
  without a tender for a bid manager to take to bidding.

The plan depends only on the account and relationship plans, not on the day: the history is
placed in calendar months relative to a reference year (the last budget year whose tenders are
all decided, see `reference_year`) or in days before `today`, and `schedule` turns it into dates.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.accounts.models import Account, Contact
from pcrm.accounts.vocab import LifecycleStage
from pcrm.core.audit import set_actor
from pcrm.demo.accounts import TZ, AccountPlan, DemoPlan, Staff
from pcrm.demo.data.accounts import ContactKey, Kind
from pcrm.demo.data.opportunities import (
    ABANDONED_NOTES,
    AGENCIES,
    AGENCY_PROVINCES,
    CHAIN_ORDER,
    GOVERNMENT,
    LATER_SOURCES,
    LOST_CHANGE,
    LOST_REASONS,
    LOST_WORKED,
    MAIN_BUDGET,
    MAIN_START,
    MEMBER_NOTES,
    POOLS,
    PROJECTS,
    QUOTE_SOURCES,
    ROLE_OF,
    SHEETS,
    SIZE_FACTOR,
    STATE,
    STATE_AGENCIES,
    STORIES,
    TENDER_NOTES,
    TRIGGER_NOTES,
    USUAL_SHEETS,
    WON_CHANGE,
    WON_REASONS,
    WON_WORKED,
    Anchor,
    Brief,
    Near,
    Project,
    Sheet,
    When,
)
from pcrm.demo.data.relationships import PRIVATE, RIVAL_BY_ACCOUNT, RIVAL_BY_KIND
from pcrm.demo.relationships import People, RelationshipPlan
from pcrm.identity.public import Principal
from pcrm.opportunities import chain_service, pricing, service, tender_service
from pcrm.opportunities.schemas import (
    CloseOpportunity,
    DecisionMemberWrite,
    OpportunityCreate,
    QuoteRoundCreate,
    QuoteWrite,
    RelationCreate,
    ReviewWrite,
    ScoresWrite,
    ScoringItemRead,
    ScoringItemWrite,
    StageMove,
    SubItemWrite,
    TeamMemberWrite,
    TenderWrite,
    VendorCreate,
    VendorUpdate,
)
from pcrm.opportunities.vocab import (
    DecisionRole,
    EvaluationMethod,
    OpportunityRole,
    Outcome,
    PriceFormula,
    ProjectType,
    RelationKind,
    ReviewReason,
    Source,
    Stage,
    Stance,
    TenderMethod,
    Trigger,
    VendorStatus,
)
from pcrm.relationships.models import Competitor
from pcrm.relationships.vocab import RelationshipStatus

SEED = 2026 + 5  # issue 5: the opportunities area

Method = TenderMethod
Type = ProjectType
Reason = ReviewReason
Role = DecisionRole
_OPEN, _INVITED, _NEGOTIATION = Method.OPEN, Method.INVITED, Method.NEGOTIATION
_CONSULTATION, _INQUIRY, _SINGLE = Method.CONSULTATION, Method.INQUIRY, Method.SINGLE_SOURCE
_POT, _BID, _EXE, _DEL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_LOST, _ABANDONED = Stage.LOST, Stage.ABANDONED
_NEW, _UP, _OPS = ProjectType.NEW, ProjectType.UPGRADE, ProjectType.OPERATIONS
_OLD, _LEAD, _BUDGET, _RULES = (
    Trigger.OLD_SYSTEM,
    Trigger.LEADERSHIP,
    Trigger.YEARLY_BUDGET,
    Trigger.REGULATION,
)
WAN = Decimal(10_000)  # 万元
CENT = Decimal("0.01")


# --- the plan ------------------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class MemberPlan:
    contact: ContactKey
    role: DecisionRole
    stance: Stance
    favoured: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    reasons: tuple[ReviewReason, ...]
    reason_note: str | None
    what_worked: str | None
    what_to_change: str | None
    winner: str | None
    winning_price: Decimal | None


@dataclass(frozen=True, slots=True)
class OpportunityPlan:
    key: str
    account: str
    name: str  # "{year}" is the service year of an operations contract
    owner: str  # a Staff field
    bid_writer: str  # who keeps the tender and the quote rounds
    team: tuple[tuple[str, OpportunityRole], ...]
    stage: Stage  # where it is today
    start: When  # the RFP's publication, or when the opportunity turned up (no tender)
    project_type: ProjectType
    triggers: tuple[Trigger, ...]
    trigger_note: str | None
    budget: Decimal
    source: Source
    description: str | None
    no_tender_reason: str | None
    tender: TenderPlan | None
    vendors: tuple[VendorPlan, ...]
    rounds: tuple[RoundPlan, ...]
    chain: tuple[MemberPlan, ...]
    close_day: int | None  # days after the start; closed ones only
    delivered_day: int | None  # days after the start: acceptance of a delivered one
    expected_close_day: int  # days after the start
    awarded: Decimal | None
    outcome: Outcome | None
    review: ReviewPlan | None
    earlier: tuple[str, RelationKind] | None  # (key of the earlier opportunity, how)


@dataclass(frozen=True, slots=True)
class OpportunitiesPlan:
    opportunities: tuple[OpportunityPlan, ...]


def _pool_of(account: AccountPlan) -> tuple[Project, ...]:
    org = account.org
    if org.kind in (Kind.GROUP, Kind.BRANCH):
        by_industry = {
            "energy": "energy",
            "telecom": "telecom",
            "transport": "transport",
            "construction": "construction",
        }
        return PROJECTS[by_industry.get(org.industry.value, "energy")]
    return PROJECTS[org.kind.value]


def _main_name(solution: str, kind: Kind) -> str:
    if kind not in PRIVATE and solution.endswith(
        ("平台", "中台", "系统", "大厅", "中心", "一张图")
    ):
        return f"{solution}建设项目"
    return f"{solution}项目"


def _rhythm(rng: random.Random, kind: Kind) -> tuple[int, int] | None:
    """The account's usual months: (spring, autumn) wave; private companies have none."""
    if kind in GOVERNMENT:
        spring = (3, 4, 5, 6) if kind != Kind.UNIVERSITY else (3, 4, 5)
        return rng.choice(spring), rng.choice((9, 10, 11))
    if kind in STATE:
        return rng.choice((4, 5, 6)), rng.choice((10, 11, 12))
    return None


def _generated(rng: random.Random, account: AccountPlan) -> list[Brief]:
    """An account's history by the rules: earlier tenders at the larger customers, the current
    project in the account's stage, and what follows a delivered one."""
    org = account.org
    rhythm = _rhythm(rng, org.kind)
    pool = [p for p in _pool_of(account) if org.solution not in p[0]]
    stage = org.stage
    old = org.weight if stage == LifecycleStage.DELIVERED else max(0, org.weight - 1)
    slots = sorted(
        rng.sample([(back, half) for back in range(2, 6) for half in (0, 1)], min(old, 8)),
        key=lambda s: (-s[0], s[1]),
    )
    briefs: list[Brief] = []
    for back, half in slots:
        name, kind, low, high, trigger = pool.pop(rng.randrange(len(pool)))
        if rhythm is None:  # any month: one tender in each half of the year at most
            month = rng.randint(1, 6) if half == 0 else rng.randint(7, 12)
        else:  # mostly the spring wave; the autumn one when there are two that year
            month = rhythm[0] if half == 0 and rng.random() < 0.65 else rhythm[1]
        roll = rng.random()
        if stage == LifecycleStage.DELIVERED:
            outcome = _DEL if roll < 0.5 else _LOST if roll < 0.85 else _ABANDONED
        else:
            outcome = _LOST if roll < 0.85 else _ABANDONED
        briefs.append(
            Brief(
                name,
                kind,
                Anchor(back, month, rng.randint(3, 26)),
                outcome,
                rng.randint(low, high),
                trigger,
                method=_SINGLE if kind == _OPS and outcome == _DEL else None,
            )
        )
    # The project that put the account in its stage.
    main_stage = {
        LifecycleStage.POTENTIAL: _POT,
        LifecycleStage.BIDDING: _BID,
        LifecycleStage.EXECUTION: _EXE,
        LifecycleStage.DELIVERED: _DEL,
        LifecycleStage.LOST: _LOST,
    }[stage]
    low, high = MAIN_BUDGET[org.kind]
    budget = int(rng.randint(low, high) * SIZE_FACTOR.get(org.size, 1.0))
    budget = max(30, min(budget, 3000)) if org.weight > 1 else max(30, budget // 2)
    first, last = MAIN_START[stage]
    days = rng.randint(first, last)
    start: When = days
    if rhythm is not None and stage in (LifecycleStage.EXECUTION, LifecycleStage.DELIVERED):
        month = rhythm[0] if rng.random() < 0.65 else rhythm[1]  # in the customer's months
        start = Near(days, month, rng.randint(3, 26))
    private = org.kind in PRIVATE
    no_tender = private and stage == LifecycleStage.POTENTIAL
    trigger = rng.choice((_OLD, _LEAD, _BUDGET, _RULES))
    briefs.append(
        Brief(
            _main_name(org.solution, org.kind),
            _UP if org.solution.endswith(("改造", "升级", "整改")) else _NEW,
            start,
            main_stage,
            budget,
            trigger,
            tender=not no_tender,
            announced=(
                stage == LifecycleStage.POTENTIAL and org.kind in GOVERNMENT and org.weight >= 2
            ),
        )
    )
    main = len(briefs) - 1
    # What follows a delivered project: the yearly O&M contract after the free warranty year.
    if stage == LifecycleStage.DELIVERED and not org.dormant:
        o_m = max(30, budget // 10)
        briefs.append(
            Brief(
                f"{org.solution}运维服务（{{year}}年度）",
                _OPS,
                rng.randint(-60, -20) if org.kind not in PRIVATE else rng.randint(-90, -30),
                _POT,
                o_m,
                _BUDGET,
                method=_SINGLE,
                tender=org.kind not in PRIVATE,
                earlier=(main, RelationKind.FOLLOW_ON_OF),
                source=Source.EXISTING_CUSTOMER,
            )
        )
    for i, brief in enumerate(briefs[:main]):  # an old delivered system: its O&M contract
        if brief.stage == _DEL and isinstance(brief.start, Anchor) and brief.type != _OPS:
            back = brief.start.years_back - 2  # after a year's work and a free warranty year
            month = rhythm[0] if rhythm else (brief.start.month - 1) % 6 + 1  # by June
            if back >= 1 and rng.random() < 0.7:
                briefs.append(
                    Brief(
                        f"{brief.name.removesuffix('项目').removesuffix('建设')}运维服务"
                        "（{year}年度）",
                        _OPS,
                        Anchor(back, month, rng.randint(3, 26)),
                        _DEL,
                        max(30, brief.budget_wan // 8),
                        _BUDGET,
                        method=_SINGLE,
                        earlier=(i, RelationKind.FOLLOW_ON_OF),
                        source=Source.EXISTING_CUSTOMER,
                    )
                )
    return briefs


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
        pricing.PriceRule(
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
        pricing.Entry(i, _money(budget * Decimal(str(b.factor))), sum(b.scores, Decimal(0)), True)
        for i, b in enumerate(bidders)
    ]
    _base, standing = pricing.standings(evaluation, rule, entries)
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


def _rival(account: AccountPlan) -> str:
    return RIVAL_BY_ACCOUNT.get(account.org.key, RIVAL_BY_KIND[account.org.kind])


@dataclass(frozen=True, slots=True)
class _Context:
    people: People
    status: dict[ContactKey, RelationshipStatus]  # current profile status
    ties: dict[ContactKey, tuple[str, int]]  # closest competitor and closeness


def _context(plan: DemoPlan, relationships: RelationshipPlan) -> _Context:
    latest: dict[ContactKey, tuple[int, RelationshipStatus]] = {}
    for p in relationships.profiles:
        if p.contact not in latest or p.days_ago < latest[p.contact][0]:
            latest[p.contact] = (p.days_ago, p.status)
    ties: dict[ContactKey, tuple[str, int]] = {}
    for t in relationships.ties:
        if t.contact not in ties or t.closeness > ties[t.contact][1]:
            ties[t.contact] = (t.competitor, t.closeness)
    return _Context(People(plan), {k: s for k, (_d, s) in latest.items()}, ties)


def _chain(
    rng: random.Random,
    ctx: _Context,
    account: AccountPlan,
    brief: Brief,
    rival: str,
    winner: str | None,
) -> tuple[MemberPlan, ...]:
    """Two to five of the account's people, their part and where they stand on this one."""
    org = account.org
    here = dict(ctx.people.roles(org.key))
    small = brief.budget_wan < 150 or brief.type is _OPS
    wanted = [r for r in CHAIN_ORDER if r in here]
    if small:  # the deputy decides a small one; the head is not involved
        wanted = [r for r in ("second", "cio", "biz", "cio_dep", "purchase") if r in here]
    size = 2 if small else min(5, max(2, org.weight + rng.choice((-1, 0, 0, 1))))
    if isinstance(brief.start, Anchor):  # years ago: only who mattered most is remembered
        size = min(size, 3 if org.weight >= 4 else 2)
    members = []
    for role_key in wanted[:size]:
        key = here[role_key]
        role = ROLE_OF.get(role_key, Role.INFLUENCER)
        if small and role_key == "second":
            role = Role.DECISION_MAKER
        status = ctx.status.get(key)
        tie = ctx.ties.get(key)
        favoured: str | None = None
        if brief.stage in (_POT, _BID):  # today: as the profiles and ties have it
            if status is RelationshipStatus.SUPPORTER:
                stance = Stance.FAVOURS_US
            elif status is RelationshipStatus.OPPONENT or (tie is not None and tie[1] >= 4):
                stance, favoured = Stance.FAVOURS_COMPETITOR, tie[0] if tie else rival
            elif status is RelationshipStatus.NEUTRAL:
                stance = Stance.NEUTRAL
            else:
                stance = Stance.UNKNOWN
        elif brief.stage in (_EXE, _DEL):
            stance = (
                Stance.FAVOURS_US
                if role_key in ("cio", "cio_dep", "biz") or status is RelationshipStatus.SUPPORTER
                else Stance.NEUTRAL
            )
        elif brief.stage is _LOST and winner is not None:
            leaning = tie is not None and tie[0] == winner
            if leaning or (role_key in ("top", "second") and rng.random() < 0.6):
                stance, favoured = Stance.FAVOURS_COMPETITOR, winner
            else:
                stance = Stance.NEUTRAL
        else:
            stance = Stance.NEUTRAL if rng.random() < 0.6 else Stance.UNKNOWN
        if role_key == "cio_dep" and stance is Stance.FAVOURS_US:
            role = Role.COACH
        note = rng.choice(MEMBER_NOTES[role]) if rng.random() < 0.25 else None
        members.append(MemberPlan(key, role, stance, favoured, note))
    return tuple(members)


def _team(account: AccountPlan, brief: Brief) -> tuple[tuple[str, OpportunityRole], ...]:
    owner = account.owner
    team: list[tuple[str, OpportunityRole]] = [(owner, OpportunityRole.SALES)]
    if owner != "sales" and brief.budget_wan >= 150:
        team.append(("sales", OpportunityRole.BID_MANAGER))
    if brief.type is _OPS or brief.stage is _DEL:
        team.append(("delivery", OpportunityRole.DELIVERY))
    else:
        team.append(("delivery", OpportunityRole.PRESALES))
    if account.org.weight >= 4 and brief.budget_wan >= 500:
        team.append(("boss", OpportunityRole.EXECUTIVE))
    return tuple(team)


def _source(rng: random.Random, account: AccountPlan, brief: Brief, index: int) -> Source:
    if brief.source is not None:
        return brief.source
    if brief.earlier is not None or (index > 0 and account.org.stage is LifecycleStage.DELIVERED):
        return Source.EXISTING_CUSTOMER
    if account.org.key in ("cm_zj", "cm_zj_hz"):
        return Source.PARTNER
    if account.org.kind in GOVERNMENT | STATE:
        return rng.choice((Source.TENDER_NOTICE, Source.TENDER_NOTICE, Source.REFERRAL))
    return rng.choice((Source.REFERRAL, Source.EVENT, Source.INBOUND))


def _agency(account: AccountPlan, method: TenderMethod) -> str | None:
    org = account.org
    if method in (_SINGLE, _INQUIRY) or org.kind in PRIVATE:
        return None
    if org.kind in GOVERNMENT:
        return AGENCIES[org.city]
    return STATE_AGENCIES.get(AGENCY_PROVINCES.get(org.city, ""), "国信招标集团股份有限公司")


def _outcome(stage: Stage) -> Outcome | None:
    if stage in (_EXE, _DEL):
        return Outcome.WON
    if stage is _LOST:
        return Outcome.LOST
    if stage is _ABANDONED:
        return Outcome.ABANDONED
    return None


@dataclass(frozen=True, slots=True)
class _Bid:
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
    rival = _rival(account)
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


def _bid(
    rng: random.Random, account: AccountPlan, brief: Brief, sheet_key: str, winner: str | None
) -> _Bid:
    """The tender, the vendors with their estimated scores and the quote rounds, made so that
    the ranking under the tender's rule gives the story's outcome."""
    org = account.org
    budget = (Decimal(brief.budget_wan) * WAN).quantize(CENT)
    outcome = _outcome(brief.stage)
    reasons = brief.reasons
    if outcome is Outcome.LOST and reasons is None:
        reasons = rng.choice(LOST_REASONS)
    has_tender = brief.tender and (brief.stage is not _POT or brief.announced)
    if org.kind in PRIVATE and brief.method is None and outcome and rng.random() < 0.25:
        has_tender = False  # a private customer that simply negotiated with us
    if not has_tender:
        if outcome is Outcome.WON:
            agreed = _money(budget * Decimal(str(rng.uniform(0.85, 0.97))))
            return _Bid(None, None, (), (), reasons, agreed, None, None)
        return _Bid(None, None, (), (), reasons, None, None, None)
    method = brief.method or _method(rng, org.kind, brief.budget_wan, brief.type)
    if outcome is Outcome.WON and reasons is None:
        reasons = (Reason.OTHER,) if method is _SINGLE else rng.choice(WON_REASONS)
    private_lowest = org.kind in PRIVATE and rng.random() < 0.2
    sheet = None if method in (_SINGLE, _INQUIRY) or private_lowest else SHEETS[sheet_key]
    dates = _dates(rng, method, _round_count(method, rng))
    if outcome is None:
        dates = _clear_of_today(dates, _days_ago(brief.start))
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
        return _Bid(tender, dates, incumbent, (last,), reasons, None, None, price)
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
        days = [d for d in dates.rounds if d <= _days_ago(brief.start)]
    rounds = _round_plans(rng, bidders, days, len(dates.rounds), budget)
    if outcome is None or not rounds:
        return _Bid(tender, dates, vendors, rounds, reasons, None, None, None)
    final = {c: a for c, a, _s in rounds[-1].quotes}
    awarded = final[None] if outcome is Outcome.WON else None
    winning = final[winner] if winner is not None else None
    return _Bid(tender, dates, vendors, rounds, reasons, awarded, final[None], winning)


def _review(rng: random.Random, brief: Brief, bid: _Bid, winner: str | None) -> ReviewPlan | None:
    outcome = _outcome(brief.stage)
    if outcome is Outcome.WON:
        reasons = bid.reasons or rng.choice(WON_REASONS)
        note = brief.reason_note
        if note is None and reasons == (Reason.OTHER,):
            note = "原系统承建单位，以单一来源方式续签"
        worked = rng.choice(WON_WORKED.get(reasons[0], WON_WORKED[Reason.TECHNICAL]))
        return ReviewPlan(reasons, note, worked, rng.choice(WON_CHANGE), None, None)
    if outcome is Outcome.LOST:
        reasons = bid.reasons or rng.choice(LOST_REASONS)
        note = brief.reason_note
        if note is None and bid.winning_price is not None and bid.our_last is not None:
            gap = (bid.our_last - bid.winning_price) * 100 / bid.our_last
            note = (
                f"中标价较我方最终报价低约{gap:.0f}%"
                if gap > 0
                else f"{winner}技术分领先，中标价高于我方报价"
            )
        return ReviewPlan(
            reasons,
            note,
            rng.choice(LOST_WORKED),
            rng.choice(LOST_CHANGE.get(reasons[0], LOST_CHANGE[Reason.PRICE])),
            winner,
            bid.winning_price,
        )
    if outcome is Outcome.ABANDONED:
        reasons = bid.reasons or rng.choice(((Reason.BUDGET,), (Reason.TIMING,), (Reason.OTHER,)))
        note = brief.reason_note or rng.choice(ABANDONED_NOTES.get(reasons[0], ("项目取消",)))
        return ReviewPlan(reasons, note, None, "立项阶段就应确认预算来源和建设模式", None, None)
    return None


def _days(rng: random.Random, brief: Brief, bid: _Bid) -> tuple[int | None, int | None, int]:
    """(closed, accepted, expected close): days after the start."""
    closed = brief.stage not in (_POT, _BID)
    dates = bid.dates
    if dates is None:
        close = rng.randint(30, 90) if closed else None
        expected = close if close is not None else rng.randint(60, 200)
    elif brief.stage is _ABANDONED:
        close = (dates.qa or 2) + rng.randint(1, 3) if not bid.rounds else dates.award
        expected = dates.award
    else:
        close = dates.award if closed else None
        expected = max(dates.award, _days_ago(brief.start) + 7) if not closed else dates.award
    delivered = None
    if brief.stage is _DEL:
        base = dates.contract if dates is not None else (close or 0) + 20
        build = 300 if brief.type is _OPS else min(330, 120 + brief.budget_wan // 5)
        delivered = base + build
    return close, delivered, expected


def _materialise(
    rng: random.Random,
    ctx: _Context,
    account: AccountPlan,
    brief: Brief,
    index: int,
    sheet_key: str,
) -> OpportunityPlan:
    org = account.org
    rival = _rival(account)
    winner = (brief.winner or rival) if brief.stage is _LOST else None
    trigger_note = rng.choice(TRIGGER_NOTES[brief.trigger]) if rng.random() < 0.7 else None
    triggers: tuple[Trigger, ...] = (brief.trigger,)
    if brief.trigger is not _BUDGET and org.kind in GOVERNMENT and rng.random() < 0.5:
        triggers = (brief.trigger, _BUDGET)
    bid = _bid(rng, account, brief, sheet_key, winner)
    close, delivered, expected = _days(rng, brief, bid)
    team = _team(account, brief)
    no_tender = None
    if bid.tender is None and brief.stage is not _POT:
        no_tender = brief.no_tender_reason or "民营企业，由老板直接商务谈判，未组织招标"
    return OpportunityPlan(
        key=f"{org.key}:{index}",
        account=org.key,
        name=brief.name,
        owner=account.owner,
        bid_writer="sales" if any(m == "sales" for m, _r in team) else account.owner,
        team=team,
        stage=brief.stage,
        start=brief.start,
        project_type=brief.type,
        triggers=triggers,
        trigger_note=trigger_note,
        budget=(Decimal(brief.budget_wan) * WAN).quantize(CENT),
        source=_source(rng, account, brief, index),
        description=brief.description,
        no_tender_reason=no_tender,
        tender=bid.tender,
        vendors=bid.vendors,
        rounds=bid.rounds,
        chain=_chain(rng, ctx, account, brief, rival, winner),
        close_day=close,
        delivered_day=delivered,
        expected_close_day=expected,
        awarded=bid.awarded,
        outcome=_outcome(brief.stage),
        review=_review(rng, brief, bid, winner),
        earlier=(f"{org.key}:{brief.earlier[0]}", brief.earlier[1]) if brief.earlier else None,
    )


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


def _days_ago(start: When) -> int:
    """Days before today of an unanchored start (anchored ones are long past)."""
    return start if isinstance(start, int) else 10_000


def build_opportunity_plan(
    plan: DemoPlan, relationships: RelationshipPlan, seed: int = SEED
) -> OpportunitiesPlan:
    """Everything the demo records about opportunities, as plain values: the same account and
    relationship plans and seed give the same opportunities, on any day."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
    ctx = _context(plan, relationships)
    out: list[OpportunityPlan] = []
    for account in plan.accounts:
        org = account.org
        sheet_key = rng.choice(USUAL_SHEETS[org.kind])
        briefs = list(STORIES.get(org.key, ())) or _generated(rng, account)
        for index, brief in enumerate(briefs):
            out.append(_materialise(rng, ctx, account, brief, index, sheet_key))
    return OpportunitiesPlan(tuple(out))


# --- dates ---------------------------------------------------------------------------------------


def reference_year(today: date) -> int:
    """The latest budget year whose tenders are all decided and contracted by `today` (a tender
    published in December is signed by the next summer)."""
    return today.year - 1 if (today.month, today.day) >= (7, 20) else today.year - 2


def start_date(start: When, today: date, tail: int = 0) -> date:
    """The start's date as of `today`; `tail` days after it must be past too."""
    if isinstance(start, Anchor):
        return date(reference_year(today) - start.years_back + 1, start.month, start.day)
    if isinstance(start, Near):
        target = today - timedelta(days=start.days_ago)
        candidates = [
            date(year, start.month, start.day)
            for year in range(target.year - 2, target.year + 2)
            if date(year, start.month, start.day) + timedelta(days=tail) < today
        ]
        return min(candidates, key=lambda day: (abs((day - target).days), day))
    return today - timedelta(days=start)


@dataclass(frozen=True, slots=True)
class Timeline:
    start: date
    closed_on: date | None
    delivered_on: date | None
    expected_close_on: date


def schedule(plan: OpportunitiesPlan, today: date) -> dict[str, Timeline]:
    """The dates of every opportunity of the plan, as of `today`."""
    out = {}
    for o in plan.opportunities:
        tail = max(o.close_day or 0, o.delivered_day or 0, *(r.day for r in o.rounds))
        start = start_date(o.start, today, tail)
        out[o.key] = Timeline(
            start=start,
            closed_on=start + timedelta(days=o.close_day) if o.close_day is not None else None,
            delivered_on=(
                start + timedelta(days=o.delivered_day) if o.delivered_day is not None else None
            ),
            expected_close_on=start + timedelta(days=o.expected_close_day),
        )
    return out


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _tender_write(t: TenderPlan, start: date) -> TenderWrite:
    def day(offset: int | None) -> date | None:
        return start + timedelta(days=offset) if offset is not None else None

    submission = day(t.submission)
    sheet = t.sheet
    return TenderWrite(
        method=t.method,
        evaluation_method=t.evaluation,
        price_formula=sheet.formula if sheet else PriceFormula.LOWEST_RATIO,
        benchmark_discount=sheet.discount if sheet else Decimal(0),
        deduct_above=sheet.deduct_above if sheet else Decimal(1),
        deduct_below=sheet.deduct_below if sheet else Decimal("0.5"),
        agency=t.agency,
        bid_bond=t.bid_bond,
        rfp_published_on=start,
        qa_deadline=_at(start + timedelta(days=t.qa), 17) if t.qa is not None else None,
        site_visit_at=(
            _at(start + timedelta(days=t.site_visit), 9, 30) if t.site_visit is not None else None
        ),
        submission_deadline=_at(submission, 9, 30) if submission else None,
        opening_at=_at(submission, 9, 30) if submission else None,
        award_announced_on=day(t.award),
        contract_signed_on=day(t.contract),
        notes=t.notes,
        scoring_items=[
            ScoringItemWrite(
                name=item.name,
                weight=Decimal(item.weight),
                is_price=item.is_price,
                sub_items=[SubItemWrite(name=n, weight=Decimal(w)) for n, w in item.sub_items],
            )
            for item in (sheet.items if sheet else ())
        ],
    )


def display_name(o: OpportunityPlan, start: date) -> str:
    """The name, with an operations contract's service year (procured in the autumn for the
    next year)."""
    year = start.year + 1 if start.month >= 10 else start.year
    return o.name.replace("{year}", str(year))


# --- writing through the services ----------------------------------------------------------------


def _acting(db: Session, staff: Staff, key: str) -> Principal:
    principal = staff.get(key)
    set_actor(db, principal.user_id, principal.name)
    return principal


Ids = tuple[dict[str, int], dict[ContactKey, int], dict[str, int]]


def _ids(db: Session, staff: Staff, plan: DemoPlan) -> Ids:
    """The demo's account, contact and competitor ids by plan key (names are unique)."""
    workspace = staff.boss.workspace_id

    def by_name(model: type[Account | Contact | Competitor]) -> dict[str, int]:
        query = select(model.id, model.name).where(model.workspace_id == workspace)
        return {row.name: int(row.id) for row in db.execute(query)}

    accounts, people, rivals = by_name(Account), by_name(Contact), by_name(Competitor)
    return (
        {a.org.key: accounts[a.org.name] for a in plan.accounts},
        {c.key: people[c.name] for c in plan.contacts},
        rivals,
    )


def _leaf_ids(items: Sequence[ScoringItemRead]) -> list[int]:
    out: list[int] = []
    for item in items:
        if item.is_price:
            continue
        out += [s.id for s in item.sub_items] if item.sub_items else [item.id]
    return out


def write_opportunities(
    db: Session,
    staff: Staff,
    plan: DemoPlan,
    opportunities: OpportunitiesPlan,
    today: date,
) -> None:
    accounts, contacts, rivals = _ids(db, staff, plan)
    dates = schedule(opportunities, today)
    written: dict[str, int] = {}
    for o in sorted(opportunities.opportunities, key=lambda o: (dates[o.key].start, o.key)):
        when = dates[o.key]
        _write_one(db, staff, o, when, accounts, contacts, rivals, written)


def _write_one(
    db: Session,
    staff: Staff,
    o: OpportunityPlan,
    when: Timeline,
    accounts: dict[str, int],
    contacts: dict[ContactKey, int],
    rivals: dict[str, int],
    written: dict[str, int],
) -> None:
    start = when.start
    owner = _acting(db, staff, o.owner)
    created = service.create_opportunity(
        db,
        owner,
        OpportunityCreate(
            account_id=accounts[o.account],
            name=display_name(o, start),
            expected_close_on=when.closed_on or when.expected_close_on,
            project_type=o.project_type,
            triggers=list(o.triggers),
            trigger_note=o.trigger_note,
            budget_amount=o.budget,
            source=o.source,
            description=o.description,
            team=[TeamMemberWrite(user_id=staff.get(k).user_id, role=r) for k, r in o.team],
        ),
    )
    oid = created.id
    written[o.key] = oid
    if o.earlier is not None:
        earlier, kind = o.earlier
        service.add_relation(db, owner, oid, RelationCreate(earlier_id=written[earlier], kind=kind))
    vendor_ids: dict[str | None, int] = {}
    if o.tender is not None:
        writer = _acting(db, staff, o.bid_writer)
        tender = tender_service.write_tender(db, writer, oid, _tender_write(o.tender, start))
        for v in o.vendors:  # competitors of a decided bid are recorded with how they ended
            if v.competitor is not None:
                added = tender_service.add_vendor(
                    db,
                    _acting(db, staff, o.owner),
                    oid,
                    VendorCreate(
                        competitor_id=rivals[v.competitor], status=v.status, notes=v.notes
                    ),
                )
                vendor_ids[v.competitor] = added.id
        for read in tender_service.vendor_reads(db, owner, oid):
            if read.is_us:
                vendor_ids[None] = read.id
        if o.tender.sheet is not None:
            items = tender_service.tender_read(db, owner.scope, tender).scoring_items
            leaves = _leaf_ids(items)
            estimator = _acting(db, staff, "delivery")  # 刘芳 estimates the technical points
            for v in o.vendors:
                if v.scores:
                    tender_service.set_scores(
                        db,
                        estimator,
                        oid,
                        vendor_ids[v.competitor],
                        ScoresWrite(scores=dict(zip(leaves, v.scores, strict=True))),
                    )
        if o.stage is not Stage.POTENTIAL:
            service.move_stage(db, _acting(db, staff, o.owner), oid, StageMove(stage=_BID))
    elif o.no_tender_reason is not None:
        service.move_stage(
            db,
            owner,
            oid,
            StageMove(stage=_BID, no_tender_reason=o.no_tender_reason),
        )
    principal = _acting(db, staff, o.owner)
    for m in o.chain:
        chain_service.add_member(
            db,
            principal,
            oid,
            DecisionMemberWrite(
                contact_id=contacts[m.contact],
                decision_role=m.role,
                stance=m.stance,
                favoured_competitor_id=rivals[m.favoured] if m.favoured else None,
                note=m.note,
            ),
        )
    if o.rounds:
        writer = _acting(db, staff, o.bid_writer)
        for r in o.rounds:
            tender_service.submit_quote_round(
                db,
                writer,
                oid,
                QuoteRoundCreate(
                    quoted_on=start + timedelta(days=r.day),
                    note=r.note,
                    quotes=[
                        QuoteWrite(vendor_id=vendor_ids[c], amount=amount, source=source)
                        for c, amount, source in r.quotes
                    ],
                ),
            )
    if o.outcome is None or o.review is None:
        return
    principal = _acting(db, staff, o.owner)
    for v in o.vendors:  # how we ended
        if v.competitor is None and v.status is not VendorStatus.BIDDING and None in vendor_ids:
            tender_service.update_vendor(
                db, principal, oid, vendor_ids[v.competitor], VendorUpdate(status=v.status)
            )
    review = o.review
    service.close_opportunity(
        db,
        principal,
        oid,
        CloseOpportunity(
            outcome=o.outcome,
            awarded_amount=o.awarded,
            closed_on=when.closed_on,
            review=ReviewWrite(
                reasons=list(review.reasons),
                reason_note=review.reason_note,
                what_worked=review.what_worked,
                what_to_change=review.what_to_change,
                winner_competitor_id=rivals[review.winner] if review.winner else None,
                winning_price=review.winning_price,
            ),
        ),
    )
    if o.stage is Stage.DELIVERED:
        service.move_stage(db, _acting(db, staff, "delivery"), oid, StageMove(stage=_DEL))


def seed_opportunities(
    db: Session,
    staff: Staff,
    plan: DemoPlan,
    relationships: RelationshipPlan,
    today: date | None = None,
) -> OpportunitiesPlan:
    """Plan the demo's opportunities and write them through the services. Returns the plan."""
    opportunities = build_opportunity_plan(plan, relationships)
    write_opportunities(db, staff, plan, opportunities, today or datetime.now(TZ).date())
    return opportunities
