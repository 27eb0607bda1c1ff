"""Closed vocabularies of deliverables, their acceptance and their quality, with the labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class DeliverableStatus(StrEnum):
    PLANNED = "planned"  # 计划
    DELIVERED = "delivered"  # 已交付
    IN_INSPECTION = "in_inspection"  # 检查中
    ACCEPTED = "accepted"  # 已验收
    REJECTED = "rejected"  # 被拒绝
    WAIVED = "waived"  # 客户豁免


class Outcome(StrEnum):
    """The customer's decision on a deliverable."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WAIVED = "waived"


class QualityKind(StrEnum):
    PERFORMANCE = "performance"  # 性能 (product)
    RELIABILITY = "reliability"  # 可靠性 (product)
    SECURITY = "security"  # 安全性 (product)
    OTHER = "other"  # 其他 (product)
    RESPONSE_TIME = "response_time"  # 响应时间 (service)
    RESOLUTION_TIME = "resolution_time"  # 解决效率 (service)


class QualityGroup(StrEnum):
    PRODUCT = "product"  # 产品质量
    SERVICE = "service"  # 服务质量


class Comparison(StrEnum):
    AT_LEAST = "at_least"  # measured ≥ target
    AT_MOST = "at_most"  # measured ≤ target


SERVICE_KINDS = frozenset({QualityKind.RESPONSE_TIME, QualityKind.RESOLUTION_TIME})


def group_of(kind: QualityKind) -> QualityGroup:
    return QualityGroup.SERVICE if kind in SERVICE_KINDS else QualityGroup.PRODUCT


# Where each step may start from; anything else is a 409 and nothing is written.
DELIVERABLE_FROM = (DeliverableStatus.PLANNED, DeliverableStatus.REJECTED)
INSPECTABLE = (DeliverableStatus.DELIVERED, DeliverableStatus.IN_INSPECTION)
DECIDABLE = INSPECTABLE
WAIVABLE = (
    DeliverableStatus.PLANNED,
    DeliverableStatus.DELIVERED,
    DeliverableStatus.IN_INSPECTION,
    DeliverableStatus.REJECTED,
)
SETTLED = (DeliverableStatus.ACCEPTED, DeliverableStatus.WAIVED)

LABELS: dict[type[StrEnum], dict[str, str]] = {
    DeliverableStatus: {
        "planned": N_("Planned"),
        "delivered": N_("Delivered"),
        "in_inspection": N_("In inspection"),
        "accepted": N_("Accepted"),
        "rejected": N_("Rejected by the customer"),
        "waived": N_("Waived by the customer"),
    },
    QualityKind: {
        "performance": N_("Performance"),
        "reliability": N_("Reliability"),
        "security": N_("Security"),
        "other": N_("Other product quality"),
        "response_time": N_("Response time"),
        "resolution_time": N_("Resolution time"),
    },
    QualityGroup: {"product": N_("Product quality"), "service": N_("Service quality")},
    Comparison: {"at_least": N_("At least"), "at_most": N_("At most")},
}
