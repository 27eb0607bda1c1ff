"""Closed vocabularies of project meetings (会议) and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class MeetingKind(StrEnum):
    WEEKLY = "weekly"  # 周例会: our internal weekly meeting (recurring)
    CUSTOMER = "customer"  # 客户沟通会: with the customer, on a cadence
    LESSONS = "lessons_learned"  # 经验教训总结会: at closure, with the customer invited


# The cadence a new meeting of the kind takes unless given (days between two meetings).
DEFAULT_CADENCE: dict[MeetingKind, int | None] = {
    MeetingKind.WEEKLY: 7,
    MeetingKind.CUSTOMER: 14,
    MeetingKind.LESSONS: None,
}

LABELS: dict[type[StrEnum], dict[str, str]] = {
    MeetingKind: {
        "weekly": N_("Weekly meeting"),
        "customer": N_("Customer meeting"),
        "lessons_learned": N_("Lessons-learned meeting"),
    },
}
