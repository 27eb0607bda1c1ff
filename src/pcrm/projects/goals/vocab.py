"""Closed vocabularies of project goals and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class GoalKind(StrEnum):
    OUTCOME = "outcome"  # 交付成果: a measure we and the customer read off the delivery
    SATISFACTION = "satisfaction"  # 客户满意度: the current value comes from the loyalty area


class SmartLetter(StrEnum):
    """The five SMART letters (具体/可衡量/可实现/相关/有时限)."""

    S = "S"
    M = "M"
    A = "A"
    R = "R"
    T = "T"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    GoalKind: {
        "outcome": N_("Delivery outcome"),
        "satisfaction": N_("Customer satisfaction"),
    },
    SmartLetter: {
        "S": N_("Specific: a statement and an owner"),
        "M": N_("Measurable: a metric and a target"),
        "A": N_("Achievable: confirmed achievable"),
        "R": N_("Relevant: linked to a requirement or a stakeholder"),
        "T": N_("Time-bound: a deadline"),
    },
}
