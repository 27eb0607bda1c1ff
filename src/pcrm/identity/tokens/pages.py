"""View-model of one's API tokens page."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors
from pcrm.identity.principal import Principal
from pcrm.identity.tokens import service


def tokens(
    db: Session,
    principal: Principal,
    *,
    notice: str | None = None,
    name: str = "",
    errors: FormErrors | None = None,
    new_token: str | None = None,
) -> dict[str, Any]:
    """One's tokens, newest first, with the form to make one (its messages when sent back, or
    the secret of the token just made, shown this once)."""
    return {
        "tokens": service.list_api_tokens(db, principal),
        "errors": errors or {},
        "new_token": new_token,
        "form": {"name": name},
        "notice": notice,
    }
