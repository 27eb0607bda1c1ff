"""Demo data of the accounts area: sixty customer organisations of a Chinese system integrator,
four hundred of their people and two years of follow-ups (1,500 activities).

The data is planned first, as plain values drawn from `random.Random(2026)` and the tables of
`pcrm.demo.data` (`build_plan`, no database), then written through the account, contact and
activity services (`write_plan`), acting as the demo user who would have done it and in the
order it happened: accounts move through the lifecycle stages (a few are lost), people leave or
move to another customer, next steps become reminders. The audit trail, search fields,
employment history and reminders are therefore the ones real use produces.

Every credit code, phone number, e-mail address (all on `.example` domains) and WeChat id is made
up; credit codes and phone numbers are valid in form.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import phonenumbers
from sqlalchemy.orm import Session

from pcrm.accounts import activity_service, contact_service
from pcrm.accounts import service as account_service
from pcrm.accounts.schemas import (
    AccountCreate,
    AccountUpdate,
    ActivityCreate,
    ContactCreate,
    ContactUpdate,
    TeamMemberWrite,
)
from pcrm.accounts.validation import CREDIT_CODE_CHARS, credit_code_check_char
from pcrm.accounts.vocab import (
    AccountStatus,
    ActivityType,
    ContactStatus,
    Gender,
    Importance,
    LifecycleStage,
    Ownership,
    RevenueBand,
    SizeBand,
    TeamRole,
)
from pcrm.core.audit import set_actor
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
    BOSS_SUBJECTS,
    CHANGES,
    HISTORY_DAYS,
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
from pcrm.demo.data.people import (
    ENGLISH_FEMALE,
    ENGLISH_MALE,
    FEMALE_NAMES,
    MALE_NAMES,
    MOBILE_PREFIXES,
    OUR_NAMES,
    PREFERENCES,
    SURNAME_WEIGHTS,
    SURNAMES,
)
from pcrm.identity.public import Principal

SEED = 2026
TZ = ZoneInfo("Asia/Shanghai")

Stage = LifecycleStage
Imp = Importance
Size = SizeBand
Rev = RevenueBand
_P, _BD, _EX, _DL = Stage.POTENTIAL, Stage.BIDDING, Stage.EXECUTION, Stage.DELIVERED
_VISIT, _MEET, _EVENT = ActivityType.VISIT, ActivityType.MEETING, ActivityType.EVENT


# --- our people ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Staff:
    """The demo users, by the part they play at 星图数智."""

    boss: Principal  # 王建国, 总经理 (owner)
    marketing: Principal  # 陈思雨, 市场与运营 (admin)
    manager: Principal  # 李明, 销售总监 (manager)
    sales: Principal  # 张伟, 客户经理 (sales)
    delivery: Principal  # 刘芳, 交付与技术 (delivery)
    viewer: Principal  # 赵磊, 商务与财务 (viewer: reads only)

    def get(self, key: str) -> Principal:
        principal: Principal = getattr(self, key)
        return principal


WRITERS = ("boss", "marketing", "manager", "sales", "delivery")


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


def _org_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        (int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body, weights, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _credit_code(rng: random.Random, org: Org, used: set[str]) -> str | None:
    """A unified social credit code: authority and type (11 government body, 12 public
    institution, 91 company), division code, organisation code, check character."""
    if org.kind == Kind.BUREAU and rng.random() < 0.3:
        return None
    head = {Kind.BUREAU: "11", Kind.HOSPITAL: "12", Kind.UNIVERSITY: "12"}.get(org.kind, "91")
    letters = CREDIT_CODE_CHARS
    while True:
        if head == "91" and (org.ownership or OWNERSHIP[org.kind]) != Ownership.STATE_OWNED:
            body = (
                "MA" + "".join(rng.choices(letters[:10], k=2)) + "".join(rng.choices(letters, k=4))
            )
        else:
            body = "".join(rng.choices("0123456789", k=8))
        first17 = head + CITIES[org.city].division + body + _org_code_check(body)
        code = first17 + credit_code_check_char(first17)
        if code not in used:
            used.add(code)
            return code


def _valid_phone(number: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))


def _mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices("0123456789", k=8))
        if number not in used and _valid_phone(number):
            used.add(number)
            return number


def _office_phone(rng: random.Random, area_code: str, exchange: str) -> str:
    while True:
        number = f"{area_code}-{exchange}{rng.randrange(10000):04d}"
        if _valid_phone(number):
            return number


def _pick_name(
    rng: random.Random, gender: Gender, senior: bool, used: set[str]
) -> tuple[str, str, str]:
    """(name, given-name pinyin, surname pinyin), unique across the demo."""
    pool = MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES
    if senior:
        pool = tuple(n for n in pool if not n[2])
    while True:
        surname, surname_py = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        given, given_py, _young = rng.choice(pool)
        name = surname + given
        if name not in used and name not in OUR_NAMES:
            used.add(name)
            return name, given_py, surname_py


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
                credit_code=_credit_code(rng, org, used_codes),
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
                name, given_py, surname_py = _pick_name(rng, gender, senior, used_names)
                english = f"{given_py} {surname_py}"
                if private and rng.random() < 0.25:
                    pool = ENGLISH_MALE if gender == Gender.MALE else ENGLISH_FEMALE
                    english = f"{rng.choice(pool)} {surname_py}"
            mobile = _mobile(rng, used_mobiles)
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
                        _office_phone(rng, city.area_code, exchange) if rng.random() < 0.8 else None
                    ),
                    email=(
                        f"{given_py}.{surname_py}@{org.domain}".lower()
                        if org.expat and org.expat[0] == slot
                        else _email(rng, org, english, given_py, surname_py, used_emails)
                    ),
                    wechat=_wechat(rng, given_py, surname_py, mobile),
                    birthday=_birthday(rng, today, slot, position.importance),
                    preferences=(
                        "；".join(rng.sample(PREFERENCES, rng.choice((1, 1, 2))))
                        if rng.random() < 0.5
                        else None
                    ),
                )
            )
    return plans


def _email(
    rng: random.Random,
    org: Org,
    english: str,
    given_py: str,
    surname_py: str,
    used: set[str],
) -> str | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.14:
        local, domain = str(rng.randrange(10_000_000, 3_000_000_000)), "qq.example"
    elif roll < 0.2:
        local, domain = f"{surname_py}{given_py}{rng.randrange(60, 100)}".lower(), "163.example"
    elif OWNERSHIP[org.kind] in (Ownership.PRIVATE, Ownership.FOREIGN) or org.kind == Kind.BANK:
        local, domain = f"{english.split(maxsplit=1)[0]}.{surname_py}".lower(), org.domain
    else:
        local, domain = f"{surname_py}{given_py}".lower(), org.domain
    local = "".join(ch for ch in local if ch.isalnum() or ch == ".")
    candidate, n = f"{local}@{domain}", 1
    while candidate in used:
        n += 1
        candidate = f"{local}{n}@{domain}"
    used.add(candidate)
    return candidate


def _wechat(rng: random.Random, given_py: str, surname_py: str, mobile: str) -> str | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.45:
        return mobile  # many people let others find them by their mobile number
    if roll < 0.65:
        chars = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "wxid_" + "".join(rng.choices(chars, k=12))
    if roll < 0.85:
        return f"{surname_py}{given_py}{rng.randrange(60, 100)}".lower()
    return f"{surname_py.lower()}_{given_py[:1].lower()}{rng.randrange(1, 1000)}"


def _birthday(rng: random.Random, today: date, slot: int, importance: Importance) -> date | None:
    if rng.random() >= 0.4:
        return None
    low, high = (50, 60) if slot == 0 else (40, 56) if importance != Imp.NORMAL else (24, 45)
    year = today.year - rng.randint(low, high)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _weekday(day: date) -> date:
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
                at=datetime.combine(_weekday(today - timedelta(days=days)), time(10), tzinfo=TZ),
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


def _plan_account_history(
    rng: random.Random,
    plan: AccountPlan,
    count: int,
    window: tuple[date, date],
    present: list[Presence],
    today: date,
) -> list[Event]:
    """`count` follow-ups over the account's window: one for each stage it entered (and the
    loss review), the rest spread over the stages with the kinds of contact each stage has."""
    org = plan.org
    start, end = window
    span = max((end - start).days, 1)
    events: list[Event] = []
    for stage, fraction in zip(PHASES[1:], TIMELINES[org.stage][1], strict=False):
        at = datetime.combine(_weekday(start + timedelta(days=int(span * fraction))), time(10))
        at = at.replace(tzinfo=TZ)
        kind, subject, outcome = MILESTONES[stage]
        here = [p for p in present if p.there(at)]
        moment = Moment(stage, 0.0)
        events.append(_plan_activity(rng, plan, at, moment, kind, here, (subject, outcome)))
        events.append(StagePlan(at + timedelta(hours=2), org.key, stage))
    if org.lost:
        reason, _days = org.lost
        at = datetime.combine(_weekday(end), time(16), tzinfo=TZ)
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
            day = _weekday(day)
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


def build_plan(today: date, seed: int = SEED) -> DemoPlan:
    """Everything the demo holds, as plain values: the same seed and day give the same plan."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
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
        events += _plan_account_history(
            rng, plan, count, windows[plan.org.key], presences.get(plan.org.key, []), today
        )
    events.sort(key=lambda e: e.at)
    return DemoPlan(tuple(accounts), tuple(contacts), tuple(events))


