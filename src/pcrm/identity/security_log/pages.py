"""View-model of the security log page."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.core.pagination import PageRequest
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import service
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome
from pcrm.identity.users.service import active_user_refs, user_refs

KIND_LABELS: dict[SecurityEventKind, str] = {
    SecurityEventKind.SIGN_IN: N_("Sign-in"),
    SecurityEventKind.SIGN_OUT: N_("Sign-out"),
    SecurityEventKind.SESSION_EXPIRED: N_("Ended session used"),
    SecurityEventKind.SESSIONS_REVOKED: N_("Sessions ended"),
    SecurityEventKind.TOKEN_CREATED: N_("API token created"),
    SecurityEventKind.TOKEN_FIRST_USED: N_("API token first used"),
    SecurityEventKind.TOKEN_REVOKED: N_("API token revoked"),
    SecurityEventKind.TOKEN_REFUSED: N_("API token refused"),
    SecurityEventKind.WRITE_REFUSED: N_("Write refused"),
    SecurityEventKind.EXPORT: N_("Export"),
}
OUTCOME_LABELS: dict[SecurityOutcome, str] = {
    SecurityOutcome.SUCCESS: N_("Succeeded"),
    SecurityOutcome.FAILURE: N_("Failed"),
}
DETAIL_LABELS: dict[str, str] = {
    "throttled": N_("too many attempts, asked to wait"),
    "unknown e-mail": N_("unknown e-mail address"),
    "wrong password": N_("wrong password"),
    "deactivated": N_("user deactivated"),
    "user deactivated": N_("user deactivated"),
    "revoked": N_("revoked"),
    "expired": N_("expired"),
    "idle": N_("idle too long"),
    "unknown": N_("unknown token"),
    "scope": N_("outside the token's scopes"),
}


def security_log(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    kind: SecurityEventKind | None,
    outcome: SecurityOutcome | None,
    user_id: int | None,
    date_from: date | None,
    date_to: date | None,
    page: int,
) -> dict[str, Any]:
    """A page of the workspace's security events with the filters chosen."""
    events = service.list_events(
        db,
        principal,
        PageRequest.checked(page, 50),
        kind=kind,
        outcome=outcome,
        user_id=user_id,
        date_from=date_from,
        date_to=date_to,
    )
    zone = ZoneInfo(principal.timezone)
    ids = {e.user_id for e in events.items if e.user_id is not None}
    if user_id is not None:
        ids.add(user_id)
    names = {uid: ref.display(locale) for uid, ref in user_refs(db, principal.scope, ids).items()}
    rows = [
        {
            "day": e.occurred_at.astimezone(zone).strftime("%Y-%m-%d"),
            "time": e.occurred_at.astimezone(zone).strftime("%H:%M:%S"),
            "kind": translate(locale, KIND_LABELS[e.kind]),
            "ok": e.outcome == SecurityOutcome.SUCCESS,
            "outcome": translate(locale, OUTCOME_LABELS[e.outcome]),
            "who": names.get(e.user_id, e.email or "") if e.user_id else (e.email or ""),
            "email": e.email or "",
            "ip": e.ip or "",
            "user_agent": e.user_agent or "",
            "detail": translate(locale, DETAIL_LABELS[e.detail])
            if e.detail in DETAIL_LABELS
            else (e.detail or ""),
        }
        for e in events.items
    ]
    filters = {
        "kind": kind.value if kind else "",
        "outcome": outcome.value if outcome else "",
        "user_id": str(user_id) if user_id else "",
        "date_from": date_from.isoformat() if date_from else "",
        "date_to": date_to.isoformat() if date_to else "",
    }
    chosen = {k: v for k, v in filters.items() if v}
    return {
        "events": events,
        "rows": rows,
        "filters": filters,
        "kind_options": [(k.value, translate(locale, label)) for k, label in KIND_LABELS.items()],
        "outcome_options": [
            (o.value, translate(locale, label)) for o, label in OUTCOME_LABELS.items()
        ],
        "user_options": sorted(
            (
                {ref.id: ref.display(locale) for ref in active_user_refs(db, principal.scope)}
                | names
            ).items(),
            key=lambda item: item[1],
        ),
        "base_url": "/admin/security?" + (urlencode(chosen) + "&" if chosen else ""),
    }
