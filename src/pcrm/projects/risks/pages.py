"""View-models of the risks: the project page's risks tab (the heat map, a clicked cell's
risks, the register and its forms), the cross-project risk map page and the opportunity's risks
tab. Built from services only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Permission, Principal, active_user_refs
from pcrm.opportunities.public import get_opportunity
from pcrm.projects.projects import service as projects
from pcrm.projects.risks import forms, service
from pcrm.projects.risks.schemas import PortfolioFilter, RiskMap, RiskRead
from pcrm.projects.risks.vocab import (
    LABELS,
    RiskCategory,
    RiskResponse,
    RiskSource,
    RiskStatus,
)
from pcrm.projects.vocab import LABELS as PROJECT_LABELS
from pcrm.projects.vocab import ProjectStatus

NOTICES = {
    "risk-added": N_("The risk was added."),
    "risk-saved": N_("The risk was saved."),
    "risk-removed": N_("The risk was removed."),
}
# The band of a score (probability × impact), for the cell's colour and its legend.
BANDS = (
    (20, "critical", N_("Critical (20–25)")),
    (10, "high", N_("High (10–16)")),
    (5, "medium", N_("Medium (5–9)")),
    (1, "low", N_("Low (1–4)")),
)


def band(score: int) -> str:
    return next(name for floor, name, _ in BANDS if score >= floor)


def _labels(locale: str) -> dict[str, dict[str, str]]:
    return {
        cls.__name__: {k: translate(locale, v) for k, v in LABELS[cls].items()}
        for cls in (RiskCategory, RiskSource, RiskResponse, RiskStatus)
    }


def _grid(
    risk_map: RiskMap, link: str, selected: tuple[int, int] | None
) -> list[list[dict[str, Any]]]:
    """Rows of the grid, probability 5 at the top; each cell with its count, band and link."""
    rows: list[list[dict[str, Any]]] = []
    for n, cell in enumerate(risk_map.cells):
        if n % 5 == 0:
            rows.append([])
        rows[-1].append(
            {
                "p": cell.probability,
                "i": cell.impact,
                "score": cell.score,
                "count": cell.count,
                "band": band(cell.score),
                "href": f"{link}p={cell.probability}&i={cell.impact}#risk-cell",
                "selected": selected == (cell.probability, cell.impact),
            }
        )
    return rows


def _cell(params: Mapping[str, str]) -> tuple[int, int] | None:
    p, i = forms.level(params.get("p")), forms.level(params.get("i"))
    return (p, i) if p is not None and i is not None else None


def _form_choices(locale: str) -> dict[str, Any]:
    return {
        "category_groups": [
            (
                translate(locale, LABELS[RiskSource][s.value]),
                [
                    (c.value, translate(locale, LABELS[RiskCategory][c.value]))
                    for c in RiskCategory
                    if (c in _EXTERNAL) == (s is RiskSource.EXTERNAL)
                ],
            )
            for s in RiskSource
        ],
        "response_options": [
            (r.value, translate(locale, LABELS[RiskResponse][r.value])) for r in RiskResponse
        ],
        "status_options": [
            (s.value, translate(locale, LABELS[RiskStatus][s.value])) for s in RiskStatus
        ],
        "level_options": [(str(n), str(n)) for n in range(1, 6)],
        "bands": [(name, translate(locale, text)) for _, name, text in BANDS],
    }


_EXTERNAL = {
    RiskCategory.MARKET,
    RiskCategory.COMPETITOR,
    RiskCategory.POLICY,
    RiskCategory.CUSTOMER,
}


def values(risk: RiskRead) -> dict[str, str]:
    """What a risk's edit form shows."""
    return {
        "description": risk.description,
        "category": risk.category.value,
        "probability": str(risk.probability),
        "impact": str(risk.impact),
        "response": risk.response.value,
        "actions": risk.actions or "",
        "owner_id": str(risk.owner_id or ""),
        "trigger": risk.trigger or "",
        "review_on": risk.review_on.isoformat() if risk.review_on else "",
        "status": risk.status.value,
    }


def risks_tab(
    db: Session, principal: Principal, project_id: int, locale: str, params: Mapping[str, str]
) -> dict[str, Any]:
    selected = _cell(params)
    register = service.risks(db, principal, project_id)
    risk_map = service.project_map(db, principal, project_id)
    cell_risks = (
        [
            r
            for r in register
            if r.status is RiskStatus.OPEN and (r.probability, r.impact) == selected
        ]
        if selected
        else []
    )
    return {
        "risks": register,
        "risk_grid": _grid(risk_map, f"/projects/{project_id}?tab=risks&", selected),
        "risk_open_count": risk_map.open_count,
        "risk_cell": selected,
        "cell_risks": cell_risks,
        "risk_labels": _labels(locale),
        "risk_values": {r.id: values(r) for r in register},
        "risk_bands": {r.id: band(r.score) for r in register},
        **_form_choices(locale),
    }


def portfolio_page(
    db: Session, principal: Principal, locale: str, params: Mapping[str, str]
) -> dict[str, Any]:
    """The cross-project risk map: projects filtered by status (active and on hold unless
    chosen) and by project manager; a clicked cell lists its risks with their project."""
    chosen = (
        [s for s in ProjectStatus if s.value in params.getlist("status")]
        if hasattr(params, "getlist")
        else []
    )
    statuses = chosen or [ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD]
    manager = params.get("manager_id") or ""
    manager_id = int(manager) if manager.isdigit() else None
    flt = PortfolioFilter(statuses=tuple(statuses), manager_id=manager_id)
    selected = _cell(params)
    kept = urlencode(
        [("status", s.value) for s in statuses] + ([("manager_id", manager)] if manager_id else [])
    )
    risk_map = service.portfolio_map(db, principal, flt)
    return {
        "risk_grid": _grid(risk_map, f"/projects/risks?{kept}&", selected),
        "risk_open_count": risk_map.open_count,
        "risk_cell": selected,
        "cell_risks": service.portfolio_cell(db, principal, flt, *selected) if selected else [],
        "risk_labels": _labels(locale),
        "bands": [(name, translate(locale, text)) for _, name, text in BANDS],
        "status_choices": [
            (s.value, translate(locale, PROJECT_LABELS[ProjectStatus][s.value]))
            for s in ProjectStatus
        ],
        "chosen_statuses": [s.value for s in statuses],
        "manager_id": str(manager_id or ""),
        "manager_options": [
            (str(u.id), u.display(locale)) for u in active_user_refs(db, principal.scope)
        ],
    }


def opportunity_page(
    db: Session, principal: Principal, opportunity_id: int, locale: str
) -> dict[str, Any]:
    """The opportunity's risks tab: its risks (those carried to the project marked) and, until
    the conversion, the forms."""
    opportunity = get_opportunity(db, principal, opportunity_id)
    project = projects.project_of_opportunity(db, principal.scope, opportunity_id)
    register = service.opportunity_risks(db, principal, opportunity_id)
    can_write = project is None and principal.can(Permission.WRITE_OPPORTUNITIES)
    return {
        "opportunity": opportunity,
        "active_tab": "risks",
        "risks": register,
        "project": {"id": project.id, "code": project.code} if project else None,
        "can_write": can_write,
        "failed": None,
        "form": {},
        "errors": {},
        "problem": None,
        "notice": None,
        "risk_labels": _labels(locale),
        "risk_values": {r.id: values(r) for r in register},
        "risk_bands": {r.id: band(r.score) for r in register},
        "user_options": [(str(u.id), u.name) for u in active_user_refs(db, principal.scope)]
        if can_write
        else [],
        **_form_choices(locale),
    }
