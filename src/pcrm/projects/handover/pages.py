"""What the projects area shows on a won opportunity's page: the button that converts it, or
the link to its project once converted."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_
from pcrm.identity.public import Principal
from pcrm.opportunities.public import WonAction
from pcrm.projects.projects import service as projects


def won_action(db: Session, principal: Principal, opportunity_id: int) -> WonAction:
    project = projects.project_of_opportunity(db, principal.scope, opportunity_id)
    if project is None:
        return WonAction(
            label=N_("Convert to a project"),
            testid="convert-to-project",
            post_to=f"/projects/from-opportunity/{opportunity_id}",
        )
    return WonAction(
        label=N_("Open the project"),
        testid="open-project",
        href=f"/projects/{project.id}",
        detail=project.code,
    )
