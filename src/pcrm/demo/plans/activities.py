"""An account's history as plain values: the follow-ups (跟进记录) of each stage it went through,
who did them and with whom, with subjects, outcomes, notes and next steps in the order things
happen, and the stage changes themselves. Part of the account plan (`pcrm.demo.plans.accounts`),
drawn from its random numbers."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pcrm.accounts.public import ActivityType, Importance, LifecycleStage
from pcrm.demo.data.accounts import CITIES, ContactKey, Org
from pcrm.demo.data.activities import (
    BOSS_SUBJECTS,
    CHANGES,
    INDUSTRY_WORDS,
    LOST_REVIEW,
    MILESTONES,
    NEXT_STEPS,
    NOTES,
    OUTCOMES,
    PHASES,
    SUBJECTS,
    TECH_SUBJECTS,
    TIMELINES,
    TYPE_MIX,
)
from pcrm.demo.world import TZ, WRITERS

if TYPE_CHECKING:  # the account plan imports this module
    from pcrm.demo.plans.accounts import AccountPlan, Presence

Stage = LifecycleStage
Imp = Importance
_P, _BD, _EX, _DL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_VISIT, _MEET, _EVENT = ActivityType.VISIT, ActivityType.MEETING, ActivityType.EVENT


@dataclass(frozen=True, slots=True)
class ActivityPlan:
    at: datetime
    account: str
    owner: str
    type: ActivityType
    subject: str
    contact: ContactKey | None
    participants: tuple[ContactKey, ...]
    users: tuple[str, ...]
    notes: str | None
    outcome: str | None
    next_step: str | None
    next_step_due: date | None
    cost: Decimal | None


@dataclass(frozen=True, slots=True)
class StagePlan:
    at: datetime
    account: str
    stage: LifecycleStage
    lost_reason: str | None = None
    lost_on: date | None = None


@dataclass(frozen=True, slots=True)
class DormantPlan:
    at: datetime
    account: str


HistoryEvent = ActivityPlan | StagePlan | DormantPlan


def weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(rng: random.Random, day: date, kind: ActivityType) -> datetime:
    if kind in (ActivityType.VISIT, ActivityType.MEETING, ActivityType.EVENT):
        hour, minute = rng.choice((9, 9, 10, 10, 11, 14, 14, 15, 15, 16)), rng.choice((0, 30))
    elif kind == ActivityType.WECHAT:
        hour, minute = rng.randint(8, 21), rng.randrange(60)
    else:
        hour, minute = rng.randint(9, 17), rng.randrange(60)
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def _money(rng: random.Random, low: int, high: int, step: int) -> Decimal:
    return Decimal(rng.randrange(low, high, step)).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class Moment:
    """Where a day falls in an account's history: the stage then and how far into it."""

    phase: LifecycleStage
    progress: float  # 0 at the start of the stage, 1 at its end (or today)


def _moment(org: Org, start: date, end: date, day: date) -> Moment:
    fraction = (day - start).days / max((end - start).days, 1)
    bounds = (0.0, *TIMELINES[org.stage][1], 1.0)
    index = sum(1 for b in bounds[1:-1] if fraction >= b)
    low, high = bounds[index], bounds[index + 1]
    return Moment(PHASES[index], min(max((fraction - low) / (high - low), 0.0), 1.0))


def _along(rng: random.Random, pool: Sequence[str], progress: float) -> str:
    """An item of a chronologically ordered pool, near the point `progress` of the phase."""
    index = int(progress * len(pool) + rng.uniform(-1.0, 1.0))
    return pool[min(max(index, 0), len(pool) - 1)]


