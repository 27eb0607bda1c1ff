"""View-model of the project page's meetings tab (会议). Built from services only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal
from pcrm.projects.changes.service import changes_by_meeting
from pcrm.projects.meetings import service
from pcrm.projects.meetings.schemas import MeetingRead
from pcrm.projects.meetings.vocab import LABELS, MeetingKind

NOTICES = {
    "meeting-added": N_("The meeting was added."),
    "meeting-saved": N_("The meeting was saved."),
    "meeting-next": N_("The next meeting was created."),
    "meeting-removed": N_("The meeting was removed."),
    "action-added": N_("The action item was added; its owner will be reminded."),
    "action-saved": N_("The action item was saved."),
    "action-removed": N_("The action item was removed."),
}


def values(m: MeetingRead) -> dict[str, Any]:
    return {
        "kind": m.kind.value,
        "title": m.title,
        "held_on": m.held_on.isoformat(),
        "starts_at": m.starts_at or "",
        "duration_minutes": str(m.duration_minutes or ""),
        "location": m.location or "",
        "cadence_days": str(m.cadence_days or ""),
        "agenda": m.agenda or "",
        "minutes": m.minutes or "",
        "decisions": m.decisions or "",
        "user_ids": [str(a.user_id) for a in m.attendees if a.user_id],
        "contact_ids": [str(a.contact_id) for a in m.attendees if a.contact_id],
    }


def meetings_tab(db: Session, principal: Principal, project_id: int, locale: str) -> dict[str, Any]:
    rows = service.meetings(db, principal, project_id)
    kinds = {k.value: translate(locale, LABELS[MeetingKind][k.value]) for k in MeetingKind}
    return {
        "meetings": rows,
        "meeting_values": {m.id: values(m) for m in rows},
        "meeting_kinds": kinds,
        "meeting_kind_options": list(kinds.items()),
        "open_actions": sum(1 for m in rows for a in m.actions if a.done_on is None),
        "meeting_changes": changes_by_meeting(db, principal, project_id) if rows else {},
    }
