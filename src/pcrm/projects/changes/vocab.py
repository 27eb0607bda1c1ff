"""Closed vocabularies of change requests (变更请求) and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class ChangeOrigin(StrEnum):
    CUSTOMER = "customer"  # 客户提出: raised by a contact of the project's account
    US = "us"  # 我方提出: our scope adjustment (two options at least)


class ChangeCategory(StrEnum):
    REQUIREMENT = "requirement"  # 需求
    SCOPE = "scope"  # 范围
    SCHEDULE = "schedule"  # 进度
    COST = "cost"  # 成本
    QUALITY = "quality"  # 质量
    OTHER = "other"  # 其他


class ChangeState(StrEnum):
    SUBMITTED = "submitted"  # 已提交
    IMPACT_ANALYSED = "impact_analysed"  # 影响已分析
    AWAITING_DECISION = "awaiting_decision"  # 待客户决定
    APPROVED = "approved"  # 已批准
    REJECTED = "rejected"  # 已拒绝
    IMPLEMENTED = "implemented"  # 已实施
    WITHDRAWN = "withdrawn"  # 已撤回


class ImpactLevel(StrEnum):
    NONE = "none"  # 无
    LOW = "low"  # 低
    MEDIUM = "medium"  # 中
    HIGH = "high"  # 高


LABELS: dict[type[StrEnum], dict[str, str]] = {
    ChangeOrigin: {
        ChangeOrigin.CUSTOMER: N_("Raised by the customer"),
        ChangeOrigin.US: N_("Raised by us (scope adjustment)"),
    },
    ChangeCategory: {
        ChangeCategory.REQUIREMENT: N_("Requirement"),
        ChangeCategory.SCOPE: N_("Scope"),
        ChangeCategory.SCHEDULE: N_("Schedule"),
        ChangeCategory.COST: N_("Cost"),
        ChangeCategory.QUALITY: N_("Quality"),
        ChangeCategory.OTHER: N_("Other"),
    },
    ChangeState: {
        ChangeState.SUBMITTED: N_("Submitted"),
        ChangeState.IMPACT_ANALYSED: N_("Impact analysed"),
        ChangeState.AWAITING_DECISION: N_("Awaiting the customer's decision"),
        ChangeState.APPROVED: N_("Change approved"),
        ChangeState.REJECTED: N_("Change rejected"),
        ChangeState.IMPLEMENTED: N_("Implemented"),
        ChangeState.WITHDRAWN: N_("Withdrawn"),
    },
    ImpactLevel: {
        ImpactLevel.NONE: N_("None"),
        ImpactLevel.LOW: N_("Low"),
        ImpactLevel.MEDIUM: N_("Medium"),
        ImpactLevel.HIGH: N_("High"),
    },
}

# the lists of ids a change request points at
ID_LISTS = ("requirement_ids", "task_ids", "deliverable_ids", "activity_ids", "meeting_ids")