# --- writing through the services ------------------------------------------------------------


def _acting(db: Session, principal: Principal) -> Principal:
    """Attribute the next changes to this demo user, as their own session would."""
    set_actor(db, principal.user_id, principal.name)
    return principal


def write_plan(db: Session, staff: Staff, plan: DemoPlan) -> None:
    accounts: dict[str, int] = {}
    owners: dict[str, Principal] = {}
    for item in plan.accounts:
        org = item.org
        owner = _acting(db, staff.get(item.owner))
        city = CITIES[org.city]
        website = (
            f"https://{org.domain}" if org.domain.count(".") > 1 else f"https://www.{org.domain}"
        )
        account = account_service.create_account(
            db,
            owner,
            AccountCreate(
                name=org.name,
                short_name=org.short,
                english_name=org.english,
                aliases=list(org.aliases),
                credit_code=item.credit_code,
                industry=org.industry,
                province=city.province,
                city=city.name,
                ownership=org.ownership or OWNERSHIP[org.kind],
                size_band=org.size,
                revenue_band=org.revenue,
                parent_id=accounts[org.parent] if org.parent else None,
                owner_id=owner.user_id,
                lifecycle_stage=Stage.POTENTIAL,
                status=AccountStatus.ACTIVE,
                tags=list(item.tags),
                website=website,
                address=org.address,
                notes=item.notes,
                team=[
                    TeamMemberWrite(user_id=staff.get(key).user_id, role=role)
                    for key, role in item.team
                ],
            ),
        )
        accounts[org.key] = account.id
        owners[org.key] = owner
    contacts: dict[ContactKey, int] = {}
    for person in plan.contacts:
        owner = _acting(db, owners[person.account])
        contact = contact_service.create_contact(
            db,
            owner,
            ContactCreate(
                name=person.name,
                english_name=person.english_name,
                gender=person.gender,
                title=person.title,
                department=person.department,
                account_id=accounts[person.account],
                reports_to_id=(
                    contacts[(person.account, person.reports_to)]
                    if person.reports_to is not None
                    else None
                ),
                mobile=person.mobile,
                office_phone=person.office_phone,
                email=person.email,
                wechat=person.wechat,
                birthday=person.birthday,
                preferences=person.preferences,
                importance=person.importance,
            ),
        )
        contacts[person.key] = contact.id
    for event in plan.events:
        _write_event(db, staff, event, accounts, owners, contacts)


