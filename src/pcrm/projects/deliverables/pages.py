"""View-model of the project page's deliverables tab (交付物): each deliverable's status, its
delivery and the customer's last decision, its quality standards and inspections, and the forms
of the steps it allows now. Built from services only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal
from pcrm.projects.deliverables import service
from pcrm.projects.deliverables.schemas import StandardRead
from pcrm.projects.deliverables.vocab import (
    LABELS,
    Comparison,
    DeliverableStatus,
    Outcome,
    QualityGroup,
    QualityKind,
    group_of,
)
from pcrm.projects.plan import service as plan
from pcrm.projects.requirements import service as requirements
from pcrm.projects.stakeholders import service as stakeholders

NOTICES = {
    "deliverable-delivered": N_("The delivery was recorded."),
    "deliverable-inspected": N_("The inspection was recorded."),
    "deliverable-inspection-failed": N_(
        "The inspection failed: an issue was opened in the issues and conflicts register."
    ),
    "deliverable-decided": N_("The customer's decision was recorded."),
    "standard-added": N_("The quality standard was added."),
    "standard-saved": N_("The quality standard was saved."),
    "standard-removed": N_("The quality standard was removed."),
}
TOO_LARGE = N_("The file is larger than allowed: nothing was recorded.")
STATUS_BADGE = {
    "planned": "",
    "delivered": "blue",
    "in_inspection": "amber",
    "accepted": "green",
    "rejected": "red",
    "waived": "",
}
# What each outcome of the decision form says.
OUTCOME_TEXT = {
    Outcome.ACCEPTED: N_("Accepted by the customer"),
    Outcome.REJECTED: N_("Rejected, with findings"),
    Outcome.WAIVED: N_("Waived by the customer"),
}


def _labels(locale: str) -> dict[str, dict[str, str]]:
    return {
        cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
        for cls in (DeliverableStatus, QualityKind, QualityGroup, Comparison)
    }


def standard_values(s: StandardRead) -> dict[str, str]:
    return {
        "kind": s.kind.value,
        "metric": s.metric,
        "target_value": f"{s.target_value.normalize():f}",
        "unit": s.unit or "",
        "comparison": s.comparison.value,
    }


def deliverables_tab(
    db: Session,
    principal: Principal,
    project_id: int,
    locale: str,
    writable: bool,
    params: Mapping[str, str],
) -> dict[str, Any]:
    rows = service.deliverables(db, principal, project_id)
    milestones = {t.id: t.name for t in plan.tasks(db, principal, project_id) if t.is_milestone}
    numbered = {
        r.id: f"R-{r.number:03d} {r.title}"
        for r in requirements.list_requirements(db, principal, project_id)
    }
    register = stakeholders.register(db, principal, project_id) if writable else []
    kinds = [
        (
            translate(locale, LABELS[QualityGroup][g.value]),
            [
                (k.value, translate(locale, LABELS[QualityKind][k.value]))
                for k in QualityKind
                if group_of(k) is g
            ],
        )
        for g in QualityGroup
    ]
    return {
        "deliverables": rows,
        "milestone_names": milestones,
        "requirement_names": numbered,
        "deliverable_labels": _labels(locale),
        "deliverable_badge": STATUS_BADGE,
        "outcome_text": {o.value: translate(locale, t) for o, t in OUTCOME_TEXT.items()},
        "standard_values": {s.id: standard_values(s) for d in rows for s in d.standards},
        "quality_kind_groups": kinds,
        "comparison_options": [
            (c.value, translate(locale, LABELS[Comparison][c.value])) for c in Comparison
        ],
        "approver_options": [(str(s.id), s.contact_name) for s in register if s.is_approver],
        "refused": None,
        "upload_problem": translate(locale, TOO_LARGE)
        if params.get("error") == "too_large"
        else None,
        "unsettled_count": sum(
            1
            for d in rows
            if d.status not in (DeliverableStatus.ACCEPTED, DeliverableStatus.WAIVED)
        ),
    }
