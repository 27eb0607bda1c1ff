"""Closed vocabularies of the customer's training and their labels."""

from __future__ import annotations

from enum import StrEnum

from pcrm.core.i18n import N_


class NeedStatus(StrEnum):
    PLANNED = "planned"  # 计划中
    DONE = "done"  # 已完成


class Attendance(StrEnum):
    """Whether an invited person came to a session; unrecorded until the session is held."""

    INVITED = "invited"  # 已邀请
    PRESENT = "present"  # 出席
    ABSENT = "absent"  # 缺席


LABELS: dict[type[StrEnum], dict[str, str]] = {
    NeedStatus: {"planned": N_("Planned"), "done": N_("Done")},
    Attendance: {"invited": N_("Invited"), "present": N_("Present"), "absent": N_("Absent")},
}
