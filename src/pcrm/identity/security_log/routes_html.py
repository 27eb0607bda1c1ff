"""The security log page, next to the audit log: who signed in or failed to, tokens, refused
writes, newest first, filtered by kind, outcome, user and dates."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from pcrm.core.deps import DB, SessionRoute
from pcrm.core.pages import page_locale
from pcrm.core.templating import render
from pcrm.identity.deps import require
from pcrm.identity.permissions import Permission
from pcrm.identity.principal import Principal
from pcrm.identity.security_log import pages
from pcrm.identity.security_log.vocab import SecurityEventKind, SecurityOutcome

router = APIRouter(route_class=SessionRoute, include_in_schema=False)
Auditor = Annotated[Principal, Depends(require(Permission.VIEW_AUDIT))]
Text = Annotated[str, Query(max_length=40)]
E = TypeVar("E", bound=StrEnum)


def _choice(vocabulary: type[E], value: str) -> E | None:
    """A filter's value from the form; blank or unknown is no filter."""
    return vocabulary(value) if value in vocabulary._value2member_map_ else None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/admin/security")
def security_page(
    request: Request,
    db: DB,
    principal: Auditor,
    kind: Text = "",
    outcome: Text = "",
    user_id: Text = "",
    date_from: Text = "",
    date_to: Text = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    context = pages.security_log(
        db,
        principal,
        page_locale(request),
        kind=_choice(SecurityEventKind, kind),
        outcome=_choice(SecurityOutcome, outcome),
        user_id=int(user_id) if user_id.isdigit() and len(user_id) < 19 else None,
        date_from=_day(date_from),
        date_to=_day(date_to),
        page=page,
    )
    return render(request, "identity/security_log.html", context, fragment="security_table")
