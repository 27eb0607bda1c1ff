"""Closed vocabularies of issues and conflicts (问题与冲突) and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class ConflictKind(StrEnum):
    REQUIREMENT_CHANGE = "requirement_change"  # 需求变更冲突
    INFORMATION = "information_asymmetry"  # 信息不对称冲突
    PROJECT_ELEMENT = "project_element"  # 项目要素冲突 (cost, schedule, quality)
    OTHER = "other"


class ProjectElement(StrEnum):
    """What a project-element conflict is about."""

    COST = "cost"  # 成本
    SCHEDULE = "schedule"  # 进度
    QUALITY = "quality"  # 质量


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ConflictStatus(StrEnum):
    OPEN = "open"  # 打开
    NEGOTIATING = "negotiating"  # 协商中
    RESOLVED = "resolved"  # 已解决: a resolution agreed with the customer
    CLOSED = "closed"  # 已关闭


# The allowed moves: forward through negotiation to a resolution and its closing; a resolution
# the customer goes back on returns to negotiation. Anything else is a 409.
CONFLICT_MOVES: dict[ConflictStatus, tuple[ConflictStatus, ...]] = {
    ConflictStatus.OPEN: (ConflictStatus.NEGOTIATING,),
    ConflictStatus.NEGOTIATING: (ConflictStatus.RESOLVED,),
    ConflictStatus.RESOLVED: (ConflictStatus.CLOSED, ConflictStatus.NEGOTIATING),
    ConflictStatus.CLOSED: (),
}
UNRESOLVED = (ConflictStatus.OPEN, ConflictStatus.NEGOTIATING)

LABELS: dict[type[StrEnum], dict[str, str]] = {
    ConflictKind: {
        "requirement_change": N_("Requirement-change conflict"),
        "information_asymmetry": N_("Information-asymmetry conflict"),
        "project_element": N_("Project-element conflict"),
        "other": N_("Other issue"),
    },
    ProjectElement: {
        "cost": N_("Cost"),
        "schedule": N_("Schedule"),
        "quality": N_("Quality"),
    },
    Severity: {
        "low": N_("Low severity"),
        "medium": N_("Medium severity"),
        "high": N_("High severity"),
        "critical": N_("Critical severity"),
    },
    ConflictStatus: {
        "open": N_("Open issue"),
        "negotiating": N_("Negotiating"),
        "resolved": N_("Resolved"),
        "closed": N_("Closed issue"),
    },
}
