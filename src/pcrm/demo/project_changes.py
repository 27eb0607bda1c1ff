"""The demo's change requests (变更请求) on the project in execution, through the public calls:
the customer asked for mobile approval and chose the slower, cheaper of two options (the plan,
its baselines and the budget moved); a PDF export awaits the customer's decision; our proposal
to drop the parallel run of the old system was withdrawn when the customer wanted to keep it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from pcrm.demo.world import World
from pcrm.projects.public import (
    ChangeWrite,
    DecisionCreate,
    OptionWrite,
    SendForDecision,
    Withdrawal,
    add_change_option,
    analyse_change,
    change_discussion_choices,
    decide_change,
    plan_tasks,
    project_stakeholders,
    raise_change,
    send_change_for_decision,
    withdraw_change,
)


def seed_changes(world: World, project_id: int, requirement_ids: list[int]) -> None:
    db = world.db
    pm = world.acting("delivery")
    today = world.today
    register = project_stakeholders(db, pm, project_id)
    approver = next(s for s in register if s.is_approver)
    asker = next((s for s in register if not s.is_approver), approver)
    tasks = {t.name: t.id for t in plan_tasks(db, pm, project_id)}
    activities, meetings = change_discussion_choices(db, pm, project_id)
    discussed = activities[:1]

    mobile = raise_change(
        db, pm, project_id,
        ChangeWrite(
            title="增加移动端审批功能",
            origin="customer",
            raised_by_contact_id=asker.contact_id,
            raised_on=today - timedelta(days=30),
            reason="管理层出差频繁，要求在手机上完成工单审批；原需求仅覆盖PC端。",
            category="requirement",
            billable=True,
            requirement_ids=requirement_ids[:1],
            task_ids=[tasks["接口开发与联调"]],
            activity_ids=discussed,
            meeting_ids=meetings[-1:],  # first raised at the customer meeting
        ),
    )  # fmt: skip
    slower = add_change_option(db, pm, project_id, mobile.id, OptionWrite(
        title="现有团队完成，接口开发顺延两周",
        cost_delta=Decimal("68000"), schedule_delta_days=10,
        new_risks="移动端适配经验不足，联调可能再延期",
    ))  # fmt: skip
    add_change_option(db, pm, project_id, mobile.id, OptionWrite(
        title="增派两名开发，按原计划交付",
        cost_delta=Decimal("126000"),
        quality_effect="联调测试周期压缩，需补充自动化回归测试", quality_level="medium",
        new_risks="新成员熟悉业务需要时间",
    ))  # fmt: skip
    analyse_change(db, pm, project_id, mobile.id)
    send_change_for_decision(db, pm, project_id, mobile.id,
                             SendForDecision(sent_on=today - timedelta(days=24)))  # fmt: skip
    decide_change(db, pm, project_id, mobile.id, DecisionCreate(
        decision="approved", option_id=slower.id, option_version=slower.version,
        stakeholder_id=approver.id, decided_on=today - timedelta(days=20),
        comment="同意方案一，费用按补充协议结算，上线时间相应顺延。",
    ))  # fmt: skip

    export = raise_change(
        db, pm, project_id,
        ChangeWrite(
            title="报表导出增加PDF格式",
            origin="customer",
            raised_by_contact_id=approver.contact_id,
            raised_on=today - timedelta(days=9),
            reason="财务部需要将月度报表直接归档为PDF。",
            category="requirement",
            requirement_ids=requirement_ids[1:2],
            task_ids=[tasks["接口开发与联调"]],
        ),
    )  # fmt: skip
    add_change_option(db, pm, project_id, export.id, OptionWrite(
        title="采用现有报表组件导出", cost_delta=Decimal("15000"), schedule_delta_days=3,
    ))  # fmt: skip
    add_change_option(db, pm, project_id, export.id, OptionWrite(
        title="由客户打印为PDF，不做开发", quality_effect="格式不统一，需人工处理",
        quality_level="low",
    ))  # fmt: skip
    analyse_change(db, pm, project_id, export.id)
    send_change_for_decision(db, pm, project_id, export.id,
                             SendForDecision(sent_on=today - timedelta(days=3)))  # fmt: skip

    parallel = raise_change(
        db, pm, project_id,
        ChangeWrite(
            title="取消旧系统数据双轨运行",
            origin="us",
            raised_on=today - timedelta(days=15),
            reason="双轨运行占用实施人员，建议数据迁移后直接切换。",
            category="scope",
            task_ids=[tasks["数据迁移"]],
        ),
    )  # fmt: skip
    add_change_option(db, pm, project_id, parallel.id, OptionWrite(
        title="迁移后直接切换", cost_delta=Decimal("-30000"),
        quality_effect="切换当日业务中断风险上升", quality_level="high",
    ))  # fmt: skip
    add_change_option(db, pm, project_id, parallel.id, OptionWrite(
        title="双轨运行缩短为一周", cost_delta=Decimal("-12000"), schedule_delta_days=-5,
        new_risks="数据核对时间不足",
    ))  # fmt: skip
    withdraw_change(db, pm, project_id, parallel.id,
                    Withdrawal(reason="客户要求保持双轨运行至验收，撤回本变更。"))  # fmt: skip
