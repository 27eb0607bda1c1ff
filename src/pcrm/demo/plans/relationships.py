"""The demo's people-relationship line (人脉线) as plain values (no database), for the people of
the account plan: dated profiles, influence inside and across the customers, dotted-line
reports, our relationship resources, and the competitors with their ties to customer people,
drawn from the relationships' seeded random numbers (`pcrm.demo.world.SEEDS`) and the tables
of `pcrm.demo.data.relationships`.

It depends only on the account plan's people (not on the day), so the counts are the same on
every run; dates are days before `today`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from pcrm.accounts.public import Importance, LifecycleStage
from pcrm.demo.data.accounts import ContactKey, Kind
from pcrm.demo.data.activities import TIMELINES
from pcrm.demo.data.relationships import (
    COMPETITORS,
    COOLING_NOTE,
    CROSS_INFLUENCE,
    DOTTED_LINES,
    INFLUENCE_RULES,
    MIDDLE,
    NEUTRAL_NOTES,
    OWNER_NOTES,
    PERSONAL_TIES,
    PRIVATE,
    PRIVATE_RULES,
    RIVAL_BY_ACCOUNT,
    RIVAL_BY_KIND,
    RIVAL_TIES,
    ROLES,
    STORIES,
    SUPPORTER_NOTES,
    TIE_SOURCES,
    CompetitorPlan,
    Ref,
)
from pcrm.demo.plans.accounts import AccountPlan, ContactPlan, DemoPlan, LeavePlan, MovePlan
from pcrm.demo.world import random_numbers
from pcrm.relationships.public import (
    AcquaintanceKind,
    BehaviourOrientation,
    InteractionLevel,
    RelationshipStatus,
)

Stage = LifecycleStage
Status = RelationshipStatus
Level = InteractionLevel
Behaviour = BehaviourOrientation
Ack = AcquaintanceKind
_P, _BD, _EX, _DL, _LOST = (
    Stage.POTENTIAL,
    Stage.BIDDING,
    Stage.EXECUTION,
    Stage.DELIVERED,
    Stage.LOST,
)


# --- the plan ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProfilePlan:
    contact: ContactKey
    days_ago: int
    behaviour: BehaviourOrientation | None
    status: RelationshipStatus
    interaction: InteractionLevel
    note: str | None
    writer: str  # a Staff field


@dataclass(frozen=True, slots=True)
class InfluencePlan:
    source: ContactKey
    target: ContactKey
    strength: int
    note: str | None
    writer: str


@dataclass(frozen=True, slots=True)
class DottedLinePlan:
    contact: ContactKey
    manager: ContactKey
    note: str
    writer: str


@dataclass(frozen=True, slots=True)
class AcquaintancePlan:
    user: str  # a Staff field: whom the customer person knows
    contact: ContactKey
    closeness: int
    kind: AcquaintanceKind
    since_year: int | None  # personal ties: since a year (1 September)
    since_days: int | None  # business ties: days before today
    note: str | None
    writer: str


@dataclass(frozen=True, slots=True)
class TiePlan:
    competitor: str
    contact: ContactKey
    closeness: int
    source: str
    note: str | None
    writer: str


@dataclass(frozen=True, slots=True)
class RelationshipPlan:
    competitors: tuple[CompetitorPlan, ...]
    profiles: tuple[ProfilePlan, ...]
    influences: tuple[InfluencePlan, ...]
    dotted_lines: tuple[DottedLinePlan, ...]
    acquaintances: tuple[AcquaintancePlan, ...]
    ties: tuple[TiePlan, ...]


class People:
    """Who holds which role at each account now (left people and those who moved away are
    gone; people who moved in are found by their original key)."""

    def __init__(self, plan: DemoPlan) -> None:
        self.accounts = {a.org.key: a for a in plan.accounts}
        self.contacts: dict[ContactKey, ContactPlan] = {c.key: c for c in plan.contacts}
        left = {e.contact for e in plan.events if isinstance(e, LeavePlan)}
        moves = {e.contact: e for e in plan.events if isinstance(e, MovePlan)}
        self.here: dict[ContactKey, str] = {
            c.key: moves[c.key].to_account if c.key in moves else c.account
            for c in plan.contacts
            if c.key not in left
        }
        self.moved_in = {m.to_account: [m.contact] for m in moves.values() if m.contact not in left}

    def role(self, account: str, role: str) -> ContactKey | None:
        """The person in this role at the account today, if we have them."""
        slot = ROLES[self.accounts[account].org.kind].get(role)
        if slot is None:
            return None
        key = (account, slot)
        return key if self.here.get(key) == account else None

    def roles(self, account: str) -> Iterator[tuple[str, ContactKey]]:
        for role in ROLES[self.accounts[account].org.kind]:
            key = self.role(account, role)
            if key is not None:
                yield role, key

    def account_of(self, key: ContactKey) -> AccountPlan:
        return self.accounts[self.here[key]]

    def importance(self, key: ContactKey) -> Importance:
        return self.contacts[key].importance

    def owner(self, key: ContactKey) -> str:
        """The staff member who keeps the person's account: they record what we learn."""
        return self.account_of(key).owner


