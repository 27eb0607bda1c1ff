"""The customer portal as the project manager sees it on the stakeholders tab: who has
access, and the receipts of what the customer did there."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import translate
from pcrm.identity.public import PORTAL_ROLE_LABELS, PORTAL_STATUS_LABELS, Principal
from pcrm.projects.customer import service
from pcrm.projects.customer.vocab import LABELS, PortalActKind


def portal_card(db: Session, principal: Principal, project_id: int, locale: str) -> dict[str, Any]:
    return {
        "portal_access": service.portal_access(db, principal, project_id),
        "portal_acts": service.acts_of_project(db, principal, project_id),
        "portal_labels": {
            "role": {k: translate(locale, v) for k, v in PORTAL_ROLE_LABELS.items()},
            "status": {k: translate(locale, v) for k, v in PORTAL_STATUS_LABELS.items()},
            "act": {k: translate(locale, v) for k, v in LABELS[PortalActKind].items()},
        },
    }