def _owner_for(
    rng: random.Random, plan: AccountPlan, phase: LifecycleStage, kind: ActivityType
) -> str:
    """Who did it: the account owner mostly; 王总 on some visits to strategic customers, the
    technical lead in technical talks and during the project, marketing at events."""
    members = {key for key, _role in plan.team if key in WRITERS}
    roll = rng.random()
    wanted = plan.owner
    if kind == ActivityType.VISIT and roll < 0.25 and "boss" in members:
        wanted = "boss"
    elif kind == ActivityType.EVENT and phase in (_P, _DL) and roll < 0.6:
        wanted = "marketing"
    elif (
        (phase == Stage.EXECUTION and roll < 0.45)
        or (phase == Stage.DELIVERED and roll < 0.35)
        or (kind == _MEET and roll < 0.3)
    ):
        wanted = "delivery"
    elif plan.owner != "manager" and roll < 0.2:
        wanted = "manager"
    return wanted if wanted in members else plan.owner


def _text(template: str, org: Org, rng: random.Random, person: Presence | None) -> str:
    return template.format(
        solution=org.solution,
        title=person.title if person else "客户领导",
        name=person.name if person else "对方",
        dept=person.department if person else "信息中心",
        city=CITIES[org.city].name,
        industry=INDUSTRY_WORDS[org.industry],
        change=rng.choice(CHANGES),
        n=rng.randint(2, 12),
        round=rng.choice((2, 2, 3)),
        amount=rng.choice((80, 120, 150, 200, 260, 300, 450)),
    )


def _pick_people(
    rng: random.Random, present: list[Presence], kind: ActivityType, owner: str
) -> tuple[Presence | None, list[Presence]]:
    """The main contact (leaders at events and when 王总 goes) and others of the account who
    joined."""
    if not present:
        return None, []
    weight = {Imp.KEY: 3.0, Imp.IMPORTANT: 3.0, Imp.NORMAL: 2.0}
    if kind == ActivityType.EVENT:
        weight[Imp.KEY] = 5.0
    if owner == "boss":
        weight = {Imp.KEY: 10.0, Imp.IMPORTANT: 2.0, Imp.NORMAL: 0.1}
    contact = rng.choices(present, [weight[p.importance] for p in present])[0]
    others = [p for p in present if p.key != contact.key]
    extra = {
        ActivityType.MEETING: rng.randint(1, 3),
        ActivityType.EVENT: rng.randint(0, 2),
        ActivityType.VISIT: rng.randint(0, 1),
    }.get(kind, 0)
    return contact, rng.sample(others, min(extra, len(others)))


def _plan_activity(
    rng: random.Random,
    plan: AccountPlan,
    at: datetime,
    moment: Moment,
    kind: ActivityType,
    present: list[Presence],
    milestone: tuple[str, str] | None = None,
) -> ActivityPlan:
    org, phase = plan.org, moment.phase
    owner = plan.owner if milestone else _owner_for(rng, plan, phase, kind)
    contact, others = _pick_people(rng, present, kind, owner)
    outcome: str | None
    if milestone:
        subject, outcome = milestone
    else:
        pool = SUBJECTS[(phase, kind)]
        if owner == "delivery" and phase in (_P, _BD):
            pool = TECH_SUBJECTS
        elif owner == "boss":
            pool = BOSS_SUBJECTS
        subject = _text(_along(rng, pool, moment.progress), org, rng, contact)
        outcome = None
        if kind != ActivityType.EMAIL and rng.random() < 0.75:
            outcome = _text(_along(rng, OUTCOMES[phase], moment.progress), org, rng, contact)
    notes = None
    if rng.random() < 0.45:
        notes = _text(_along(rng, NOTES[phase], moment.progress), org, rng, contact)
    members = [key for key, _role in plan.team if key != owner]
    users: list[str] = []
    if kind in (_MEET, _EVENT, _VISIT) and members:
        users = rng.sample(members, min(len(members), rng.randint(0, 2)))
    if milestone and "delivery" in members and "delivery" not in users:
        users.append("delivery")
    cost = None
    if kind == ActivityType.VISIT:
        cost = _money(rng, 200, 3000, 10)  # travel, meals
    elif kind == ActivityType.EVENT:
        cost = _money(rng, 5000, 80000, 500)  # venue, catering, materials
    elif kind == ActivityType.MEETING and rng.random() < 0.3:
        cost = _money(rng, 300, 2000, 50)
    next_step = None
    if rng.random() < 0.25:
        next_step = _along(rng, NEXT_STEPS[phase], moment.progress)
    return ActivityPlan(
        at=at,
        account=org.key,
        owner=owner,
        type=kind,
        subject=subject[:200],
        contact=contact.key if contact else None,
        participants=tuple(p.key for p in others),
        users=tuple(users),
        notes=notes,
        outcome=outcome,
        next_step=next_step,
        next_step_due=None,
        cost=cost,
    )