def _span(account: AccountPlan) -> tuple[int, int]:
    """(first, last) day of the account's history, in days before today."""
    org = account.org
    first = TIMELINES[org.stage][0]
    last = org.lost[1] if org.lost else 200 if org.dormant else 1
    return max(first, last + 30), last


# --- profiles ------------------------------------------------------------------------------------


def _behaviour(rng: random.Random, kind: Kind, role: str) -> BehaviourOrientation:
    if role in ("cio", "cio_dep", "it", "pm"):
        return rng.choice((Behaviour.TECHNOLOGY, Behaviour.TECHNOLOGY, Behaviour.RESULTS))
    if role in ("finance", "purchase", "supply", "equipment"):
        return rng.choice((Behaviour.PRICE, Behaviour.PRICE, Behaviour.RISK_AVERSE))
    if role == "top" and kind in PRIVATE:
        return rng.choice((Behaviour.RESULTS, Behaviour.PRICE, Behaviour.RELATIONSHIP))
    if role in ("top", "second"):
        return rng.choice((Behaviour.RISK_AVERSE, Behaviour.RESULTS, Behaviour.RELATIONSHIP))
    return rng.choice((Behaviour.RESULTS, Behaviour.RELATIONSHIP, Behaviour.TECHNOLOGY))


_U, _N, _S, _O = Status.UNKNOWN, Status.NEUTRAL, Status.SUPPORTER, Status.OPPONENT


def _stances(
    rng: random.Random, account: AccountPlan, role: str, importance: Importance
) -> list[RelationshipStatus]:
    """How the person's stance towards us developed, oldest first."""
    stage, key, roll = account.org.stage, importance == Importance.KEY, rng.random()
    if stage == _DL:
        stances = [_U, _N, _S] if key and roll < 0.6 else [_N, _S] if roll < 0.8 else [_S]
    elif stage == _EX:
        if role in ("finance", "purchase", "risk"):
            stances = [_N]
        else:
            stances = [_U, _N, _S] if key and roll < 0.5 else [_N, _S] if roll < 0.8 else [_S]
    elif stage == _BD:
        if role in ("cio", "cio_dep"):
            stances = [_U, _N, _S] if roll < 0.5 else [_U, _N]  # our coach, or not yet
        elif role == "top":
            stances = [_U] if roll < 0.5 else [_U, _N]
        else:
            stances = [_N] if roll < 0.6 else [_U, _N]
    elif stage == _LOST:
        stances = [_N, _O] if role == "top" else [_N] if roll < 0.5 else [_S, _N]
    else:  # potential
        stances = [_U, _N] if role in ("cio", "cio_dep") and roll < 0.6 else [_U]
    return stances


