"""Closed vocabularies of a project's closure (收尾) and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_

# 客户满意度分析表: the dimensions the customer scores 1 to 5.
SATISFACTION_DIMENSIONS: dict[str, str] = {
    "communication": N_("Communication with us"),  # 沟通
    "responsiveness": N_("Responsiveness"),  # 响应
    "quality": N_("Quality"),  # 质量
    "schedule": N_("Schedule"),  # 进度
    "cost": N_("Cost and value"),  # 成本
    "team": N_("Team"),  # 团队
    "service": N_("Service"),  # 服务
}
# 客户评估项目组织表: what the customer rates 1 to 5 about our project organisation.
EVALUATION_DIMENSIONS: dict[str, str] = {
    "communication": N_("Communication with us"),
    "responsiveness": N_("Responsiveness"),
    "needs_understanding": N_("Understanding of needs"),
    "delivery_quality": N_("Delivery quality"),
    "schedule": N_("Schedule"),
    "cost_control": N_("Cost control"),
    "change_handling": N_("Change handling"),
    "professionalism": N_("Team professionalism"),
}
# The evaluation's two texts, which an improvement action may also come from.
EVALUATION_TEXTS: dict[str, str] = {
    "suggestions": N_("Suggestions"),
    "criticism": N_("Criticism"),
}


class LessonCategory(StrEnum):
    WENT_WELL = "went_well"  # 做得好的
    TO_IMPROVE = "to_improve"  # 需改进的
    RECOMMENDATION = "recommendation"  # 对后续项目的建议


class ImprovementSource(StrEnum):
    """Where an improvement action (改进事项) comes from."""

    EVALUATION = "evaluation"  # an item of the customer's evaluation of our organisation
    DISSATISFIED = "dissatisfied_point"  # a 欠满意点 of the satisfaction analysis
    IMPROVEMENT_ITEM = "improvement_item"  # a 需改进事宜 of the satisfaction analysis
    LESSON = "lesson"  # a lesson learned


class ImprovementStatus(StrEnum):
    OPEN = "open"  # 打开
    IN_PROGRESS = "in_progress"  # 进行中
    DONE = "done"  # 已完成
    VERIFIED = "verified"  # 已验证: checked by someone other than the owner


# The allowed moves; a verification that fails sends a done action back to in progress.
IMPROVEMENT_MOVES: dict[ImprovementStatus, tuple[ImprovementStatus, ...]] = {
    ImprovementStatus.OPEN: (ImprovementStatus.IN_PROGRESS,),
    ImprovementStatus.IN_PROGRESS: (ImprovementStatus.DONE,),
    ImprovementStatus.DONE: (ImprovementStatus.VERIFIED, ImprovementStatus.IN_PROGRESS),
    ImprovementStatus.VERIFIED: (),
}
UNFINISHED = (ImprovementStatus.OPEN, ImprovementStatus.IN_PROGRESS)

LABELS: dict[type[StrEnum], dict[str, str]] = {
    LessonCategory: {
        "went_well": N_("What went well"),
        "to_improve": N_("What to improve"),
        "recommendation": N_("Recommendation for later projects"),
    },
    ImprovementSource: {
        "evaluation": N_("Customer's evaluation of our organisation"),
        "dissatisfied_point": N_("Dissatisfied point"),
        "improvement_item": N_("Improvement item"),
        "lesson": N_("Lesson learned"),
    },
    ImprovementStatus: {
        "open": N_("Open improvement"),
        "in_progress": N_("In progress"),
        "done": N_("Done"),
        "verified": N_("Verified"),
    },
}
