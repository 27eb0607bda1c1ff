"""The project manager's side of the customer portal: invite a stakeholder's contact (the
link is shown at once, since mail is sent only once the notifications area sends it) and
revoke their access."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.i18n import translate
from pcrm.core.pages import page_locale, redirect
from pcrm.core.templating import render
from pcrm.core.types import Id
from pcrm.identity.public import PORTAL_INVITATION_DAYS, PORTAL_ROLE_LABELS, CurrentPrincipal
from pcrm.projects.customer import service
from pcrm.projects.projects import service as projects

router = APIRouter(route_class=SessionRoute, include_in_schema=False)


@router.post("/projects/{project_id}/stakeholders/{stakeholder_id}/portal-invitation")
def invite(
    request: Request, project_id: Id, stakeholder_id: Id, db: DB, principal: CurrentPrincipal
) -> Response:
    invitation = service.invite_stakeholder(db, principal, project_id, stakeholder_id)
    project = projects.read_project(db, principal, project_id)
    base = str(request.base_url).rstrip("/")
    context = {
        "project": project,
        "portal_user": invitation.portal_user,
        "link": f"{base}/portal/join/{invitation.token}",
        "days": PORTAL_INVITATION_DAYS,
        "role_label": translate(
            page_locale(request), PORTAL_ROLE_LABELS[invitation.portal_user.role]
        ),
    }
    return render(request, "projects/portal_invitation.html", context)


@router.post("/projects/{project_id}/stakeholders/{stakeholder_id}/portal-revocation")
def revoke(project_id: Id, stakeholder_id: Id, db: DB, principal: CurrentPrincipal) -> Response:
    service.revoke_stakeholder(db, principal, project_id, stakeholder_id)
    return redirect(f"/projects/{project_id}?tab=stakeholders", "portal-revoked")