def _write_event(
    db: Session,
    staff: Staff,
    event: Event,
    accounts: dict[str, int],
    owners: dict[str, Principal],
    contacts: dict[ContactKey, int],
) -> None:
    if isinstance(event, ActivityPlan):
        principal = _acting(db, staff.get(event.owner))
        activity_service.create_activity(
            db,
            principal,
            ActivityCreate(
                type=event.type,
                occurred_at=event.at,
                account_id=accounts[event.account],
                owner_id=principal.user_id,
                contact_id=contacts[event.contact] if event.contact else None,
                subject=event.subject,
                notes=event.notes,
                outcome=event.outcome,
                next_step=event.next_step,
                next_step_due=event.next_step_due,
                cost=event.cost,
                participant_contact_ids=[contacts[k] for k in event.participants],
                participant_user_ids=[staff.get(k).user_id for k in event.users],
            ),
        )
    elif isinstance(event, StagePlan):
        account_service.update_account(
            db,
            _acting(db, owners[event.account]),
            accounts[event.account],
            AccountUpdate(
                lifecycle_stage=event.stage, lost_reason=event.lost_reason, lost_on=event.lost_on
            )
            if event.stage == Stage.LOST
            else AccountUpdate(lifecycle_stage=event.stage),
            None,
        )
    elif isinstance(event, DormantPlan):
        account_service.update_account(
            db,
            _acting(db, owners[event.account]),
            accounts[event.account],
            AccountUpdate(status=AccountStatus.DORMANT),
            None,
        )
    elif isinstance(event, LeavePlan):
        contact_service.update_contact(
            db,
            _acting(db, owners[event.contact[0]]),
            contacts[event.contact],
            ContactUpdate(status=ContactStatus.LEFT, left_on=event.left_on),
            None,
        )
    else:
        principal = _acting(db, owners[event.to_account])
        contact_service.update_contact(
            db,
            principal,
            contacts[event.contact],
            ContactUpdate(
                account_id=accounts[event.to_account],
                title=event.title,
                department=event.department,
                email=event.email,
                reports_to_id=contacts[(event.to_account, event.reports_to)],
            ),
            None,
        )
        if event.their_new_boss is not None:  # the service left them without a boss
            principal = _acting(db, owners[event.contact[0]])
            for report in event.reports:
                contact_service.update_contact(
                    db,
                    principal,
                    contacts[report],
                    ContactUpdate(reports_to_id=contacts[event.their_new_boss]),
                    None,
                )


def seed_accounts(db: Session, staff: Staff, today: date | None = None) -> DemoPlan:
    """Plan the demo customers and write them through the services. Returns the plan."""
    plan = build_plan(today or datetime.now(TZ).date())
    write_plan(db, staff, plan)
    return plan
