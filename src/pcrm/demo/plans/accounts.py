"""The demo's customer base as plain values (no database): sixty accounts with their owners and
teams, four hundred of their people in organisation charts, and two years of events in the order
they happened (1,500 follow-ups, lifecycle stage changes, accounts falling dormant, people
leaving or moving to another customer; each account's history is planned in
`pcrm.demo.plans.activities`), drawn from the accounts' seeded random numbers
(`pcrm.demo.world.SEEDS`) and the tables of `pcrm.demo.data`. The same day gives the same plan
(`build_plan`)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pcrm.accounts.public import (
    ActivityType,
    Gender,
    Importance,
    LifecycleStage,
    Ownership,
    SizeBand,
    TeamRole,
)
from pcrm.demo.data.accounts import (
    BUYING_RHYTHM,
    CHARTS,
    CITIES,
    CONTACT_COUNT,
    FOREIGN_RHYTHM,
    KEY_INDUSTRIES,
    LEAVER_COUNT,
    MOVES,
    ORGS,
    OWNERSHIP,
    ContactKey,
    Kind,
    Org,
)
from pcrm.demo.data.activities import (
    ACTIVITY_COUNT,
    HISTORY_DAYS,
    TIMELINES,
)
from pcrm.demo.data.people import ENGLISH_FEMALE, ENGLISH_MALE, PREFERENCES
from pcrm.demo.plans import made_up
from pcrm.demo.plans.activities import (
    ActivityPlan,
    DormantPlan,
    StagePlan,
    plan_account_history,
    weekday,
)
from pcrm.demo.world import TZ, random_numbers

Stage = LifecycleStage
Imp = Importance
Size = SizeBand
_P, _BD, _EX, _DL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_VISIT, _MEET, _EVENT = ActivityType.VISIT, ActivityType.MEETING, ActivityType.EVENT


def _leaders(name: str) -> tuple[str, str, str]:
    """(head, deputy, leadership department) of a government body, from its name."""
    if name.endswith("委员会"):
        return "主任", "副主任", "委领导"
    if name.endswith("中心"):
        return "主任", "副主任", "中心领导"
    if name.endswith("办公室"):
        return "主任", "副主任", "办领导"
    return "局长", "副局长", "局领导"


def _fill(text: str, org: Org) -> str:
    head, deputy, board = _leaders(org.name)
    return text.format(head=head, deputy=deputy, board=board, biz=org.biz[0], biz_head=org.biz[1])


# --- the plan --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccountPlan:
    org: Org
    owner: str  # a Staff field
    team: tuple[tuple[str, TeamRole], ...]
    credit_code: str | None
    tags: tuple[str, ...]
    notes: str


@dataclass(frozen=True, slots=True)
class ContactPlan:
    account: str
    slot: int
    reports_to: int | None
    name: str
    english_name: str
    gender: Gender
    title: str
    department: str
    importance: Importance
    mobile: str
    office_phone: str | None
    email: str | None
    wechat: str | None
    birthday: date | None
    preferences: str | None

    @property
    def key(self) -> ContactKey:
        return (self.account, self.slot)


@dataclass(frozen=True, slots=True)
class MovePlan:
    at: datetime
    contact: ContactKey
    to_account: str
    title: str
    department: str
    reports_to: int
    email: str | None  # the work address at the new employer
    reports: tuple[ContactKey, ...]  # who reported to the person and now reports to their boss
    their_new_boss: ContactKey | None


@dataclass(frozen=True, slots=True)
class LeavePlan:
    at: datetime
    contact: ContactKey
    left_on: date


Event = ActivityPlan | StagePlan | DormantPlan | MovePlan | LeavePlan


@dataclass(frozen=True, slots=True)
class DemoPlan:
    accounts: tuple[AccountPlan, ...]
    contacts: tuple[ContactPlan, ...]
    events: tuple[Event, ...]  # in the order they happened

    @property
    def activities(self) -> list[ActivityPlan]:
        return [e for e in self.events if isinstance(e, ActivityPlan)]


@dataclass(frozen=True, slots=True)
class Presence:
    """A person at an account for a while: who can take part in its follow-ups then."""

    key: ContactKey
    name: str
    title: str
    department: str
    importance: Importance
    since: datetime | None
    until: datetime | None

    def there(self, at: datetime) -> bool:
        return (self.since is None or at >= self.since) and (self.until is None or at < self.until)


def _apportion(
    total: int, weights: Sequence[float], low: Sequence[int], high: Sequence[int]
) -> list[int]:
    """Split `total` in proportion to `weights`, each share within [low, high]."""
    scale = total / sum(weights)
    ideal = [w * scale for w in weights]
    counts = [min(max(round(x), lo), hi) for x, lo, hi in zip(ideal, low, high, strict=True)]
    while sum(counts) != total:
        step = 1 if sum(counts) < total else -1
        candidates = [
            i
            for i, c in enumerate(counts)
            if (step > 0 and c < high[i]) or (step < 0 and c > low[i])
        ]
        pick = max(candidates, key=lambda i: (ideal[i] - counts[i]) * step)
        counts[pick] += step
    return counts


def _plan_accounts(rng: random.Random) -> list[AccountPlan]:
    used_codes: set[str] = set()
    parents = {o.parent for o in ORGS if o.parent}
    plans = []
    for org in ORGS:
        ownership = org.ownership or OWNERSHIP[org.kind]
        owner = "manager" if org.weight >= 4 or org.kind == Kind.GROUP else "sales"
        if rng.random() < 0.15:
            owner = "sales" if owner == "manager" else "manager"
        team: list[tuple[str, TeamRole]] = [(owner, TeamRole.SALES)]
        if owner == "sales" and org.weight >= 4:
            team.append(("manager", TeamRole.SALES))
        if org.weight >= 4:  # 王总 sponsors the largest relationships himself
            team.append(("boss", TeamRole.SALES))
        late = org.stage == Stage.DELIVERED
        team.append(("delivery", TeamRole.AFTER_SALES if late else TeamRole.TECHNICAL))
        if org.weight >= 3 or rng.random() < 0.3:
            team.append(("marketing", TeamRole.MARKETING))
        if late and org.weight >= 3:
            team.append(("viewer", TeamRole.AFTER_SALES))
        tags = list(org.tags)
        if org.weight >= 5:
            tags.insert(0, "战略客户")
        if org.industry in KEY_INDUSTRIES:
            tags.append("重点行业")
        if org.stage == Stage.DELIVERED:
            tags.append("老客户")
        if org.stage == Stage.EXECUTION:
            tags.append("新签")
        if ownership == Ownership.GOVERNMENT:
            tags.append("政府采购")
        if org.parent or org.key in parents:
            tags.append("集团客户")
        rhythm = FOREIGN_RHYTHM if ownership == Ownership.FOREIGN else BUYING_RHYTHM[org.kind]
        notes = "\n".join(x for x in (rhythm, org.note) if x)
        plans.append(
            AccountPlan(
                org=org,
                owner=owner,
                team=tuple(team),
                credit_code=made_up.credit_code(rng, org, used_codes),
                tags=tuple(dict.fromkeys(tags)),
                notes=notes,
            )
        )
    return plans


def _plan_contacts(rng: random.Random, today: date) -> list[ContactPlan]:
    low = [3] * len(ORGS)
    index = {org.key: i for i, org in enumerate(ORGS)}
    for source, slot, target, _t, _d, boss, _days in MOVES:
        low[index[source]] = max(low[index[source]], slot + 1)
        low[index[target]] = max(low[index[target]], boss + 1)
    weights = [
        2.0 * org.weight + 1 + (1 if org.size in (Size.FROM_2000, Size.OVER_10000) else 0)
        for org in ORGS
    ]
    high = [len(CHARTS[org.kind]) for org in ORGS]
    counts = _apportion(CONTACT_COUNT, weights, low, high)
    used_names: set[str] = set()
    used_mobiles: set[str] = set()
    used_emails: set[str] = set()
    plans: list[ContactPlan] = []
    for org, count in zip(ORGS, counts, strict=True):
        city = CITIES[org.city]
        exchange = f"{rng.choice('5678')}{rng.randrange(100, 1000)}"
        private = OWNERSHIP[org.kind] == Ownership.PRIVATE
        for slot, position in enumerate(CHARTS[org.kind][:count]):
            senior = position.importance != Imp.NORMAL
            title = _fill(position.title, org)
            female_share = 0.85 if title.startswith("护理") else 0.2 if slot < 2 else 0.45
            gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
            if org.expat and org.expat[0] == slot:
                _slot, name, english, gender = org.expat
                given_py, surname_py = english.split()[0], english.split()[-1]
            else:
                name, given_py, surname_py = made_up.pick_name(rng, gender, senior, used_names)
                english = f"{given_py} {surname_py}"
                if private and rng.random() < 0.25:
                    pool = ENGLISH_MALE if gender == Gender.MALE else ENGLISH_FEMALE
                    english = f"{rng.choice(pool)} {surname_py}"
            mobile = made_up.mobile(rng, used_mobiles)
            plans.append(
                ContactPlan(
                    account=org.key,
                    slot=slot,
                    reports_to=position.boss,
                    name=name,
                    english_name=english,
                    gender=gender,
                    title=title,
                    department=_fill(position.department, org),
                    importance=position.importance,
                    mobile=mobile,
                    office_phone=(
                        made_up.office_phone(rng, city.area_code, exchange)
                        if rng.random() < 0.8
                        else None
                    ),
                    email=(
                        f"{given_py}.{surname_py}@{org.domain}".lower()
                        if org.expat and org.expat[0] == slot
                        else made_up.email(rng, org, english, given_py, surname_py, used_emails)
                    ),
                    wechat=made_up.wechat(rng, given_py, surname_py, mobile),
                    birthday=made_up.birthday(rng, today, slot, position.importance),
                    preferences=(
                        "；".join(rng.sample(PREFERENCES, rng.choice((1, 1, 2))))
                        if rng.random() < 0.5
                        else None
                    ),
                )
            )
    return plans


def _window(org: Org, today: date, rng: random.Random) -> tuple[date, date]:
    """First and last day of the account's follow-ups."""
    span = TIMELINES[org.stage][0]
    if org.lost:
        end = today - timedelta(days=org.lost[1])
    elif org.dormant:
        end = today - timedelta(days=200)
    else:
        end = today - timedelta(days=1)
    start = end - timedelta(days=int(span * rng.uniform(0.85, 1.0)))
    return max(start, today - timedelta(days=HISTORY_DAYS)), end


