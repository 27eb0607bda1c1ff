"""Demo data of the relationships area (人脉线) for the demo customers of `pcrm.demo.accounts`.

Planned first as plain values (`pcrm.demo.plans.relationships.build_relationship_plan`, no
database), then written through `pcrm.relationships.public` as the demo user who would have
recorded it (`seed`):

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

from datetime import date, timedelta

from pcrm.demo.plans.relationships import RelationshipPlan, build_relationship_plan
from pcrm.demo.world import World
from pcrm.relationships.public import (
    AcquaintanceCreate,
    CompetitorTieCreate,
    CompetitorWrite,
    DottedLineCreate,
    InfluenceCreate,
    ProfileWrite,
    create_acquaintance,
    create_competitor,
    create_competitor_tie,
    create_dotted_line,
    create_influence,
    set_profile,
)


def seed(world: World) -> None:
    """Plan the relationships of the demo customers' people and write them; the competitors'
    ids are left in the world for the later areas."""
    relationships = build_relationship_plan(world.planned_customers())
    world.relationships = relationships
    _write(world, relationships)


def _write(world: World, relationships: RelationshipPlan) -> None:
    db, today, ids, rivals = world.db, world.today, world.contacts, world.competitors
    for rival in relationships.competitors:  # market intelligence is 陈思雨's job
        created = create_competitor(
            db,
            world.acting("marketing"),
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
        set_profile(
            db,
            world.acting(profile.writer),
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
        create_influence(
            db,
            world.acting(edge.writer),
            InfluenceCreate(
                from_contact_id=ids[edge.source],
                to_contact_id=ids[edge.target],
                strength=edge.strength,
                note=edge.note,
            ),
        )
    for line in relationships.dotted_lines:
        create_dotted_line(
            db,
            world.acting(line.writer),
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
        create_acquaintance(
            db,
            world.acting(known.writer),
            AcquaintanceCreate(
                user_id=world.staff.get(known.user).user_id,
                contact_id=ids[known.contact],
                closeness=known.closeness,
                kind=known.kind,
                since=since,
                note=known.note,
            ),
        )
    for tie in relationships.ties:
        create_competitor_tie(
            db,
            world.acting(tie.writer),
            CompetitorTieCreate(
                competitor_id=rivals[tie.competitor],
                contact_id=ids[tie.contact],
                closeness=tie.closeness,
                source=tie.source,
                note=tie.note,
            ),
        )
