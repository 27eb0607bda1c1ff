"""Demo data: a workspace of a Chinese system integrator with bilingual users, its customer
base (see `pcrm.demo.accounts`), the relationships between their people and ours (see
`pcrm.demo.relationships`) and five years of their opportunities and tenders (see
`pcrm.demo.opportunities`). Written through the services, so the audit trail reads like real use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.audit import set_actor
from pcrm.core.tenancy import WorkspaceScope
from pcrm.demo.accounts import seed_accounts
from pcrm.demo.opportunities import seed_opportunities
from pcrm.demo.relationships import seed_relationships
from pcrm.demo.world import TZ, Staff
from pcrm.identity import repository as identity_repo
from pcrm.identity import service as identity
from pcrm.identity.models import User, Workspace
from pcrm.identity.permissions import Role
from pcrm.identity.principal import Principal
from pcrm.identity.schemas import UserCreate

DEMO_SLUG = "demo"
DEMO_PASSWORD = "pcrm-demo-2026"  # noqa: S105 - printed by `pcrm demo` on purpose


@dataclass(frozen=True, slots=True)
class DemoUser:
    email: str
    name: str
    english_name: str
    role: Role
    locale: str
    part: str  # the field of pcrm.demo.world.Staff this user fills in the customer data


DEMO_USERS = (
    DemoUser("wang@stellar.example", "王建国", "Jianguo Wang", Role.OWNER, "zh_CN", "boss"),
    DemoUser("emily@stellar.example", "陈思雨", "Emily Chen", Role.ADMIN, "en", "marketing"),
    DemoUser("li.ming@stellar.example", "李明", "Ming Li", Role.MANAGER, "zh_CN", "manager"),
    DemoUser("zhang.wei@stellar.example", "张伟", "Wei Zhang", Role.SALES, "zh_CN", "sales"),
    DemoUser("liu.fang@stellar.example", "刘芳", "Fang Liu", Role.DELIVERY, "zh_CN", "delivery"),
    DemoUser("zhao.lei@stellar.example", "赵磊", "Lei Zhao", Role.VIEWER, "zh_CN", "viewer"),
)


def _principal(user: User, workspace: Workspace) -> Principal:
    """The demo user as if signed in, so the services act for them."""
    return Principal(
        user_id=user.id,
        workspace_id=workspace.id,
        role=user.role,
        name=user.name,
        english_name=user.english_name,
        email=user.email,
        locale=user.locale,
        workspace_name=workspace.name,
        workspace_slug=workspace.slug,
        currency=workspace.currency,
        timezone=workspace.timezone,
        via="cli",
    )


def seed_demo(db: Session, settings: Settings) -> bool:
    """Create the demo workspace unless it exists. True when it was created now."""
    if identity_repo.workspace_by_slug(db, DEMO_SLUG) is not None:
        return False
    set_actor(db, None, "demo seed")
    workspace = identity.create_workspace(db, DEMO_SLUG, "星图数智科技有限公司")
    scope = WorkspaceScope(workspace.id)
    principals: dict[str, Principal] = {}
    for user in DEMO_USERS:
        created = identity.create_user(
            db,
            scope,
            UserCreate(
                email=user.email,
                name=user.name,
                english_name=user.english_name,
                role=user.role,
                password=DEMO_PASSWORD,
                locale=user.locale,
            ),
            settings,
        )
        principals[user.part] = _principal(created, workspace)
    staff = Staff(**principals)
    today = datetime.now(TZ).date()
    plan = seed_accounts(db, staff, today)
    relationships = seed_relationships(db, staff, plan, today)
    seed_opportunities(db, staff, plan, relationships, today)
    return True