def _profiles(rng: random.Random, people: People) -> list[ProfilePlan]:
    plans: list[ProfilePlan] = []
    for account in people.accounts.values():
        org = account.org
        if org.weight < 2:  # the smallest accounts have no profiles yet
            continue
        first, last = _span(account)
        holders = [*people.roles(org.key)] + [
            ("cio_dep", key) for key in people.moved_in.get(org.key, [])
        ]
        for role, key in holders:
            importance = people.importance(key)
            if importance == Importance.NORMAL or (
                importance == Importance.IMPORTANT and org.weight < 3
            ):
                continue
            behaviour = _behaviour(rng, org.kind, role)
            story = STORIES.get((org.key, role))
            steps: list[tuple[RelationshipStatus, InteractionLevel, str | None]]
            if story:
                steps = list(story)
            else:
                stances = _stances(rng, account, role, importance)
                if importance != Importance.KEY:  # where they stand now is enough
                    stances = stances[-1:]
                    if stances == [Status.UNKNOWN]:  # no entry says as much
                        continue
                elif role not in ("top", "second", "cio"):  # the leaders' history in full
                    stances = stances[-2:]
                steps = [(status, _level(org.stage, status), None) for status in stances]
            n = len(steps)
            writer = None  # the owner records profiles (delivery may not: docs/security.md)
            previous = first + 1
            for i, (status, level, note) in enumerate(steps):
                # Spread the entries over the account's history, the last one near its end.
                days = last + (first - last) * (n - i - 1) // n + rng.randint(0, 20)
                days = min(max(days, last), previous - 1)
                previous = days
                if note is None:
                    told = _profile_note(rng, status, org.dormant and i == n - 1)
                else:
                    told = note
                plans.append(
                    ProfilePlan(
                        contact=key,
                        days_ago=days,
                        behaviour=None if status == Status.UNKNOWN else behaviour,
                        status=status,
                        interaction=level,
                        note=told,
                        writer=writer or account.owner,
                    )
                )
    return plans


def _level(stage: LifecycleStage, status: RelationshipStatus) -> InteractionLevel:
    if status == Status.UNKNOWN:
        return Level.NONE
    if status == Status.SUPPORTER:
        return Level.FREQUENT if stage == _EX else Level.REGULAR
    return Level.OCCASIONAL


def _profile_note(rng: random.Random, status: RelationshipStatus, cooling: bool) -> str | None:
    if cooling:
        return COOLING_NOTE
    if rng.random() < 0.5:
        return None
    if status == Status.SUPPORTER:
        return rng.choice(SUPPORTER_NOTES)
    if status == Status.NEUTRAL:
        return rng.choice(NEUTRAL_NOTES)
    return None


def _ref(people: People, account: str, ref: Ref) -> ContactKey | None:
    if isinstance(ref, str):
        return people.role(account, ref)
    return ref if people.here.get(ref) == account else None


def _influences(rng: random.Random, people: People) -> list[InfluencePlan]:
    plans: list[InfluencePlan] = []
    for account in people.accounts.values():
        org = account.org
        if org.weight < 2:
            continue
        rules = PRIVATE_RULES if org.kind in PRIVATE else INFLUENCE_RULES
        for source_role, target_role, strength, note in rules:
            source = people.role(org.key, source_role)
            target = people.role(org.key, target_role)
            if source is None or target is None or rng.random() < 0.3:
                continue
            plans.append(
                InfluencePlan(
                    source,
                    target,
                    max(1, min(5, strength + rng.choice((-1, 0, 0, 0, 1)))),
                    note if rng.random() < 0.7 else None,
                    account.owner,
                )
            )
    for source_account, source_ref, target_account, target_ref, strength, note in CROSS_INFLUENCE:
        source = _ref(people, source_account, source_ref)
        target = _ref(people, target_account, target_ref)
        if source is not None and target is not None:
            writer = people.accounts[target_account].owner
            plans.append(InfluencePlan(source, target, strength, note, writer))
    return plans


def _dotted_lines(people: People) -> list[DottedLinePlan]:
    plans = []
    for account, ref, manager_account, manager_ref, note in DOTTED_LINES:
        contact = _ref(people, account, ref)
        manager = _ref(people, manager_account, manager_ref)
        if contact is not None and manager is not None:
            plans.append(DottedLinePlan(contact, manager, note, people.accounts[account].owner))
    return plans


GOOD = (_EX, _DL)


def _business(
    people: People,
    account: AccountPlan,
    user: str,
    role: str,
    closeness: int,
    since: int,
    note: str | None = None,
) -> AcquaintancePlan | None:
    """A working relationship of one of us with the person in `role` at the account, if any."""
    key = people.role(account.org.key, role)
    if key is None:
        return None
    # 赵磊 reads only and 刘芳 (delivery) may not change relationships: the owner records theirs
    writer = user if user not in ("viewer", "delivery") else account.owner
    return AcquaintancePlan(user, key, closeness, Ack.BUSINESS, None, since, note, writer)


