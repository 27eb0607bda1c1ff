"""Closed vocabularies of baselines and sign-offs and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class BaselineKind(StrEnum):
    REQUIREMENTS = "requirements"  # 需求基线
    PLAN = "plan"  # 计划基线
    ACCEPTANCE = "acceptance"  # 验收: a deliverable as inspected, accepted/rejected/waived


class BaselineStatus(StrEnum):
    IN_REVIEW = "in_review"  # 客户评审中
    APPROVED = "approved"  # 已确认
    REJECTED = "rejected"  # 被拒绝
    SUPERSEDED = "superseded"  # 已被新版本取代


class Decision(StrEnum):
    APPROVED = "approved"  # 确认
    REJECTED = "rejected"  # 拒绝


class SignOffChannel(StrEnum):
    """How the customer's decision reached us."""

    RECORDED = "recorded"  # 代为记录: recorded by us on the customer's word, with evidence
    PORTAL = "portal"  # 客户门户: given by the customer in the portal


LABELS: dict[type[StrEnum], dict[str, str]] = {
    BaselineKind: {
        BaselineKind.REQUIREMENTS: N_("Requirements baseline"),
        BaselineKind.PLAN: N_("Plan baseline"),
        BaselineKind.ACCEPTANCE: N_("Acceptance"),
    },
    BaselineStatus: {
        BaselineStatus.IN_REVIEW: N_("In customer review"),
        BaselineStatus.APPROVED: N_("Approved by the customer"),
        BaselineStatus.REJECTED: N_("Rejected by the customer"),
        BaselineStatus.SUPERSEDED: N_("Superseded"),
    },
    Decision: {Decision.APPROVED: N_("Approved"), Decision.REJECTED: N_("Rejected")},
    SignOffChannel: {
        SignOffChannel.RECORDED: N_("Recorded on the customer's word"),
        SignOffChannel.PORTAL: N_("In the customer portal"),
    },
}
