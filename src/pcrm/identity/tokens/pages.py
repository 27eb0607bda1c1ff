"""View-model of one's API tokens page."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors
from pcrm.identity.principal import Principal
from pcrm.identity.tokens import scopes as token_scopes
from pcrm.identity.tokens import service


def tokens(
    db: Session,
    principal: Principal,
    *,
    notice: str | None = None,
    name: str = "",
    errors: FormErrors | None = None,
    new_token: str | None = None,
    scopes: list[str] | None = None,
    expires_in_days: str = "",
    max_days: int | None = None,
) -> dict[str, Any]:
    """One's tokens, newest first, with the form to make one (its messages when sent back, or
    the secret of the token just made, shown this once). A new token reads everything unless
    told otherwise."""
    chosen = set(scopes if scopes is not None else [token_scopes.READ])
    return {
        "tokens": service.list_api_tokens(db, principal),
        "errors": errors or {},
        "new_token": new_token,
        "form": {"name": name, "expires_in_days": expires_in_days},
        "notice": notice,
        "max_days": max_days,
        "everything": [(s, s in chosen) for s in (token_scopes.READ, token_scopes.WRITE)],
        "areas": [
            (area, [(f"{area}:{a}", f"{area}:{a}" in chosen) for a in ("read", "write")])
            for area in token_scopes.areas()
        ],
    }
