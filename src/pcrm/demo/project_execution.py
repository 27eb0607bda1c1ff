"""The demo's project execution records (issue 15): risks seen on the opportunities before the
conversion (the open ones come across to the project), each project's risk register, kept
current by its manager with the review dates ahead, and its issues and conflicts with the
customer: one resolved with the customer's agreement, one still being negotiated or just
raised; and its meetings: the weekly meeting (last week's with minutes, decisions and action
items, this week's created from it), a customer meeting with the customer's people, and for the
delivered projects the lessons-learned meeting with the customer invited."""

from __future__ import annotations

from datetime import date, timedelta

from pcrm.demo.world import World
from pcrm.projects.public import (
    ActionWrite,
    ConflictKind,
    ConflictMove,
    ConflictStatus,
    ConflictWrite,
    MeetingKind,
    MeetingWrite,
    ProjectElement,
    RiskCategory,
    RiskResponse,
    RiskStatus,
    RiskWrite,
    Severity,
    add_conflict,
    add_meeting,
    add_meeting_action,
    add_opportunity_risk,
    add_risk,
    complete_meeting_action,
    move_conflict,
)

# (description, category, probability, impact, response, actions, trigger)
RISKS = (
    ("客户机房改造延期，服务器无法按期上架", RiskCategory.CUSTOMER, 3, 4, RiskResponse.MITIGATE,
     "每周与客户基建负责人确认机房进度；准备临时云资源作为过渡", "机房验收日期推迟超过一周"),
    ("核心开发工程师被其他项目抽调", RiskCategory.STAFF_TURNOVER, 2, 4, RiskResponse.MITIGATE,
     "关键模块安排AB角，代码评审覆盖两人以上", "人员调配申请提交"),
    ("既有业务系统接口文档不全，联调难度大", RiskCategory.TECHNICAL, 4, 3, RiskResponse.MITIGATE,
     "提前安排接口摸底，向客户信息中心索取历史文档", "接口联调一次通过率低于60%"),
    ("信创数据库适配存在性能瓶颈", RiskCategory.TECHNICAL, 3, 5, RiskResponse.AVOID,
     "早期压测验证，必要时调整为经过认证的版本组合", "压测TPS低于目标值80%"),
    ("硬件供应商交货周期拉长", RiskCategory.SUPPLIER, 3, 3, RiskResponse.TRANSFER,
     "合同中约定延期交货违约金，备选第二家供应商", "供应商确认交期晚于计划两周"),
    ("行业数据安全新规出台，需补充整改", RiskCategory.POLICY, 2, 5, RiskResponse.ACCEPT,
     "跟踪监管动态，预留整改预算", "监管部门发布征求意见稿"),
    ("客户业务骨干投入时间不足，需求确认滞后", RiskCategory.RESOURCES, 4, 4, RiskResponse.MITIGATE,
     "在周例会上约定每周固定确认时段，升级至客户项目负责人", "需求确认超期三个工作日"),
    ("竞争对手低价切入后续二期项目", RiskCategory.COMPETITOR, 2, 3, RiskResponse.ACCEPT,
     "保持交付质量与客户高层沟通，提前规划二期方案", "客户邀请其他厂商交流"),
)  # fmt: skip
# seen while bidding, before the project existed
OPPORTUNITY_RISKS = (
    ("客户预算审批流程长，合同签订可能推迟", RiskCategory.CUSTOMER, 3, 3, RiskResponse.ACCEPT,
     "与采购部门确认审批节点", "合同审批超过30天", RiskStatus.OPEN),
    ("投标期间市场价格波动，硬件报价偏紧", RiskCategory.MARKET, 2, 2, RiskResponse.TRANSFER,
     "与供应商锁定报价有效期", "主要硬件报价上涨超过5%", RiskStatus.CLOSED),
)  # fmt: skip


