"""ETags from the optimistic-locking version column, and `If-Match` parsing."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Header, Response

from pcrm.core.errors import StaleVersion
from pcrm.core.i18n import N_

_TAG = re.compile(r'^(?:W/)?"v(\d+)"$')
STALE = N_("This record was changed by someone else. Reload and try again.")


IfMatch = Annotated[str | None, Header(description='ETag from a previous read, e.g. "v3"')]


def etag(version: int) -> str:
    return f'"v{version}"'


def tag(response: Response, version: int, location: str | None = None) -> None:
    """Give a response the record's `ETag` (and, for a create, its `Location`)."""
    response.headers["ETag"] = etag(version)
    if location:
        response.headers["Location"] = location


def expected_version(if_match: str | None) -> int | None:
    """The version an `If-Match` header names; None when absent or `*` (no precondition)."""
    if if_match is None or if_match.strip() == "*":
        return None
    for candidate in if_match.split(","):
        match = _TAG.match(candidate.strip())
        if match:
            return int(match.group(1))
    raise StaleVersion(STALE)


def check_version(current: int, expected: int | None) -> None:
    """Optimistic locking: refuse to apply an edit made to an older version of the record."""
    if expected is not None and expected != current:
        raise StaleVersion(STALE)


def stale_version() -> StaleVersion:
    """The 412 of an edit whose `UPDATE ... WHERE version = :old` matched no row: another
    request changed the record between our version check and our flush (SQLAlchemy's
    `StaleDataError`)."""
    return StaleVersion(STALE)
