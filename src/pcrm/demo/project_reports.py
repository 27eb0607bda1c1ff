"""The demo's progress reports (项目进度报告) on the project in execution, through the public
calls: last month's monthly report, issued by the project manager with her summary (its
figures frozen as version 1), and this month's report still a draft."""

from __future__ import annotations

from datetime import timedelta

from pcrm.demo.world import World
from pcrm.projects.public import ReportWrite, add_report, issue_report

LAST_MONTH = (
    "本月完成需求基线确认与计划基线审批，系统实施进入开发阶段。\n"
    "客户提出增加移动端审批功能，经评估选择现有团队实施方案，接口开发顺延两周，预算相应调整。\n"
    "数据迁移较基线延期一周，已在周例会上与客户确认追赶措施；下月重点为接口联调与信创数据库压测。"
)
THIS_MONTH = "上旬：接口联调按计划推进；PDF导出变更等待客户决定。（草稿，月底补充完整）"


def seed_reports(world: World, project_id: int) -> None:
    db = world.db
    first = world.today.replace(day=1)
    last_end = first - timedelta(days=1)
    pm = world.acting("delivery", world.on(first, 17))
    monthly = add_report(
        db, pm, project_id,
        ReportWrite(kind="monthly", period_start=last_end.replace(day=1), period_end=last_end,
                    summary=LAST_MONTH),
    )  # fmt: skip
    issue_report(db, pm, project_id, monthly.id, monthly.version)
    add_report(
        db, pm, project_id,
        ReportWrite(kind="on_demand", period_start=first, period_end=world.today,
                    summary=THIS_MONTH),
    )  # fmt: skip
