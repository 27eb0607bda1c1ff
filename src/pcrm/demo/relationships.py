"""Demo data of the relationships area (人脉线) for the demo customers of `pcrm.demo.accounts`.

Planned first as plain values (`pcrm.demo.plans.relationships.build_relationship_plan`, no
database), then written through `pcrm.relationships.service` as the demo user who would have
recorded it (`write_relationships`):

- dated profiles (行为取向, 关系状况, 交互程度) of the key people of every account but the seven
  smallest (and of the important people where we are well established): how the relationship
  developed with the account (unknown → neutral → supporter where we deliver, still unknown where
  we are only prospecting), one person turning opponent during a tender, a couple of opponents
  where we lost;
- influence (影响力关系) inside each account (the CIO sways the general manager, the business
  department its deputy head, finance the head) and across accounts: a provincial grid company
  over its branches, the city's data bureau over the metro group's decision makers, a hospital's
  CIO who sits on the province's evaluation panel, people who moved to another customer;
- a few dotted-line reports (虚线汇报), mostly a branch's digital department to the group's;
- our relationship resources (我司关系资源): the account owner close to middle managers, 刘芳 to
  the technical people where we deliver, 王建国 close to a few top people (former colleagues,
  classmates, friends), a few personal ties of the others;
- eight invented competitors (竞争对手) with strengths and weaknesses, and their ties to customer
  people: closer than we are to the decision makers of several tenders.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pcrm.accounts.models import Contact
from pcrm.core.audit import set_actor
from pcrm.demo.data.accounts import ContactKey
from pcrm.demo.plans.accounts import DemoPlan
from pcrm.demo.plans.relationships import RelationshipPlan, build_relationship_plan
from pcrm.demo.world import TZ, Staff
from pcrm.identity.public import Principal
from pcrm.relationships import service
from pcrm.relationships.schemas import (
    AcquaintanceCreate,
    CompetitorTieCreate,
    CompetitorWrite,
    DottedLineCreate,
    InfluenceCreate,
    ProfileWrite,
)

# --- writing through the service -----------------------------------------------------------------


def _acting(db: Session, staff: Staff, key: str) -> Principal:
    principal = staff.get(key)
    set_actor(db, principal.user_id, principal.name)
    return principal


def _contact_ids(db: Session, staff: Staff, plan: DemoPlan) -> dict[ContactKey, int]:
    """The demo contacts' ids by plan key (names are unique in the demo)."""
    query = select(Contact.id, Contact.name).where(Contact.workspace_id == staff.boss.workspace_id)
    by_name = {row.name: int(row.id) for row in db.execute(query)}
    return {c.key: by_name[c.name] for c in plan.contacts}


def write_relationships(
    db: Session, staff: Staff, plan: DemoPlan, relationships: RelationshipPlan, today: date
) -> None:
    ids = _contact_ids(db, staff, plan)
    rivals: dict[str, int] = {}
    for rival in relationships.competitors:  # market intelligence is 陈思雨's job
        created = service.create_competitor(
            db,
            _acting(db, staff, "marketing"),
            CompetitorWrite(
                name=rival.name,
                website=rival.website,
                strengths=rival.strengths,
                weaknesses=rival.weaknesses,
                notes=rival.notes,
            ),
        )
        rivals[rival.name] = created.id
    for profile in sorted(relationships.profiles, key=lambda p: -p.days_ago):
        service.set_profile(
            db,
            _acting(db, staff, profile.writer),
            ids[profile.contact],
            ProfileWrite(
                behaviour=profile.behaviour,
                relationship_status=profile.status,
                interaction_level=profile.interaction,
                effective_on=today - timedelta(days=profile.days_ago),
                note=profile.note,
            ),
        )
    for edge in relationships.influences:
        service.create_influence(
            db,
            _acting(db, staff, edge.writer),
            InfluenceCreate(
                from_contact_id=ids[edge.source],
                to_contact_id=ids[edge.target],
                strength=edge.strength,
                note=edge.note,
            ),
        )
    for line in relationships.dotted_lines:
        service.create_dotted_line(
            db,
            _acting(db, staff, line.writer),
            DottedLineCreate(
                contact_id=ids[line.contact], manager_id=ids[line.manager], note=line.note
            ),
        )
    for known in relationships.acquaintances:
        since = (
            date(known.since_year, 9, 1)
            if known.since_year is not None
            else today - timedelta(days=known.since_days)
            if known.since_days is not None
            else None
        )
        service.create_acquaintance(
            db,
            _acting(db, staff, known.writer),
            AcquaintanceCreate(
                user_id=staff.get(known.user).user_id,
                contact_id=ids[known.contact],
                closeness=known.closeness,
                kind=known.kind,
                since=since,
                note=known.note,
            ),
        )
    for tie in relationships.ties:
        service.create_tie(
            db,
            _acting(db, staff, tie.writer),
            CompetitorTieCreate(
                competitor_id=rivals[tie.competitor],
                contact_id=ids[tie.contact],
                closeness=tie.closeness,
                source=tie.source,
                note=tie.note,
            ),
        )


def seed_relationships(
    db: Session, staff: Staff, plan: DemoPlan, today: date | None = None
) -> RelationshipPlan:
    """Plan the demo's relationships and write them through the service. Returns the plan."""
    relationships = build_relationship_plan(plan)
    write_relationships(db, staff, plan, relationships, today or datetime.now(TZ).date())
    return relationships