def _plan_people_changes(
    rng: random.Random,
    today: date,
    contacts: list[ContactPlan],
    windows: dict[str, tuple[date, date]],
) -> tuple[list[MovePlan], list[LeavePlan]]:
    by_key = {c.key: c for c in contacts}
    domains = {org.key: org.domain for org in ORGS}
    moves = []
    for source, slot, target, title, department, boss, days in MOVES:
        person = by_key[(source, slot)]
        reports = tuple(c.key for c in contacts if c.account == source and c.reports_to == slot)
        boss_key = (source, person.reports_to or 0)
        email = person.email
        if email and email.endswith("@" + domains[source]):
            email = email.replace("@" + domains[source], "@" + domains[target])
        moves.append(
            MovePlan(
                at=datetime.combine(weekday(today - timedelta(days=days)), time(10), tzinfo=TZ),
                contact=(source, slot),
                to_account=target,
                title=title,
                department=department,
                reports_to=boss,
                email=email,
                reports=reports,
                their_new_boss=boss_key if reports else None,
            )
        )
    moved = {m.contact for m in moves} | {(m.to_account, m.reports_to) for m in moves}
    bosses = {(c.account, c.reports_to) for c in contacts if c.reports_to is not None}
    lost_or_dormant = {o.key for o in ORGS if o.lost or o.dormant}
    eligible = [
        c
        for c in contacts
        if c.slot > 0
        and c.key not in moved
        and c.key not in bosses
        and c.account not in lost_or_dormant
        and (windows[c.account][1] - windows[c.account][0]).days > 120
    ]
    leaves = []
    for contact in sorted(rng.sample(eligible, LEAVER_COUNT), key=lambda c: (c.account, c.slot)):
        start, end = windows[contact.account]
        left_on = start + timedelta(days=rng.randint(60, (end - start).days - 10))
        at = datetime.combine(left_on, time(18), tzinfo=TZ)
        leaves.append(LeavePlan(at=at, contact=contact.key, left_on=left_on))
    return moves, leaves


