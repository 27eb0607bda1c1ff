"""The demo's opportunities and tenders (当前项目线, 项目历史线) as plain values (no database):
about five years of history for every account (the hand-written `STORIES` of a few accounts,
the others by the rules in `_generated`), with decision chains that follow the relationship
plan's profiles and ties, and win/loss reviews, drawn from the opportunities' seeded random
numbers (`pcrm.demo.world.SEEDS`) and the tables of `pcrm.demo.data.opportunities`.

The plan depends only on the account and relationship plans, not on the day: the history is
placed in calendar months relative to a reference year (the last budget year whose tenders are
all decided, see `reference_year`) or in days before `today`, and `schedule` turns it into dates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pcrm.accounts.public import LifecycleStage
from pcrm.demo.data.accounts import ContactKey, Kind
from pcrm.demo.data.opportunities import (
    ABANDONED_NOTES,
    CHAIN_ORDER,
    GOVERNMENT,
    LOST_CHANGE,
    LOST_REASONS,
    LOST_WORKED,
    MAIN_BUDGET,
    MAIN_START,
    MEMBER_NOTES,
    PROJECTS,
    ROLE_OF,
    SIZE_FACTOR,
    STATE,
    STORIES,
    TRIGGER_NOTES,
    USUAL_SHEETS,
    WON_CHANGE,
    WON_REASONS,
    WON_WORKED,
    Anchor,
    Brief,
    Near,
    Project,
    When,
)
from pcrm.demo.data.relationships import PRIVATE
from pcrm.demo.plans import bids
from pcrm.demo.plans.accounts import AccountPlan, DemoPlan
from pcrm.demo.plans.bids import CENT, WAN, RoundPlan, TenderPlan, VendorPlan
from pcrm.demo.plans.relationships import People, RelationshipPlan
from pcrm.demo.world import random_numbers
from pcrm.opportunities.public import (
    DecisionRole,
    OpportunityRole,
    Outcome,
    ProjectType,
    RelationKind,
    ReviewReason,
    Source,
    Stage,
    Stance,
    TenderMethod,
    Trigger,
)
from pcrm.relationships.public import RelationshipStatus

Type = ProjectType
Reason = ReviewReason
Role = DecisionRole
_SINGLE = TenderMethod.SINGLE_SOURCE
_POT, _BID, _EXE, _DEL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_LOST, _ABANDONED = Stage.LOST, Stage.ABANDONED
_NEW, _UP, _OPS = ProjectType.NEW, ProjectType.UPGRADE, ProjectType.OPERATIONS
_OLD, _LEAD, _BUDGET, _RULES = (
    Trigger.OLD_SYSTEM,
    Trigger.LEADERSHIP,
    Trigger.YEARLY_BUDGET,
    Trigger.REGULATION,
)

# --- the plan ------------------------------------------------------------------------------------


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


def _review(
    rng: random.Random, brief: Brief, bid: bids.Bid, winner: str | None
) -> ReviewPlan | None:
    outcome = bids.outcome_of(brief.stage)
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


def _days(rng: random.Random, brief: Brief, bid: bids.Bid) -> tuple[int | None, int | None, int]:
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
        expected = (
            max(dates.award, bids.days_before_today(brief.start) + 7) if not closed else dates.award
        )
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
    rival = bids.rival_of(account)
    winner = (brief.winner or rival) if brief.stage is _LOST else None
    trigger_note = rng.choice(TRIGGER_NOTES[brief.trigger]) if rng.random() < 0.7 else None
    triggers: tuple[Trigger, ...] = (brief.trigger,)
    if brief.trigger is not _BUDGET and org.kind in GOVERNMENT and rng.random() < 0.5:
        triggers = (brief.trigger, _BUDGET)
    bid = bids.bid(rng, account, brief, sheet_key, winner)
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
        outcome=bids.outcome_of(brief.stage),
        review=_review(rng, brief, bid, winner),
        earlier=(f"{org.key}:{brief.earlier[0]}", brief.earlier[1]) if brief.earlier else None,
    )


def build_opportunity_plan(plan: DemoPlan, relationships: RelationshipPlan) -> OpportunitiesPlan:
    """Everything the demo records about opportunities, as plain values: the same account and
    relationship plans and seed give the same opportunities, on any day."""
    rng = random_numbers("opportunities")
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


def display_name(o: OpportunityPlan, start: date) -> str:
    """The name, with an operations contract's service year (procured in the autumn for the
    next year)."""
    year = start.year + 1 if start.month >= 10 else start.year
    return o.name.replace("{year}", str(year))