def plan_account_history(
    rng: random.Random,
    plan: AccountPlan,
    count: int,
    window: tuple[date, date],
    present: list[Presence],
    today: date,
) -> list[HistoryEvent]:
    """`count` follow-ups over the account's window: one for each stage it entered (and the
    loss review), the rest spread over the stages with the kinds of contact each stage has."""
    org = plan.org
    start, end = window
    span = max((end - start).days, 1)
    events: list[HistoryEvent] = []
    for stage, fraction in zip(PHASES[1:], TIMELINES[org.stage][1], strict=False):
        at = datetime.combine(weekday(start + timedelta(days=int(span * fraction))), time(10))
        at = at.replace(tzinfo=TZ)
        kind, subject, outcome = MILESTONES[stage]
        here = [p for p in present if p.there(at)]
        moment = Moment(stage, 0.0)
        events.append(_plan_activity(rng, plan, at, moment, kind, here, (subject, outcome)))
        events.append(StagePlan(at + timedelta(hours=2), org.key, stage))
    if org.lost:
        reason, _days = org.lost
        at = datetime.combine(weekday(end), time(16), tzinfo=TZ)
        here = [p for p in present if p.there(at)]
        moment = Moment(Stage.BIDDING, 1.0)
        events.append(_plan_activity(rng, plan, at, moment, _MEET, here, (LOST_REVIEW, reason)))
        events.append(StagePlan(at + timedelta(hours=1), org.key, Stage.LOST, reason, end))
    if org.dormant:
        at = datetime.combine(end + timedelta(days=60), time(9), tzinfo=TZ)
        events.append(DormantPlan(at, org.key))
    milestones = sum(isinstance(e, ActivityPlan) for e in events)
    for _ in range(count - milestones):
        day = start + timedelta(days=rng.randint(0, span))
        kinds, weights = TYPE_MIX[_moment(org, start, end, day).phase]
        kind = rng.choices(kinds, weights)[0]
        if kind != ActivityType.WECHAT:
            day = weekday(day)
        at = _at(rng, day, kind)
        here = [p for p in present if p.there(at)]
        moment = _moment(org, start, end, day)
        activity = _plan_activity(rng, plan, at, moment, kind, here)
        if (today - day).days <= 30 and activity.next_step is None and rng.random() < 0.35:
            activity = _with_next_step(rng, activity, moment, today)
        events.append(activity)
    if not org.lost and not org.dormant:  # every live account has something coming up
        activities = [e for e in events if isinstance(e, ActivityPlan)]
        latest = max(activities, key=lambda a: a.at)
        moment = _moment(org, start, end, latest.at.date())
        events[events.index(latest)] = _with_next_step(rng, latest, moment, today)
    return events


def _with_next_step(
    rng: random.Random, activity: ActivityPlan, moment: Moment, today: date
) -> ActivityPlan:
    """A next step due in the coming weeks (a few slightly overdue): these become reminders."""
    due = today + timedelta(days=rng.randint(1, 21))
    if rng.random() < 0.1:
        due = today - timedelta(days=rng.randint(1, 3))
    step = _along(rng, NEXT_STEPS[moment.phase], moment.progress)
    return replace(activity, next_step=step, next_step_due=due)
