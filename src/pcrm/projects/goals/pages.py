"""View-model of the project page's goals tab (项目目标): the goals with their SMART letters and
the choices of the add and edit forms. Built from services only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from pcrm.core.i18n import N_, translate
from pcrm.identity.public import Principal
from pcrm.projects.goals import service
from pcrm.projects.goals.schemas import GoalRead
from pcrm.projects.goals.vocab import LABELS, GoalKind, SmartLetter
from pcrm.projects.requirements import service as requirements
from pcrm.projects.stakeholders import service as stakeholders

NOTICES = {
    "goal-added": N_("The goal was added."),
    "goal-saved": N_("The goal was saved."),
    "goal-confirmed": N_("The goal was recorded as confirmed achievable."),
    "goal-unconfirmed": N_("The confirmation was withdrawn."),
    "goal-removed": N_("The goal was removed."),
}
LETTER_NAMES = {
    SmartLetter.S: N_("Specific"),
    SmartLetter.M: N_("Measurable"),
    SmartLetter.A: N_("Achievable"),
    SmartLetter.R: N_("Relevant"),
    SmartLetter.T: N_("Time-bound"),
}


def goals_tab(db: Session, principal: Principal, project_id: int, locale: str) -> dict[str, Any]:
    goals = service.goals(db, principal, project_id)
    return {
        "goals": goals,
        "goal_kinds": {k.value: translate(locale, LABELS[GoalKind][k.value]) for k in GoalKind},
        "kind_options": [(k.value, translate(locale, LABELS[GoalKind][k.value])) for k in GoalKind],
        "letters": [
            {
                "letter": letter.value,
                "name": translate(locale, LETTER_NAMES[letter]),
                "rule": translate(locale, LABELS[SmartLetter][letter.value]),
            }
            for letter in SmartLetter
        ],
        "goal_values": {g.id: _values(g) for g in goals},
        "smart_count": sum(1 for g in goals if not g.missing),
        "requirement_options": [
            (str(r.id), f"R-{r.number:03d} {r.title}")
            for r in requirements.list_requirements(db, principal, project_id)
        ],
        "stakeholder_options": [
            (str(s.id), s.contact_name) for s in stakeholders.register(db, principal, project_id)
        ],
    }


def _plain(value: Decimal | None) -> str:
    """A number as an input shows it: 5000, not 5000.0000."""
    return "" if value is None else format(value.normalize(), "f")


def _values(goal: GoalRead) -> dict[str, str]:
    """What the goal's edit form shows."""
    return {
        "kind": goal.kind.value,
        "statement": goal.statement,
        "metric": goal.metric or "",
        "target_value": _plain(goal.target_value),
        "unit": goal.unit or "",
        "current_value": _plain(goal.current_value),
        "deadline": goal.deadline.isoformat() if goal.deadline else "",
        "owner_id": str(goal.owner_id or ""),
        "requirement_id": str(goal.requirement_id or ""),
        "stakeholder_id": str(goal.stakeholder_id or ""),
    }
