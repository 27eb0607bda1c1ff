"""Builders for test data, written through the services like real use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.tenancy import WorkspaceScope
from pcrm.identity.permissions import Role
from pcrm.identity.public import operator_principal
from pcrm.identity.tokens import service as tokens
from pcrm.identity.tokens.schemas import ApiTokenCreate
from pcrm.identity.users import service
from pcrm.identity.users.models import User
from pcrm.identity.users.schemas import UserCreate
from pcrm.identity.workspaces import service as workspaces
from pcrm.identity.workspaces.models import Workspace

PASSWORD = "correct-horse-42"
SETTINGS = Settings(password_hasher="fast-insecure-for-tests")


@dataclass(frozen=True, slots=True)
class Member:
    workspace_id: int
    user_id: int
    email: str
    role: Role


def make_workspace(db: Session, slug: str = "acme", name: str = "Acme 工程") -> Workspace:
    return workspaces.create_workspace(db, slug, name)


def make_user(
    db: Session,
    workspace: Workspace,
    email: str,
    role: Role = Role.SALES,
    name: str = "张三",
    password: str = PASSWORD,
    locale: str | None = None,
) -> Member:
    user: User = service.create_user(
        db,
        WorkspaceScope(workspace.id),
        UserCreate(email=email, name=name, role=role, password=password, locale=locale),  # type: ignore[arg-type]
        SETTINGS,
    )
    return Member(workspace.id, user.id, user.email, user.role)


def make_token(db: Session, workspace: Workspace, email: str, name: str = "tests") -> str:
    principal = operator_principal(db, workspace.slug, email)
    _token, raw = tokens.create_api_token(db, principal, ApiTokenCreate(name=name))
    return raw


def csrf_token(client: TestClient) -> str:
    if "pcrm_csrf" not in client.cookies:
        client.get("/login")
    return str(client.cookies["pcrm_csrf"])


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Sign in through the form; returns the CSRF token for later posts (a new one: signing in
    rotates it)."""
    token = csrf_token(client)
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token, "next": "/"}
    )
    assert response.status_code == 303, response.text
    return str(client.cookies["pcrm_csrf"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def current(client: Any, record_url: str, headers: dict[str, str]) -> dict[str, str]:
    """`headers` with the `If-Match` of the record's version as it is now (read first): what a
    client that means to edit the current version sends."""
    read = client.get(record_url, headers=headers)
    assert read.status_code == 200, read.text
    return {**headers, "If-Match": read.headers["ETag"]}


def api_routes(app: object) -> list[tuple[str, set[str]]]:
    """(path, methods) of every endpoint, through FastAPI's included routers."""
    from fastapi.routing import APIRoute

    found: list[tuple[str, set[str]]] = []

    def walk(routes: list[object], prefix: str) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                found.append((prefix + route.path_format, set(route.methods)))
            elif hasattr(route, "original_router"):
                walk(
                    route.original_router.routes,  # type: ignore[attr-defined]
                    prefix + route.include_context.prefix,
                )  # type: ignore[attr-defined]

    walk(app.routes, "")  # type: ignore[attr-defined]
    return found


def module_routes(app: object, module: str) -> list[tuple[str, set[str]]]:
    """(path, methods) of the endpoints defined in one module, e.g. an area's routes_api."""
    from fastapi.routing import APIRoute

    found: list[tuple[str, set[str]]] = []

    def walk(routes: list[object], prefix: str) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                if route.endpoint.__module__ == module:
                    found.append((prefix + route.path_format, set(route.methods)))
            elif hasattr(route, "original_router"):
                walk(
                    route.original_router.routes,  # type: ignore[attr-defined]
                    prefix + route.include_context.prefix,
                )  # type: ignore[attr-defined]

    walk(app.routes, "")  # type: ignore[attr-defined]
    return found


@dataclass(frozen=True, slots=True)
class Team:
    """Workspace acme with a user per role, workspace other with its owner ("stranger"), and an
    API token for each by role name."""

    workspace: Workspace
    other: Workspace
    owner: Member
    admin: Member
    viewer: Member
    stranger: Member
    tokens: dict[str, str]
    sales: Member | None = None

    def member(self, role: str) -> Member:
        member = getattr(self, role)
        assert isinstance(member, Member), role
        return member


def make_team(db: Session, *, with_sales: bool = True) -> Team:
    """acme with an owner, an admin, a viewer and (unless told) a salesperson; other with its
    owner."""
    acme = make_workspace(db, "acme", "Acme 工程")
    other = make_workspace(db, "other", "Other 集团")
    owner = make_user(db, acme, "owner@acme.example", Role.OWNER, name="王总")
    admin = make_user(db, acme, "admin@acme.example", Role.ADMIN, name="管理员")
    sales = (
        make_user(db, acme, "sales@acme.example", Role.SALES, name="李四") if with_sales else None
    )
    viewer = make_user(db, acme, "viewer@acme.example", Role.VIEWER, name="访客")
    stranger = make_user(db, other, "owner@other.example", Role.OWNER, name="外人")
    members = {"owner": owner, "admin": admin, "viewer": viewer}
    if sales is not None:
        members["sales"] = sales
    tokens = {role: make_token(db, acme, member.email) for role, member in members.items()}
    tokens["stranger"] = make_token(db, other, stranger.email)
    return Team(acme, other, owner, admin, viewer, stranger, tokens, sales)
