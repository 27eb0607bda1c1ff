"""View-model of the workspace settings page."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.forms import FormErrors
from pcrm.core.i18n import currency_name
from pcrm.identity.audit import service as audit
from pcrm.identity.principal import Principal
from pcrm.identity.workspaces import service

CURRENCIES = ("CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD")


def workspace(
    db: Session,
    principal: Principal,
    locale: str,
    *,
    notice: str | None = None,
    form: dict[str, Any] | None = None,
    errors: FormErrors | None = None,
) -> dict[str, Any]:
    """The workspace's settings form (the posted values when sent back) and its history."""
    found = service.workspace_of(db, principal)
    history = audit.record_history(db, principal, "workspace", found.id)
    return {
        "workspace": found,
        "errors": errors or {},
        "form": form,
        "notice": notice,
        "currencies": [(code, f"{code} · {currency_name(code, locale)}") for code in CURRENCIES],
        "history": audit.history_view(db, principal, history, locale),
    }
