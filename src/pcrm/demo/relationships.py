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

import random
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

COMPETITORS_DAYS = 6 * 366 - 30  # the rivals were entered in the CRM's first weeks


def seed(world: World) -> None:
    """Plan the relationships of the demo customers' people and write them; the competitors'
    ids are left in the world for the later areas."""
    relationships = build_relationship_plan(world.planned_customers())
    world.relationships = relationships
    _write(world, relationships)


def _write(world: World, relationships: RelationshipPlan) -> None:
    db, today, ids, rivals = world.db, world.today, world.contacts, world.competitors
    entered, rng = world.contact_created, random.Random("demo relationships")  # noqa: S311
    first_year = world.on(today - timedelta(days=COMPETITORS_DAYS))
    for n, rival in enumerate(relationships.competitors):  # market intelligence: 陈思雨's job
        created = create_competitor(
            db,
            world.acting("marketing", at=first_year + timedelta(days=3 * n, hours=n % 5)),
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
        effective = world.on(today - timedelta(days=profile.days_ago), 11)
        set_profile(
            db,
            world.acting(profile.writer, at=max(effective, entered[profile.contact])),
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
        later = max(entered[edge.source], entered[edge.target])
        create_influence(
            db,
            world.acting(edge.writer, at=later + timedelta(days=rng.randint(2, 40))),
            InfluenceCreate(
                from_contact_id=ids[edge.source],
                to_contact_id=ids[edge.target],
                strength=edge.strength,
                note=edge.note,
            ),
        )
    for line in relationships.dotted_lines:
        later = max(entered[line.contact], entered[line.manager])
        create_dotted_line(
            db,
            world.acting(line.writer, at=later + timedelta(days=rng.randint(2, 40))),
            DottedLineCreate(
                contact_id=ids[line.contact], manager_id=ids[line.manager], note=line.note
            ),
        )
    for known in relationships.acquaintances:
        since = (
            date(known.since_year, 1, 1) + timedelta(days=rng.randint(0, 364))
            if known.since_year is not None
            else today - timedelta(days=known.since_days)
            if known.since_days is not None
            else None
        )
        # written down once the person is in the CRM: when they met, or a little after entry
        noted = entered[known.contact] + timedelta(days=rng.randint(1, 20))
        if since is not None and known.since_year is None:
            noted = max(noted, world.on(since, 18))
        create_acquaintance(
            db,
            world.acting(known.writer, at=noted),
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
            world.acting(tie.writer, at=entered[tie.contact] + timedelta(days=rng.randint(5, 60))),
            CompetitorTieCreate(
                competitor_id=rivals[tie.competitor],
                contact_id=ids[tie.contact],
                closeness=tie.closeness,
                source=tie.source,
                note=tie.note,
            ),
        )