def _presences(
    contacts: list[ContactPlan], moves: list[MovePlan], leaves: list[LeavePlan]
) -> dict[str, list[Presence]]:
    moved = {m.contact: m for m in moves}
    left = {lv.contact: lv.at for lv in leaves}
    found: dict[str, list[Presence]] = {}
    for c in contacts:
        move = moved.get(c.key)
        until = move.at if move else left.get(c.key)
        found.setdefault(c.account, []).append(
            Presence(c.key, c.name, c.title, c.department, c.importance, None, until)
        )
        if move:
            found.setdefault(move.to_account, []).append(
                Presence(c.key, c.name, move.title, move.department, c.importance, move.at, None)
            )
    return found


def build_plan(today: date) -> DemoPlan:
    """Everything the demo holds, as plain values: the same seed and day give the same plan."""
    rng = random_numbers("accounts")
    accounts = _plan_accounts(rng)
    contacts = _plan_contacts(rng, today)
    windows = {org.key: _window(org, today, rng) for org in ORGS}
    moves, leaves = _plan_people_changes(rng, today, contacts, windows)
    presences = _presences(contacts, moves, leaves)
    weights = [
        org.weight**1.6
        * {_P: 0.5, _BD: 1.0, _EX: 1.4, _DL: 1.2, Stage.LOST: 0.7}[org.stage]
        * (0.4 if org.dormant else 1.0)
        for org in ORGS
    ]
    counts = _apportion(ACTIVITY_COUNT, weights, [5] * len(ORGS), [250] * len(ORGS))
    events: list[Event] = [*moves, *leaves]
    for plan, count in zip(accounts, counts, strict=True):
        events += plan_account_history(
            rng, plan, count, windows[plan.org.key], presences.get(plan.org.key, []), today
        )
    events.sort(key=lambda e: e.at)
    return DemoPlan(tuple(accounts), tuple(contacts), tuple(events))