def _acquaintances(rng: random.Random, people: People) -> list[AcquaintancePlan]:
    found: dict[tuple[str, ContactKey], AcquaintancePlan] = {}
    for user, account_key, ref, closeness, kind, year, note in PERSONAL_TIES:
        key = _ref(people, account_key, ref)
        if key is not None:
            writer = user if user not in ("viewer", "delivery") else people.owner(key)
            found[(user, key)] = AcquaintancePlan(
                user, key, closeness, kind, year, None, note, writer
            )
    for account in people.accounts.values():
        org = account.org
        owner, good = account.owner, org.stage in GOOD
        members = {m for m, _role in account.team}
        since = _span(account)[0] + rng.randint(0, 60)
        wanted: list[tuple[str, str, int, str | None]] = []  # (user, role, closeness, note)
        if org.weight < 2:
            wanted.append((owner, "cio", 2, None))
        else:
            # The account owner: close to the middle managers, less so to the top.
            cio = 4 if good else 3 if org.stage == _BD else 2
            wanted.append((owner, "cio", cio, rng.choice(OWNER_NOTES)))
            wanted.append((owner, "second", 3 if good else 2, None))
            if good:
                wanted.append((owner, "top", 3 if org.weight >= 4 else 2, None))
            middle = [role for role in MIDDLE if people.role(org.key, role) is not None]
            for role in rng.sample(middle, min(rng.choice((1, 2)), len(middle))):
                wanted.append((owner, role, 4 if good else 3, rng.choice(OWNER_NOTES)))
            if owner == "sales" and "manager" in members:  # 李明 sponsors the large accounts
                wanted.append(("manager", "second", 3, None))
            # 刘芳 knows the technical people where we deliver or have presented.
            if good:
                wanted.append(("delivery", "cio_dep", 4, "技术对接人，联调和验收都由其负责"))
                if org.stage == _EX:
                    wanted.append(("delivery", "cio", 3, None))
            elif org.stage == _BD:
                wanted.append(("delivery", "cio_dep", 2, "技术交流时认识"))
            if "marketing" in members and rng.random() < 0.5:
                role = rng.choice(("office", "biz"))
                wanted.append(("marketing", role, 2, "在客户大会上认识"))
            if "viewer" in members:
                wanted.append(("viewer", "finance", 3, "对接付款和发票"))
        for user, role, closeness, note in wanted:
            plan = _business(people, account, user, role, closeness, since, note)
            if plan is not None:
                found.setdefault((plan.user, plan.contact), plan)
    return list(found.values())


def _ties(rng: random.Random, people: People) -> list[TiePlan]:
    found: dict[tuple[str, ContactKey], TiePlan] = {}
    for rival, account_key, role, closeness, source, note in RIVAL_TIES:
        key = people.role(account_key, role)
        if key is not None:
            writer = people.accounts[account_key].owner
            found[(rival, key)] = TiePlan(rival, key, closeness, source, note, writer)
    for account in people.accounts.values():
        org = account.org
        rival = RIVAL_BY_ACCOUNT.get(org.key, RIVAL_BY_KIND[org.kind])
        wanted: list[tuple[str, int]] = []  # (role, closeness)
        if org.stage == _BD:
            wanted.append(("top", rng.choice((3, 4))))
            wanted.append((rng.choice(("cio", "purchase", "cio_dep")), 3))
        elif org.stage == _LOST:
            wanted.append((rng.choice(("top", "second")), rng.choice((4, 5))))
        elif org.stage == _P and rng.random() < 0.6:
            wanted.append(("cio", rng.choice((2, 3))))
        elif org.stage in GOOD and org.weight >= 3 and rng.random() < 0.4:
            wanted.append((rng.choice(("cio_dep", "biz")), rng.choice((2, 3))))  # eyes phase two
        for role, closeness in wanted:
            key = people.role(org.key, role)
            if key is not None:
                plan = TiePlan(rival, key, closeness, rng.choice(TIE_SOURCES), None, account.owner)
                found.setdefault((rival, key), plan)
    return list(found.values())


def build_relationship_plan(plan: DemoPlan) -> RelationshipPlan:
    """Everything the demo records about people, as plain values: the same account plan and seed
    give the same relationships."""
    rng = random_numbers("relationships")
    people = People(plan)
    return RelationshipPlan(
        competitors=COMPETITORS,
        profiles=tuple(_profiles(rng, people)),
        influences=tuple(_influences(rng, people)),
        dotted_lines=tuple(_dotted_lines(people)),
        acquaintances=tuple(_acquaintances(rng, people)),
        ties=tuple(_ties(rng, people)),
    )
