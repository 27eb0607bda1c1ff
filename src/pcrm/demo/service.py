"""The demo's after-sales (issue 17): two customers with a delivered or running project get a
maintenance plan (the warranty, with its SLA targets per priority) and four months of service
requests — faults, inquiries, a new need and a complaint — most answered and resolved in time,
some late (breached), a few still open, the closed ones rated by the customer."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from pcrm.accounts.public import account_people
from pcrm.demo.world import World
from pcrm.projects.public import projects_of_account
from pcrm.service.public import (
    Category,
    Channel,
    ComplaintSeverity,
    Move,
    PlanWrite,
    Priority,
    RequestStatus,
    RequestWrite,
    Respond,
    TargetWrite,
    create_plan,
    create_request,
    move,
    respond,
)

TARGETS = (
    TargetWrite(priority=Priority.P1, response_minutes=30, resolution_minutes=240,
                around_the_clock=True),
    TargetWrite(priority=Priority.P2, response_minutes=60, resolution_minutes=540),
    TargetWrite(priority=Priority.P3, response_minutes=240, resolution_minutes=3 * 540),
    TargetWrite(priority=Priority.P4, response_minutes=540, resolution_minutes=10 * 540),
)  # fmt: skip


PRAISE, CRITICISM = "处理及时，沟通顺畅", "希望一次解决，减少反复"


class Story(NamedTuple):
    title: str
    category: Category
    priority: Priority
    channel: Channel
    ago: int  # days ago it came in
    answer: int | None  # minutes to the first response (None: not answered yet)
    resolve: int | None  # minutes to the resolution (None: still open)
    rating: int | None  # the customer's on closing (None: not closed yet)
    resolution: str | None


REQUESTS = tuple(Story(*row) for row in (
    ("门禁闸机无法识别访客二维码", Category.FAULT, Priority.P2, Channel.PHONE, 112, 25, 300, 5,
     "更换二维码识读模块并升级固件，现场验证通过"),
    ("如何导出上月访客统计报表", Category.QUESTION, Priority.P4, Channel.WECHAT, 98, 90, 200, 5,
     "远程指导使用报表中心的自定义导出，并发送操作手册"),
    ("核心数据库主节点宕机，业务中断", Category.FAULT, Priority.P1, Channel.PHONE, 85, 12, 210, 4,
     "切换至备节点恢复业务，更换故障磁盘后重建主从"),
    ("希望增加移动端访客预约", Category.NEED, Priority.P4, Channel.EMAIL, 70, 300, 2000, 4,
     "已整理需求说明，转客户经理评估二期方案"),
    ("夜间批量同步任务失败", Category.FAULT, Priority.P2, Channel.PORTAL, 55, 140, 1500, 3,
     "调整同步窗口并增加失败重试，已连续运行两周正常"),
    ("工程师多次上门未解决问题，影响验收", Category.COMPLAINT, Priority.P2, Channel.ON_SITE, 41,
     45, 2600, 2, "更换驻场工程师，项目经理每日同步进展；问题已闭环"),
    ("统计大屏数据刷新延迟", Category.FAULT, Priority.P3, Channel.WECHAT, 20, 60, 700, None,
     "优化缓存刷新策略，待客户确认"),
    ("新员工账号批量开通咨询", Category.QUESTION, Priority.P4, Channel.EMAIL, 9, 30, None, None,
     None),
    ("视频监控平台间歇性掉线", Category.FAULT, Priority.P2, Channel.PHONE, 3, None, None, None,
     None),
    ("报表导出中文乱码", Category.FAULT, Priority.P3, Channel.PORTAL, 1, 50, None, None, None),
))  # fmt: skip


def seed(world: World) -> None:
    db = world.db
    delivery = world.acting("delivery")
    covered = []
    for account_id in world.accounts.values():
        projects = projects_of_account(db, delivery, account_id)
        if projects and account_people(db, delivery, account_id):
            covered.append((account_id, projects[0]))
        if len(covered) == 2:
            break
    for n, (account_id, project) in enumerate(covered):
        start = world.today - timedelta(days=150)
        world.acting("delivery", world.on(start))
        plan = create_plan(
            db,
            delivery,
            PlanWrite(
                account_id=account_id,
                project_id=project.id,
                name=f"{project.name} 质保期维护",
                contract_ref=f"HT-{start.year}-{31 + n:03d}",
                starts_on=start,
                ends_on=start + timedelta(days=365),
                owner_id=delivery.user_id,
                note="质保期一年：7×24 小时电话支持，P1 故障 30 分钟响应、4 小时恢复。",
                targets=list(TARGETS),
            ),
        )
        people = [c.id for c in account_people(db, delivery, account_id)]
        for i, row in enumerate(REQUESTS if n == 0 else REQUESTS[1::2]):
            received = world.on(world.today - timedelta(days=row.ago), 9 + (i * 3 + n) % 8, 15)
            _request(world, plan.id, account_id, people, (i + n) % len(people), row,
                     received)  # fmt: skip


def _request(
    world: World,
    plan_id: int,
    account_id: int,
    people: list[int],
    who: int,
    row: Story,
    received: datetime,
) -> None:
    db = world.db
    delivery = world.acting("delivery", received)
    made = create_request(
        db,
        delivery,
        RequestWrite(
            account_id=account_id,
            reporter_id=people[who],
            channel=row.channel,
            category=row.category,
            priority=row.priority,
            title=row.title,
            received_at=received,
            assignee_id=delivery.user_id,
            complaint_severity=ComplaintSeverity.SERIOUS
            if row.category is Category.COMPLAINT
            else None,
            spread_to="客户信息中心主任、分管副总" if row.category is Category.COMPLAINT else None,
        ),
    )
    if row.answer is None:
        return
    at = received + timedelta(minutes=row.answer)
    world.acting("delivery", at)
    done = respond(db, delivery, made.id, Respond(at=at, note="已受理，正在排查"), made.version)
    if row.resolve is None:
        return
    at = received + timedelta(minutes=row.resolve)
    world.acting("delivery", at)
    done = move(
        db, delivery, made.id,
        Move(status=RequestStatus.AWAITING_CUSTOMER, at=at, resolution=row.resolution),
        done.version,
    )  # fmt: skip
    if row.rating is not None:
        at += timedelta(hours=20)
        world.acting("delivery", at)
        move(
            db, delivery, made.id,
            Move(status=RequestStatus.CLOSED, at=min(at, world.now()), rating=row.rating,
                 rating_comment=PRAISE if row.rating >= 4 else CRITICISM),
            done.version,
        )  # fmt: skip
