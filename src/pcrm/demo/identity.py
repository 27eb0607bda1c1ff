"""The demo workspace and its users: 星图数智科技有限公司, a Chinese system integrator, and six
bilingual users, one for each part of its customer work (`pcrm.demo.world.Staff`), written
through `pcrm.identity.public`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pcrm.config import Settings
from pcrm.core.tenancy import WorkspaceScope
from pcrm.demo.world import Staff
from pcrm.identity.public import (
    Principal,
    Role,
    UserCreate,
    create_user,
    create_workspace,
    operator_principal,
)

DEMO_SLUG = "demo"
DEMO_NAME = "星图数智科技有限公司"
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


def create_staff(db: Session, settings: Settings) -> Staff:
    """Create the demo workspace and its users; they act as the command line's operators act
    for a user (`via="cli"`)."""
    workspace = create_workspace(db, DEMO_SLUG, DEMO_NAME)
    scope = WorkspaceScope(workspace.id)
    for user in DEMO_USERS:
        create_user(
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
    principals: dict[str, Principal] = {
        user.part: operator_principal(db, DEMO_SLUG, user.email) for user in DEMO_USERS
    }
    return Staff(**principals)
