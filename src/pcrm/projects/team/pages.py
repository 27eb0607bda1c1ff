"""View-model of the workload page."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import translate
from pcrm.identity.public import Principal
from pcrm.projects.team import service
from pcrm.projects.vocab import LABELS, TeamRole


def workload_page(
    db: Session, principal: Principal, start: date | None, role: TeamRole | None, locale: str
) -> dict[str, Any]:
    return {
        "workload": service.workload(db, principal, start, 12, role),
        "role": role.value if role else "",
        "start": start.isoformat() if start else "",
        "role_choices": [(r.value, translate(locale, LABELS[TeamRole][r.value])) for r in TeamRole],
    }
