"""JSON API of the workspace's users and invitations, under /api/v1."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from pcrm.core.deps import DB, AppSettings, SessionRoute
from pcrm.core.etag import IfMatch, etag, expected_version
from pcrm.core.pagination import Page, PageRequest
from pcrm.core.types import Id, PageNumber, PageSize, SortKeys
from pcrm.identity.deps import CurrentPrincipal, require
from pcrm.identity.permissions import Permission, Role
from pcrm.identity.principal import Principal
from pcrm.identity.users import service
from pcrm.identity.users.schemas import (
    USER_SORT_KEYS,
    InvitationCreate,
    InvitationCreated,
    InvitationRead,
    UserCreate,
    UserRead,
    UserUpdate,
)

router = APIRouter(route_class=SessionRoute, prefix="/api/v1")
Admin = Annotated[Principal, Depends(require(Permission.MANAGE_USERS))]
PageNo = Annotated[PageNumber, Query(description="1-based page number")]
PageRows = Annotated[PageSize, Query(description="Rows per page (at most 200)")]


@router.get("/users", tags=["users"], summary="List the workspace's users")
def list_users(
    principal: CurrentPrincipal,
    db: DB,
    page: PageNo = 1,
    page_size: PageRows = 50,
    q: Annotated[str | None, Query(max_length=100)] = None,
    role: Role | None = None,
    is_active: bool | None = None,
    sort: Annotated[
        str | None,
        SortKeys(USER_SORT_KEYS),
        Query(description="name, email, role, created_at, last_login_at; '-' for descending"),
    ] = None,
) -> Page[UserRead]:
    return service.list_users(
        db, principal, PageRequest(page, page_size), q=q, role=role, is_active=is_active, sort=sort
    )


@router.post(
    "/users",
    tags=["users"],
    status_code=status.HTTP_201_CREATED,
    summary="Create a user with a password (admins)",
)
def create_user(
    data: UserCreate, principal: Admin, db: DB, settings: AppSettings, response: Response
) -> UserRead:
    user = service.create_user(db, principal.scope, data, settings, actor=principal)
    response.headers["ETag"] = etag(user.version)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    return UserRead.model_validate(user)


@router.get("/users/{user_id}", tags=["users"], summary="One user")
def get_user(user_id: Id, principal: CurrentPrincipal, db: DB, response: Response) -> UserRead:
    user = service.get_user(db, principal, user_id)
    response.headers["ETag"] = etag(user.version)
    return UserRead.model_validate(user)


@router.patch(
    "/users/{user_id}",
    tags=["users"],
    summary="Change a user's name, role or language; deactivate or reactivate",
)
def update_user(
    user_id: Id,
    data: UserUpdate,
    principal: Admin,
    db: DB,
    response: Response,
    if_match: IfMatch = None,
) -> UserRead:
    user = service.update_user(db, principal, user_id, data, expected_version(if_match))
    response.headers["ETag"] = etag(user.version)
    return UserRead.model_validate(user)


@router.get("/invitations", tags=["users"], summary="Pending invitations")
def list_invitations(principal: Admin, db: DB) -> list[InvitationRead]:
    return [InvitationRead.model_validate(i) for i in service.list_invitations(db, principal)]


@router.post(
    "/invitations",
    tags=["users"],
    status_code=status.HTTP_201_CREATED,
    summary="Invite a user; the link is shown once",
)
def invite_user(data: InvitationCreate, principal: Admin, db: DB) -> InvitationCreated:
    invitation, raw = service.invite_user(db, principal, data)
    return InvitationCreated(
        **InvitationRead.model_validate(invitation).model_dump(),
        token=raw,
        url_path=f"/invite/{raw}",
    )


@router.delete(
    "/invitations/{invitation_id}",
    tags=["users"],
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke an invitation",
)
def revoke_invitation(invitation_id: Id, principal: Admin, db: DB) -> None:
    service.revoke_invitation(db, principal, invitation_id)
