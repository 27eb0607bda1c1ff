"""JSON API of who is signed in, under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from pcrm.core.deps import DB, SessionRoute
from pcrm.identity.deps import CurrentPrincipal
from pcrm.identity.permissions import ROLE_PERMISSIONS
from pcrm.identity.sessions.schemas import MeRead
from pcrm.identity.users import service
from pcrm.identity.users.schemas import UserRead
from pcrm.identity.workspaces import service as workspaces
from pcrm.identity.workspaces.schemas import WorkspaceRead

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get("/me", tags=["identity"], summary="The signed-in user, workspace and permissions")
def me(principal: CurrentPrincipal, db: DB) -> MeRead:
    user = service.get_user(db, principal, principal.user_id)
    return MeRead(
        user=UserRead.model_validate(user),
        workspace=WorkspaceRead.model_validate(workspaces.workspace_of(db, principal)),
        permissions=sorted(p.value for p in ROLE_PERMISSIONS[principal.role] if principal.can(p)),
        scopes=sorted(principal.scopes) if principal.scopes is not None else None,
    )
