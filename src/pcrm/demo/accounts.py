"""Demo data of the accounts area: sixty customer organisations of a Chinese system integrator,
four hundred of their people and two years of follow-ups (1,500 activities).

The customer base is planned first, as plain values (`pcrm.demo.plans.accounts.build_plan`, no
database), then written through `pcrm.accounts.public` (`seed`), acting as the demo user who
would have done it and in the order it happened: accounts move through the lifecycle stages (a
few are lost), people leave or move to another customer, next steps become reminders. The audit
trail, search fields, employment history and reminders are therefore the ones real use produces.
The plan and the ids of the accounts and contacts are left in the world for the later areas.
"""

from __future__ import annotations

from datetime import timedelta

from pcrm.accounts.public import (
    AccountCreate,
    AccountStatus,
    AccountUpdate,
    ActivityCreate,
    ContactCreate,
    ContactStatus,
    ContactUpdate,
    LifecycleStage,
    TeamMemberWrite,
    create_account,
    create_contact,
    record_activity,
    update_account,
    update_contact,
)
from pcrm.demo.data.accounts import CITIES, OWNERSHIP
from pcrm.demo.dates import date_customers
from pcrm.demo.plans.accounts import DemoPlan, Event, LeavePlan, build_plan
from pcrm.demo.plans.activities import ActivityPlan, DormantPlan, StagePlan
from pcrm.demo.world import World

Stage = LifecycleStage
RECORDED_AFTER = timedelta(hours=2)  # a follow-up is written up a little after it happened


def seed(world: World) -> None:
    """Plan the demo customers and write them, as of the world's day."""
    plan = build_plan(world.today)
    world.customers = plan
    date_customers(world, plan)
    _write(world, plan)


def _write(world: World, plan: DemoPlan) -> None:
    db, staff, accounts, contacts = world.db, world.staff, world.accounts, world.contacts
    owners = {item.org.key: item.owner for item in plan.accounts}
    for item in plan.accounts:
        org = item.org
        owner = world.acting(item.owner, at=world.account_created[org.key])
        city = CITIES[org.city]
        website = (
            f"https://{org.domain}" if org.domain.count(".") > 1 else f"https://www.{org.domain}"
        )
        account = create_account(
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
    for person in plan.contacts:
        contact = create_contact(
            db,
            world.acting(owners[person.account], at=world.contact_created[person.key]),
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
        _write_event(world, event, owners)


def _write_event(world: World, event: Event, owners: dict[str, str]) -> None:
    """One thing that happened; `owners` names each account's owner (by part), who records
    what happens to the account and its people."""
    db, staff, accounts, contacts = world.db, world.staff, world.accounts, world.contacts
    if isinstance(event, ActivityPlan):
        principal = world.acting(event.owner, at=event.at + RECORDED_AFTER)
        record_activity(
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
        update_account(
            db,
            world.acting(owners[event.account], at=event.at),
            accounts[event.account],
            AccountUpdate(
                lifecycle_stage=event.stage, lost_reason=event.lost_reason, lost_on=event.lost_on
            )
            if event.stage == Stage.LOST
            else AccountUpdate(lifecycle_stage=event.stage),
        )
    elif isinstance(event, DormantPlan):
        update_account(
            db,
            world.acting(owners[event.account], at=event.at),
            accounts[event.account],
            AccountUpdate(status=AccountStatus.DORMANT),
        )
    elif isinstance(event, LeavePlan):
        update_contact(
            db,
            world.acting(owners[event.contact[0]], at=event.at),
            contacts[event.contact],
            ContactUpdate(status=ContactStatus.LEFT, left_on=event.left_on),
        )
    else:
        update_contact(
            db,
            world.acting(owners[event.to_account], at=event.at),
            contacts[event.contact],
            ContactUpdate(
                account_id=accounts[event.to_account],
                title=event.title,
                department=event.department,
                email=event.email,
                reports_to_id=contacts[(event.to_account, event.reports_to)],
            ),
        )
        if event.their_new_boss is not None:  # the move left them without a boss
            principal = world.acting(owners[event.contact[0]], at=event.at)
            for report in event.reports:
                update_contact(
                    db,
                    principal,
                    contacts[report],
                    ContactUpdate(reports_to_id=contacts[event.their_new_boss]),
                )
