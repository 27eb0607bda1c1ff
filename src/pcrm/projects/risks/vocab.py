"""Closed vocabularies of risks (风险) and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class RiskCategory(StrEnum):
    """Where the risk comes from: outside (the first four) or inside (the last four)."""

    MARKET = "market"  # 市场
    COMPETITOR = "competitor"  # 竞争对手
    POLICY = "policy"  # 政策
    CUSTOMER = "customer"  # 客户
    STAFF_TURNOVER = "staff_turnover"  # 人员流动
    TECHNICAL = "technical"  # 技术难度
    RESOURCES = "resources"  # 资源
    SUPPLIER = "supplier"  # 供应商


class RiskSource(StrEnum):
    EXTERNAL = "external"  # 外部风险
    INTERNAL = "internal"  # 内部风险


EXTERNAL = frozenset(
    {RiskCategory.MARKET, RiskCategory.COMPETITOR, RiskCategory.POLICY, RiskCategory.CUSTOMER}
)


def source_of(category: RiskCategory) -> RiskSource:
    return RiskSource.EXTERNAL if category in EXTERNAL else RiskSource.INTERNAL


class RiskResponse(StrEnum):
    AVOID = "avoid"  # 规避
    MITIGATE = "mitigate"  # 减轻
    TRANSFER = "transfer"  # 转移
    ACCEPT = "accept"  # 接受


class RiskStatus(StrEnum):
    OPEN = "open"  # 打开: watched, on the heat map
    CLOSED = "closed"  # 已关闭: passed or no longer possible


LABELS: dict[type[StrEnum], dict[str, str]] = {
    RiskCategory: {
        "market": N_("Market"),
        "competitor": N_("Competitor"),
        "policy": N_("Policy"),
        "customer": N_("Customer"),
        "staff_turnover": N_("Staff turnover"),
        "technical": N_("Technical difficulty"),
        "resources": N_("Resources"),
        "supplier": N_("Supplier"),
    },
    RiskSource: {"external": N_("External risk"), "internal": N_("Internal risk")},
    RiskResponse: {
        "avoid": N_("Avoid"),
        "mitigate": N_("Mitigate"),
        "transfer": N_("Transfer"),
        "accept": N_("Accept"),
    },
    RiskStatus: {"open": N_("Open risk"), "closed": N_("Closed risk")},
}
