"""Closed vocabularies of requirements and clarifications and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class Kano(StrEnum):
    """Kano class of a requirement."""

    BASIC = "basic"  # 基本: taken for granted; missing it makes the customer dissatisfied
    EXPECTED = "expected"  # 期望: the more, the more satisfied
    EXCITING = "exciting"  # 兴奋: not asked for; delights when present


class Priority(StrEnum):
    P0 = "p0"
    P1 = "p1"
    P2 = "p2"
    P3 = "p3"


class RequirementStatus(StrEnum):
    DRAFT = "draft"  # 草稿
    IN_REVIEW = "in_review"  # 客户评审中: part of a baseline the customer is reviewing
    CONFIRMED = "confirmed"  # 已确认: in a baseline the customer signed off
    REJECTED = "rejected"  # 已拒绝: the customer does not want it
    CHANGED = "changed"  # 已变更: replaced through a change request (part 2)


# Statuses in which the requirement's text is still ours to edit: once it is in a baseline the
# customer reviews or signed, only a new baseline version (or a change request) may change it.
EDITABLE = (RequirementStatus.DRAFT, RequirementStatus.REJECTED)


class ClarificationStatus(StrEnum):
    OPEN = "open"  # 待答复
    ANSWERED = "answered"  # 已答复
    VOID = "void"  # 已作废


LABELS: dict[type[StrEnum], dict[str, str]] = {
    Kano: {
        Kano.BASIC: N_("Basic"),
        Kano.EXPECTED: N_("Expected"),
        Kano.EXCITING: N_("Exciting"),
    },
    Priority: {
        Priority.P0: N_("P0 (must)"),
        Priority.P1: N_("P1 (high)"),
        Priority.P2: N_("P2 (medium)"),
        Priority.P3: N_("P3 (low)"),
    },
    RequirementStatus: {
        RequirementStatus.DRAFT: N_("Draft, not sent"),
        RequirementStatus.IN_REVIEW: N_("In customer review"),
        RequirementStatus.CONFIRMED: N_("Confirmed"),
        RequirementStatus.REJECTED: N_("Rejected"),
        RequirementStatus.CHANGED: N_("Changed"),
    },
    ClarificationStatus: {
        ClarificationStatus.OPEN: N_("Awaiting answer"),
        ClarificationStatus.ANSWERED: N_("Answered"),
        ClarificationStatus.VOID: N_("Void"),
    },
}
