"""When the demo's customers and their people were entered: some weeks before the first thing
that happened with them (a follow-up, a stage, a move, an opportunity starting, a place in a
decision chain), a person never before their organisation. The writers date each record with
it (`World.acting(..., at=...)`), so created times, updated times and the audit trail tell the
same story as the records."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from pcrm.demo.data.accounts import ContactKey
from pcrm.demo.plans.accounts import DemoPlan, LeavePlan, MovePlan
from pcrm.demo.plans.activities import ActivityPlan, DormantPlan, StagePlan
from pcrm.demo.plans.opportunities import build_opportunity_plan, schedule
from pcrm.demo.plans.relationships import build_relationship_plan
from pcrm.demo.world import TZ, World

K = TypeVar("K")


def _earliest(found: dict[K, datetime], key: K, at: datetime) -> None:
    current = found.get(key)
    if current is None or at < current:
        found[key] = at


def first_seen(
    plan: DemoPlan, today: date
) -> tuple[dict[str, datetime], dict[ContactKey, datetime]]:
    """The first moment each account and each person comes up in the demo's story."""
    accounts: dict[str, datetime] = {}
    people: dict[ContactKey, datetime] = {}
    for event in plan.events:
        if isinstance(event, ActivityPlan):
            _earliest(accounts, event.account, event.at)
            for key in (event.contact, *event.participants):
                if key is not None:
                    _earliest(people, key, event.at)
        elif isinstance(event, StagePlan | DormantPlan):
            _earliest(accounts, event.account, event.at)
        elif isinstance(event, LeavePlan):
            _earliest(people, event.contact, event.at)
        elif isinstance(event, MovePlan):
            _earliest(people, event.contact, event.at)
            _earliest(accounts, event.to_account, event.at)
    opportunities = build_opportunity_plan(plan, build_relationship_plan(plan))
    timeline = schedule(opportunities, today)
    for o in opportunities.opportunities:
        start = datetime.combine(timeline[o.key].start, time(9), TZ)
        _earliest(accounts, o.account, start)
        for member in o.chain:
            _earliest(people, member.contact, start)
    return accounts, people


def date_customers(world: World, plan: DemoPlan) -> None:
    """Fill `world.account_created` and `world.contact_created`: an account 2 to 10 weeks
    before it first comes up (a year before today if it never does), a person 3 to 30 days
    before they first come up (else within 3 months of their organisation being entered),
    never before their organisation, never after now."""
    rng = random.Random("demo entered")  # noqa: S311 - demo data, not secrets
    accounts, people = first_seen(plan, world.today)
    now = world.now()
    default = world.on(world.today - timedelta(days=365))
    for item in plan.accounts:  # a parent comes before its branches in the plan
        seen = accounts.get(item.org.key, default) - timedelta(days=rng.randint(14, 70))
        entered = world.on(seen.date(), 9 + rng.randint(0, 8), rng.randint(0, 59))
        if item.org.parent is not None:
            entered = max(entered, world.account_created[item.org.parent] + timedelta(hours=1))
        world.account_created[item.org.key] = min(entered, now)
    for person in plan.contacts:  # a boss comes before their reports in the plan
        earliest = world.account_created[person.account] + timedelta(hours=1)
        if person.reports_to is not None:
            boss = world.contact_created[(person.account, person.reports_to)]
            earliest = max(earliest, boss + timedelta(minutes=5))
        first = people.get(person.key)
        if first is None:
            entered = earliest + timedelta(days=rng.randint(1, 90), minutes=rng.randint(0, 600))
        else:
            entered = max(first - timedelta(days=rng.randint(3, 30)), earliest)
        world.contact_created[person.key] = min(entered, now)
