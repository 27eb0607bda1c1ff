"""API schemas of who is signed in."""

from __future__ import annotations

from pydantic import BaseModel

from pcrm.identity.users.schemas import UserRead
from pcrm.identity.workspaces.schemas import WorkspaceRead


class MeRead(BaseModel):
    user: UserRead
    workspace: WorkspaceRead
    permissions: list[str]
