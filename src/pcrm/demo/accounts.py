"""Demo data of the accounts area: sixty customer organisations of a Chinese system integrator,
four hundred of their people and two years of follow-ups (1,500 activities).

The customer base is planned first, as plain values (`pcrm.demo.plans.accounts.build_plan`, no
database), then written through the account, contact and activity services (`write_plan`),
acting as the demo user who would have done it and in the order it happened: accounts move
through the lifecycle stages (a few are lost), people leave or move to another customer, next
steps become reminders. The audit trail, search fields, employment history and reminders are
therefore the ones real use produces.
"""

from __future__ import annotations

from datetime import date, datetime

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
from pcrm.accounts.vocab import AccountStatus, ContactStatus, LifecycleStage
from pcrm.core.audit import set_actor
from pcrm.demo.data.accounts import CITIES, OWNERSHIP, ContactKey
from pcrm.demo.plans.accounts import DemoPlan, Event, LeavePlan, build_plan
from pcrm.demo.plans.activities import ActivityPlan, DormantPlan, StagePlan
from pcrm.demo.world import TZ, Staff
from pcrm.identity.public import Principal

Stage = LifecycleStage


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
