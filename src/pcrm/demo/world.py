"""The demo's shared plan: what every area's seeder reads and what earlier seeders leave for
later ones. The day the demo is seeded (its history is dated back from it), the workspace's time
zone, the demo users as principals by the part they play, the seeded random numbers of each
area's plan, and, once written, the plans and the ids of what was written (accounts, contacts,
competitors, opportunities by their plan keys), so that no seeder has to look anything up."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.audit import set_actor
from pcrm.core.context import set_record_clock
from pcrm.identity.public import Principal

if TYPE_CHECKING:  # the plans import the time zone from here
    from pcrm.demo.data.accounts import ContactKey
    from pcrm.demo.plans.accounts import DemoPlan
    from pcrm.demo.plans.relationships import RelationshipPlan

TZ = ZoneInfo("Asia/Shanghai")  # the demo workspace's

# Each area's plan draws from random numbers of its own, so that adding to one area's plan leaves
# the others as they are (2026 + the number of the issue that added the area).
SEEDS = {"accounts": 2026, "relationships": 2026 + 4, "opportunities": 2026 + 5}


def random_numbers(area: str) -> random.Random:
    """The seeded random numbers of an area's plan: every run plans the same."""
    return random.Random(SEEDS[area])  # noqa: S311 - demo data, not secrets


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


WRITERS = ("boss", "marketing", "manager", "sales", "delivery")  # 赵磊 (viewer) reads only


@dataclass(slots=True)
class World:
    """The demo being seeded: one per run of `pcrm.demo.seed_demo`, handed to each area's
    `seed(world)` in the order of the areas."""

    db: Session
    today: date
    staff: Staff
    customers: DemoPlan | None = None  # the accounts' plan, once written
    accounts: dict[str, int] = field(default_factory=dict)  # account key → id
    contacts: dict[ContactKey, int] = field(default_factory=dict)  # contact key → id
    relationships: RelationshipPlan | None = None  # the relationships' plan, once written
    competitors: dict[str, int] = field(default_factory=dict)  # name → id
    opportunities: dict[str, int] = field(default_factory=dict)  # plan key → id
    projects: dict[str, int] = field(default_factory=dict)  # opportunity plan key → project id
    # when each account and contact was entered (later records about them come after)
    account_created: dict[str, datetime] = field(default_factory=dict)
    contact_created: dict[ContactKey, datetime] = field(default_factory=dict)
    settings: Settings | None = None  # how passwords are hashed (the customer portal's logins)

    def acting(self, part: str, at: datetime | None = None) -> Principal:
        """The demo user of this part, to whom the next changes are attributed, as their own
        session would; `at` dates those changes (their created/updated times and audit
        entries), never later than now."""
        principal = self.staff.get(part)
        set_actor(self.db, principal.user_id, principal.name)
        if at is not None:
            set_record_clock(min(at, self.now()))
        return principal

    def now(self) -> datetime:
        """The moment the demo is seeded, in the workspace's time zone."""
        return datetime.now(TZ)

    def on(self, day: date, hour: int = 10, minute: int = 0) -> datetime:
        """A time of a day in the workspace's time zone."""
        return datetime.combine(day, time(hour, minute), tzinfo=TZ)

    def planned_customers(self) -> DemoPlan:
        if self.customers is None:
            raise RuntimeError("The accounts area seeds first (see pcrm.areas.AREAS).")
        return self.customers

    def planned_relationships(self) -> RelationshipPlan:
        if self.relationships is None:
            raise RuntimeError("The relationships area seeds first (see pcrm.areas.AREAS).")
        return self.relationships
