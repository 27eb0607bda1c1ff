"""ETags from the optimistic-locking version column, and `If-Match` parsing."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Header, Response

from pcrm.core.errors import PreconditionRequired, StaleVersion
from pcrm.core.i18n import N_

_TAG = re.compile(r'^(?:W/)?"v(\d+)"$')
# One ETag, a comma-separated list of them, or `*`: what RFC 9110 lets `If-Match` carry, with
# PCRM's tags ("v3"). Anything else is refused as a bad header (422) before the handler runs.
IF_MATCH_PATTERN = r'^\s*(\*|(W/)?"v[0-9]{1,18}"(\s*,\s*(W/)?"v[0-9]{1,18}")*)\s*$'
STALE = N_("This record was changed by someone else. Reload and try again.")
REQUIRED = N_(
    "Send the ETag of the version you edited in the If-Match header (read the record first)."
)

IfMatch = Annotated[
    str | None,
    Header(
        description='The ETag of the version being edited, from a previous read, e.g. "v3". '
        "Required: without it the edit is refused with 428; `*` edits whatever version is "
        "current.",
        pattern=IF_MATCH_PATTERN,
    ),
]
# For a PUT that creates the record when there is none (an opportunity's tender): the first
# PUT needs no ETag, replacing an existing record does (428 without it).
ON_REPLACE = "Required when the record exists"
IfMatchOnReplace = Annotated[
    str | None,
    Header(
        description=f'{ON_REPLACE} (the PUT replaces it): its ETag, e.g. "v3". The first PUT '
        "creates the record without one.",
        pattern=IF_MATCH_PATTERN,
    ),
]


def etag(version: int) -> str:
    return f'"v{version}"'


def tag(response: Response, version: int, location: str | None = None) -> None:
    """Give a response the record's `ETag` (and, for a create, its `Location`)."""
    response.headers["ETag"] = etag(version)
    if location:
        response.headers["Location"] = location


class _Missing(int):
    """The version of an edit sent without `If-Match`."""


# Not a version any record has (they start at 1): the service refuses it with 428 when it
# checks the version, after its own checks of the right and of the record (403, 404 first).
MISSING = _Missing(0)


def expected_version(if_match: str | None) -> int | None:
    """The version an `If-Match` header names; None for `*` (whatever is current); MISSING
    without the header, which `check_version` refuses: a client that did not read the record
    must not overwrite it."""
    if if_match is None or not if_match.strip():
        return MISSING
    if if_match.strip() == "*":
        return None
    for candidate in if_match.split(","):
        match = _TAG.match(candidate.strip())
        if match:
            return int(match.group(1))
    raise StaleVersion(STALE)


def check_version(current: int, expected: int | None) -> None:
    """Optimistic locking: refuse to apply an edit made to an older version of the record
    (412), or one that named no version at all (428)."""
    if expected is MISSING:
        raise PreconditionRequired(REQUIRED)
    if expected is not None and expected != current:
        raise StaleVersion(STALE)


def stale_version() -> StaleVersion:
    """The 412 of an edit whose `UPDATE ... WHERE version = :old` matched no row: another
    request changed the record between our version check and our flush (SQLAlchemy's
    `StaleDataError`)."""
    return StaleVersion(STALE)
