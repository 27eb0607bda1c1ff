"""The demo's customer portal (ADR 0007): the customer liaison of the project still in needs
identification, whose requirements baseline has waited for the customer's review for eight
days, has a portal login (`DEMO_PORTAL_PASSWORD`) and finds it in their "待我确认" inbox. The
liaison is one of the customer's approvers (appointed so by the customer's decision maker when
they were not already), invited by the project manager like from the stakeholders tab."""

from __future__ import annotations

from pcrm.accounts.public import contacts_by_ids
from pcrm.demo.world import World
from pcrm.identity.public import (
    PortalInvite,
    PortalPasswordSet,
    PortalRole,
    accept_portal_invitation,
    invite_portal_user,
)
from pcrm.projects.public import (
    LiaisonAppointment,
    Phase,
    ProjectStatus,
    appoint_liaison,
    get_project,
    project_stakeholders,
)

DEMO_PORTAL_PASSWORD = "pcrm-portal-2026"  # noqa: S105 - documented in README on purpose


def seed(world: World) -> None:
    db = world.db
    pm = world.acting("delivery")
    for project_id in world.projects.values():
        project = get_project(db, pm, project_id)
        if project.phase is not Phase.NEEDS or project.status is not ProjectStatus.ACTIVE:
            continue
        approvers = [s for s in project_stakeholders(db, pm, project_id) if s.is_approver]
        ids = {s.contact_id for s in approvers}
        contacts = contacts_by_ids(db, pm.scope, ids)
        reachable = [s for s in approvers if contacts[s.contact_id].email]
        if not reachable:
            continue
        liaison = next((s for s in reachable if s.contact_id == project.liaison_id), reachable[0])
        if project.liaison_id != liaison.contact_id:
            appoint_liaison(
                db,
                pm,
                project_id,
                LiaisonAppointment(
                    liaison_id=liaison.contact_id,
                    appointed_by_id=approvers[0].contact_id,
                    appointed_on=project.liaison_appointed_on or world.today,
                ),
            )
        contact = contacts[liaison.contact_id]
        invitation = invite_portal_user(
            db,
            pm,
            PortalInvite(
                contact_id=contact.id,
                account_id=contact.account_id,
                email=contact.email or "",
                name=contact.name,
                role=PortalRole.APPROVER,
            ),
        )
        if world.settings is not None:  # always set by `seed_demo`
            accept_portal_invitation(
                db,
                invitation.token,
                PortalPasswordSet(password=DEMO_PORTAL_PASSWORD),
                world.settings,
            )
        return
