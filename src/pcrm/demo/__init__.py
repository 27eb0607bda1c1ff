"""Demo data: a workspace of a Chinese system integrator with bilingual users
(`pcrm.demo.identity`), its customer base (`pcrm.demo.accounts`), the relationships between
their people and ours (`pcrm.demo.relationships`) and five years of their opportunities and
tenders (`pcrm.demo.opportunities`).

Each area's demo is planned as plain values (`pcrm.demo.plans`, from the tables of
`pcrm.demo.data`) and written through that area's public calls as the demo user who would have
done it, so the audit trail reads like real use. The seeders share a `pcrm.demo.world.World`:
the day, the demo users, and what earlier seeders wrote."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from importlib import import_module

from sqlalchemy.orm import Session

from pcrm.areas import AREAS
from pcrm.config import Settings
from pcrm.core.audit import set_actor
from pcrm.core.context import record_clock_set, set_record_clock
from pcrm.demo.identity import DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, create_staff
from pcrm.demo.world import TZ, World
from pcrm.identity.public import find_workspace

__all__ = ["DEMO_PASSWORD", "DEMO_SLUG", "DEMO_USERS", "seed_demo"]
STAFF_DAYS = 6 * 366  # the workspace and its users were set up six years ago


def seed_demo(db: Session, settings: Settings) -> bool:
    """Create the demo workspace unless it exists. True when it was created now."""
    if find_workspace(db, DEMO_SLUG) is not None:
        return False
    set_actor(db, None, "demo seed")
    today = datetime.now(TZ).date()
    with record_clock_set():  # each writer dates its records; real time again after
        set_record_clock(datetime.combine(today - timedelta(days=STAFF_DAYS), time(9), TZ))
        staff = create_staff(db, settings)
        world = World(db, today, staff, settings=settings)
        for area in AREAS:
            if area.demo is not None:
                import_module(f"pcrm.demo.{area.demo}").seed(world)
        db.flush()
    return True
