"""JSON API of the current workspace's settings, under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter, Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.etag import IfMatch, etag, expected_version
from pcrm.identity.deps import CurrentPrincipal
from pcrm.identity.workspaces import service
from pcrm.identity.workspaces.schemas import WorkspaceRead, WorkspaceUpdate

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")


@router.get("/workspace", tags=["identity"], summary="The current workspace")
def get_workspace(principal: CurrentPrincipal, db: DB, response: Response) -> WorkspaceRead:
    workspace = service.workspace_of(db, principal)
    response.headers["ETag"] = etag(workspace.version)
    return WorkspaceRead.model_validate(workspace)


@router.patch("/workspace", tags=["identity"], summary="Change workspace settings")
def update_workspace(
    data: WorkspaceUpdate,
    principal: CurrentPrincipal,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> WorkspaceRead:
    workspace = service.update_workspace(db, principal, data, expected_version(if_match))
    response.headers["ETag"] = etag(workspace.version)
    return WorkspaceRead.model_validate(workspace)