def opportunity_risks(world: World, opportunity_id: int, n: int) -> None:
    """What the sales team recorded on the opportunity while bidding."""
    sales = world.acting("sales")
    for description, category, p, i, response, actions, trigger, status in OPPORTUNITY_RISKS[
        : 1 + n % 2
    ]:
        add_opportunity_risk(
            world.db,
            sales,
            opportunity_id,
            RiskWrite(
                description=description,
                category=category,
                probability=p,
                impact=i,
                response=response,
                actions=actions,
                owner_id=sales.user_id,
                trigger=trigger,
                status=status,
            ),
        )


def project_risks(world: World, project_id: int, n: int, start: date) -> None:
    """The project's risk register: four to six risks, one closed once it passed; the open
    ones reviewed every few weeks by the project manager or a team member."""
    pm = world.acting("delivery")
    count = 4 + n % 3
    for k in range(count):
        description, category, p, i, response, actions, trigger = RISKS[(n + k) % len(RISKS)]
        closed = k == count - 1 and n % 2 == 0
        add_risk(
            world.db,
            pm,
            project_id,
            RiskWrite(
                description=description,
                category=category,
                probability=max(1, min(5, p + (n % 3) - 1)),
                impact=i,
                response=response,
                actions=actions,
                owner_id=pm.user_id if k % 2 == 0 else world.staff.manager.user_id,
                trigger=trigger,
                review_on=None if closed else max(start, world.today) + timedelta(days=7 + 5 * k),
                status=RiskStatus.CLOSED if closed else RiskStatus.OPEN,
            ),
        )


# (kind, element, severity, title, description, resolution)
CONFLICTS = (
    (ConflictKind.REQUIREMENT_CHANGE, None, Severity.HIGH, "客户要求报表增加按片区钻取",
     "客户认为属于原“业务报表”需求范围，我方认为是新增需求", "本期提供片区汇总，钻取纳入二期变更"),
    (ConflictKind.INFORMATION, None, Severity.MEDIUM, "接口数据口径理解不一致",
     "客户运营部与信息中心对“有效工单”的定义不同", "以信息中心《数据字典v2.1》为准，双方签字确认"),
    (ConflictKind.PROJECT_ELEMENT, ProjectElement.SCHEDULE, Severity.HIGH,
     "机房交付推迟导致部署窗口压缩", "客户机房改造延期两周，上线日期不变", None),
    (ConflictKind.PROJECT_ELEMENT, ProjectElement.COST, Severity.MEDIUM,
     "新增等保测评费用由谁承担", "测评机构报价超出预算，客户希望我方承担", None),
)  # fmt: skip


def project_conflicts(world: World, project_id: int, n: int, contact_ids: list[int]) -> None:
    """One conflict resolved with the customer's agreement (closed for some), one open: being
    negotiated, or raised a few days ago (its escalation still ahead or just passed)."""
    if not contact_ids:
        return
    db = world.db
    pm = world.acting("delivery")
    settled = CONFLICTS[n % 2]
    kind, element, severity, title, description, resolution = settled
    opened = world.today - timedelta(days=25 + n)
    done = add_conflict(
        db,
        pm,
        project_id,
        ConflictWrite(
            kind=kind,
            element=element,
            severity=severity,
            title=title,
            description=description,
            opened_on=opened,
            user_ids=[pm.user_id],
            contact_ids=contact_ids[:2],
        ),
    )
    move_conflict(db, pm, project_id, done.id, ConflictMove(status=ConflictStatus.NEGOTIATING))
    move_conflict(
        db,
        pm,
        project_id,
        done.id,
        ConflictMove(
            status=ConflictStatus.RESOLVED,
            resolution=resolution,
            agreed_by_id=contact_ids[0],
            on=opened + timedelta(days=9),
        ),
    )
    if n % 3 == 0:
        move_conflict(db, pm, project_id, done.id, ConflictMove(status=ConflictStatus.CLOSED))
    kind, element, severity, title, description, _ = CONFLICTS[2 + n % 2]
    pending = add_conflict(
        db,
        pm,
        project_id,
        ConflictWrite(
            kind=kind,
            element=element,
            severity=severity,
            title=title,
            description=description,
            opened_on=world.today - timedelta(days=2 + 5 * (n % 2)),
            user_ids=[pm.user_id, world.staff.manager.user_id],
            contact_ids=contact_ids[-1:],
        ),
    )
    if n % 2:
        move_conflict(
            db, pm, project_id, pending.id, ConflictMove(status=ConflictStatus.NEGOTIATING)
        )


