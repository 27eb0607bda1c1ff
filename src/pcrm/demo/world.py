"""What every part of the demo shares: the workspace's time zone and the demo users by the part
they play."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pcrm.identity.public import Principal

TZ = ZoneInfo("Asia/Shanghai")  # the demo workspace's


@dataclass(frozen=True, slots=True)
class Staff:
    """The demo users, by the part they play at 星图数智."""

    boss: Principal  # 王建国, 总经理 (owner)
    marketing: Principal  # 陈思雨, 市场与运营 (admin)
    manager: Principal  # 李明, 销售总监 (manager)
    sales: Principal  # 张伟, 客户经理 (sales)
    delivery: Principal  # 刘芳, 交付与技术 (delivery)
    viewer: Principal  # 赵磊, 商务与财务 (viewer: reads only)

    def get(self, key: str) -> Principal:
        principal: Principal = getattr(self, key)
        return principal


WRITERS = ("boss", "marketing", "manager", "sales", "delivery")  # 赵磊 (viewer) reads only
