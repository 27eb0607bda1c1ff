"""The demo's project closure (收尾, issue 15): the delivered projects carry both of the
customer's evaluation forms, lessons learned and improvement actions (one verified, one under
way, one open) before they close, and their follow-up visits are planned at closure; a project
in execution has started its closure papers (the satisfaction analysis and a lesson) so that its
Closure tab shows which checks still fail."""

from __future__ import annotations

from datetime import timedelta

from pcrm.demo.world import World
from pcrm.projects.public import (
    add_improvement,
    add_lesson,
    closure_schemas,
    move_improvement,
    project_stakeholders,
    save_organisation_evaluation,
    save_satisfaction_analysis,
)

LESSONS = (
    ("went_well", "每周与客户项目负责人对齐范围与优先级，需求变更集中评审，返工少。"),
    ("to_improve", "变更影响分析耗时过长，客户等待决定超过两周，应提前准备方案模板。"),
    ("recommendation", "二期立项前先与信息中心确认接口规范，避免联调期临时补文档。"),
)  # fmt: skip


def closure_records(world: World, project_id: int, n: int, *, complete: bool) -> None:
    """Both forms, three lessons and three improvement actions (complete), or only the
    satisfaction analysis and one lesson (a project whose closure has just begun)."""
    db = world.db
    pm = world.acting("delivery")
    register = project_stakeholders(db, pm, project_id)
    if not register:
        return
    customer = register[0].contact_id
    save_satisfaction_analysis(
        db,
        pm,
        project_id,
        closure_schemas.SatisfactionAnalysisWrite(
            respondent_id=customer,
            surveyed_on=world.today - timedelta(days=6),
            scores=closure_schemas.SatisfactionScores(
                communication=5, responsiveness=4, quality=4 + n % 2, schedule=3,
                cost=4, team=5, service=4,
            ),
            satisfied_points=["项目经理响应及时，问题当天有反馈", "上线切换平稳，业务零中断"],
            dissatisfied_points=["变更评估周期偏长，影响业务部门排期"],
            improvement_items=["培训材料需补充操作视频", "月度报告增加风险趋势说明"],
        ),
    )  # fmt: skip
    lessons = [
        add_lesson(
            db,
            pm,
            project_id,
            closure_schemas.LessonWrite.model_validate({"category": category, "text": text}),
        )
        for category, text in LESSONS[: 3 if complete else 1]
    ]
    if not complete:
        return
    save_organisation_evaluation(
        db,
        pm,
        project_id,
        closure_schemas.OrganisationEvaluationWrite(
            evaluator_id=customer,
            evaluated_on=world.today - timedelta(days=5),
            ratings=closure_schemas.EvaluationRatings(
                communication=5, responsiveness=4, needs_understanding=4, delivery_quality=4,
                schedule=3, cost_control=4, change_handling=2, professionalism=5,
            ),
            suggestions="变更评审希望在一周内给出影响分析和报价。",
            criticism="二期需求确认阶段文档版本较乱，客户方多次核对。",
        ),
    )  # fmt: skip
    owner = world.staff.manager.user_id
    actions = (
        ("变更影响分析模板化，承诺5个工作日内给出方案", "evaluation",
         "change_handling", None, -10, ("in_progress", "done", "verified")),
        ("录制各模块操作视频并放入知识库", "improvement_item",
         "培训材料需补充操作视频", None, 14, ("in_progress",)),
        ("需求文档统一走版本库并在周例会确认版本", "lesson", None,
         lessons[1].id, 30, ()),
    )  # fmt: skip
    for title, source, detail, lesson_id, days, moves in actions:
        action = add_improvement(
            db,
            pm,
            project_id,
            closure_schemas.ImprovementWrite.model_validate(
                {
                    "title": title,
                    "source": source,
                    "source_detail": detail,
                    "lesson_id": lesson_id,
                    "owner_id": owner,
                    "due_on": world.today + timedelta(days=days),
                }
            ),
        )
        for status in moves:
            action = move_improvement(
                db,
                pm,
                project_id,
                action.id,
                closure_schemas.ImprovementMove.model_validate({"status": status}),
                action.version,
            )
