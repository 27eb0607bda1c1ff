"""API schemas of who is signed in."""

from __future__ import annotations

from pydantic import BaseModel, Field

from pcrm.identity.users.schemas import UserRead
from pcrm.identity.workspaces.schemas import WorkspaceRead


class MeRead(BaseModel):
    user: UserRead
    workspace: WorkspaceRead
    permissions: list[str] = Field(
        description="What this request may do: the role's permissions, narrowed by the token's "
        "scopes when it comes with an API token."
    )
    scopes: list[str] | None = Field(
        default=None, description="The API token's scopes; null when signed in in a browser."
    )
