"""ETags from the optimistic-locking version column, and `If-Match` parsing."""

from __future__ import annotations

import re

from pcrm.core.errors import StaleVersion
from pcrm.core.i18n import N_

_TAG = re.compile(r'^(?:W/)?"v(\d+)"$')


def etag(version: int) -> str:
    return f'"v{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version an `If-Match` header names; None when absent or `*` (no precondition)."""
    if if_match is None or if_match.strip() == "*":
        return None
    for candidate in if_match.split(","):
        match = _TAG.match(candidate.strip())
        if match:
            return int(match.group(1))
    raise StaleVersion(N_("This record was changed by someone else. Reload and try again."))


def check_version(current: int, expected: int | None) -> None:
    """Optimistic locking: refuse to apply an edit made to an older version of the record."""
    if expected is not None and expected != current:
        raise StaleVersion(N_("This record was changed by someone else. Reload and try again."))
