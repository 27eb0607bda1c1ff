"""View-model of the project page's training tab (培训): the review of the needs, the needs, the
sessions with attendance and materials, and the choices of their forms. Built from services
only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.files.public import ACCEPT_ATTRIBUTE
from pcrm.identity.public import Principal
from pcrm.projects.training import service
from pcrm.projects.training.vocab import LABELS, Attendance, NeedStatus

NOTICES = {
    "training-reviewed": N_("The review of the training needs was recorded."),
    "need-added": N_("The training need was added."),
    "need-saved": N_("The training need was saved."),
    "need-removed": N_("The training need was removed."),
    "session-added": N_("The training session was added."),
    "session-removed": N_("The training session was removed."),
    "attendance-saved": N_("The attendance was recorded."),
    "material-added": N_("The material was added."),
    "material-removed": N_("The material was removed."),
    "material-too-large": N_("The file is larger than the upload limit."),
}


def training_tab(db: Session, principal: Principal, project_id: int, locale: str) -> dict[str, Any]:
    return {
        "needs": service.needs(db, principal, project_id),
        "sessions": service.sessions(db, principal, project_id),
        "reviews": service.reviews(db, principal, project_id),
        "need_status": {
            s.value: translate(locale, LABELS[NeedStatus][s.value]) for s in NeedStatus
        },
        "attendance": {a.value: translate(locale, LABELS[Attendance][a.value]) for a in Attendance},
        "attendance_options": [
            (a.value, translate(locale, LABELS[Attendance][a.value])) for a in Attendance
        ],
        "accept": ACCEPT_ATTRIBUTE,
    }
