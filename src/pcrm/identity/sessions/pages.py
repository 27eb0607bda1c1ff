"""View-model of the sign-in page."""

from __future__ import annotations

from typing import Any


def login(
    next_url: str, *, email: str = "", error: str | None = None, notice: str | None = None
) -> dict[str, Any]:
    """The sign-in form, going on to `next_url` (a path on this site) once signed in."""
    return {"next": next_url, "email": email, "error": error, "notice": notice}
