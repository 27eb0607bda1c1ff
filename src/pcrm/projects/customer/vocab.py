"""Closed vocabularies of the customer's acts in the portal and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class PortalActKind(StrEnum):
    BASELINE_DECISION = "baseline_decision"  # 基线确认
    CLARIFICATION_ANSWER = "clarification_answer"  # 答复澄清
    CHANGE_DECISION = "change_decision"  # 变更决定
    CHANGE_RAISED = "change_raised"  # 提出变更


class PendingKind(StrEnum):
    """What waits for the customer in the portal's inbox."""

    BASELINE = "baseline"
    CHANGE = "change"
    CLARIFICATION = "clarification"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    PortalActKind: {
        PortalActKind.BASELINE_DECISION: N_("Baseline decided"),
        PortalActKind.CLARIFICATION_ANSWER: N_("Question answered"),
        PortalActKind.CHANGE_DECISION: N_("Change request decided"),
        PortalActKind.CHANGE_RAISED: N_("Change request raised"),
    },
    PendingKind: {
        PendingKind.BASELINE: N_("Sign-off"),
        PendingKind.CHANGE: N_("Change decision"),
        PendingKind.CLARIFICATION: N_("Question"),
    },
}
