"""Demo data: a workspace of a Chinese system integrator with bilingual users
(`pcrm.demo.identity`), its customer base (`pcrm.demo.accounts`), the relationships between
their people and ours (`pcrm.demo.relationships`) and five years of their opportunities and
tenders (`pcrm.demo.opportunities`).

Each area's demo is planned as plain values (`pcrm.demo.plans`, from the tables of
`pcrm.demo.data`) and written through that area's public calls as the demo user who would have
done it, so the audit trail reads like real use. The seeders share a `pcrm.demo.world.World`:
the day, the demo users, and what earlier seeders wrote."""

from __future__ import annotations

from datetime import datetime
from importlib import import_module

from sqlalchemy.orm import Session

from pcrm.areas import AREAS
from pcrm.config import Settings
from pcrm.core.audit import set_actor
from pcrm.demo.identity import DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS, create_staff
from pcrm.demo.world import TZ, World
from pcrm.identity.public import find_workspace

__all__ = ["DEMO_PASSWORD", "DEMO_SLUG", "DEMO_USERS", "seed_demo"]


def seed_demo(db: Session, settings: Settings) -> bool:
    """Create the demo workspace unless it exists. True when it was created now."""
    if find_workspace(db, DEMO_SLUG) is not None:
        return False
    set_actor(db, None, "demo seed")
    staff = create_staff(db, settings)
    world = World(db, datetime.now(TZ).date(), staff)
    for area in AREAS:
        if area.demo is not None:
            import_module(f"pcrm.demo.{area.demo}").seed(world)
    return True
