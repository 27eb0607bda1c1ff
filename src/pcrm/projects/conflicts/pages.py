"""View-model of the project page's issues and conflicts tab (问题与冲突). Built from services
only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal, conflict_escalation_days
from pcrm.projects.conflicts import service
from pcrm.projects.conflicts.schemas import ConflictRead
from pcrm.projects.conflicts.vocab import (
    LABELS,
    ConflictKind,
    ConflictStatus,
    ProjectElement,
    Severity,
)

NOTICES = {
    "conflict-added": N_("The issue was recorded."),
    "conflict-saved": N_("The issue was saved."),
    "conflict-moved": N_("The issue's status was changed."),
    "conflict-removed": N_("The issue was removed."),
}
ACTIONS = {
    ConflictStatus.NEGOTIATING: N_("Start negotiating"),
    ConflictStatus.RESOLVED: N_("Record the resolution"),
    ConflictStatus.CLOSED: N_("Close the issue"),
}
SEVERITY_BADGE = {"low": "", "medium": "blue", "high": "amber", "critical": "red"}
STATUS_BADGE = {"open": "red", "negotiating": "amber", "resolved": "green", "closed": ""}


def _options(cls: type[Any], locale: str) -> list[tuple[str, str]]:
    return [(v.value, translate(locale, LABELS[cls][v.value])) for v in cls]


def values(c: ConflictRead) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "element": c.element.value if c.element else "",
        "severity": c.severity.value,
        "title": c.title,
        "description": c.description or "",
        "opened_on": c.opened_on.isoformat(),
        "user_ids": [str(p.user_id) for p in c.parties if p.user_id],
        "contact_ids": [str(p.contact_id) for p in c.parties if p.contact_id],
    }


def conflicts_tab(
    db: Session, principal: Principal, project_id: int, locale: str
) -> dict[str, Any]:
    rows = service.conflicts(db, principal, project_id)
    return {
        "conflicts": rows,
        "conflict_values": {c.id: values(c) for c in rows},
        "conflict_labels": {
            cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
            for cls in (ConflictKind, ProjectElement, Severity, ConflictStatus)
        },
        "conflict_actions": {s.value: translate(locale, t) for s, t in ACTIONS.items()},
        "severity_badge": SEVERITY_BADGE,
        "conflict_badge": STATUS_BADGE,
        "kind_options": _options(ConflictKind, locale),
        "element_options": [("", "—"), *_options(ProjectElement, locale)],
        "severity_options": _options(Severity, locale),
        "escalation_days": conflict_escalation_days(db, principal.scope),
        "unresolved_count": sum(1 for c in rows if c.escalation_on is not None),
    }