def project_meetings(
    world: World, project_id: int, n: int, contact_ids: list[int], delivered: bool
) -> None:
    """Last week's weekly meeting with its minutes and action items (one done), this week's,
    a customer meeting two weeks ago, and the lessons-learned meeting of a delivered project."""
    db = world.db
    pm = world.acting("delivery")
    team = [pm.user_id, world.staff.manager.user_id]
    monday = world.today - timedelta(days=world.today.weekday())
    last = add_meeting(
        db,
        pm,
        project_id,
        MeetingWrite(
            kind=MeetingKind.WEEKLY,
            title="项目周例会",
            held_on=monday - timedelta(days=7),
            starts_at="09:30",
            duration_minutes=60,
            location="公司3号会议室 / 腾讯会议",
            agenda="1. 上周进度回顾\n2. 风险与问题更新\n3. 本周计划",
            minutes="开发进度符合计划；接口联调因客户文档未到位推迟两天。",
            decisions="接口文档由客户信息中心本周三前提供；联调顺延至下周一。",
            user_ids=team,
        ),
    )
    for k, (text, days, done) in enumerate(
        (("整理接口问题清单发给客户", -3, True), ("更新风险登记册并复核高风险项", 2, False),
         ("准备客户沟通会的演示环境", 5 + n % 3, False))
    ):  # fmt: skip
        item = add_meeting_action(
            db,
            pm,
            project_id,
            last.id,
            ActionWrite(
                description=text,
                owner_id=team[k % 2],
                due_on=world.today + timedelta(days=days),
            ),
        )
        if done:
            complete_meeting_action(db, pm, project_id, item.id)
    add_meeting(
        db,
        pm,
        project_id,
        MeetingWrite(
            kind=MeetingKind.WEEKLY,
            title="项目周例会",
            held_on=monday,
            starts_at="09:30",
            duration_minutes=60,
            location="公司3号会议室 / 腾讯会议",
            agenda="1. 上周待办跟进\n2. 联调进展\n3. 本周计划",
            user_ids=team,
        ),
    )
    if contact_ids:
        add_meeting(
            db,
            pm,
            project_id,
            MeetingWrite(
                kind=MeetingKind.CUSTOMER,
                title="双周客户沟通会",
                held_on=world.today - timedelta(days=10 + n % 4),
                starts_at="14:00",
                duration_minutes=90,
                location="客户现场会议室",
                agenda="阶段成果演示；需求确认；下阶段安排",
                minutes="客户对原型整体认可，提出报表钻取需求（已按冲突记录处理）。",
                decisions="下次沟通会演示接口联调结果。",
                user_ids=team[:1],
                contact_ids=contact_ids[:2],
            ),
        )
    if delivered and contact_ids:
        add_meeting(
            db,
            pm,
            project_id,
            MeetingWrite(
                kind=MeetingKind.LESSONS,
                title="项目经验教训总结会",
                held_on=world.today - timedelta(days=20),
                starts_at="15:00",
                duration_minutes=120,
                location="客户现场会议室",
                agenda="回顾目标达成；哪些做得好；哪些需要改进",
                minutes="需求基线确认及时；接口文档交付滞后影响联调进度。",
                decisions="后续项目在启动会上明确接口文档交付时间。",
                user_ids=team,
                contact_ids=contact_ids[:2],
            ),
        )
