"""Which SMART letters a goal misses (no queries here; docs/projects.md states the rules):

- S (具体 specific): a statement, and an owner who answers for it;
- M (可衡量 measurable): a metric and a target value;
- A (可实现 achievable): confirmed achievable (who and when recorded);
- R (相关 relevant): linked to a requirement or a stakeholder of the project;
- T (有时限 time-bound): a deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from pcrm.projects.goals.vocab import SmartLetter


@dataclass(frozen=True, slots=True)
class GoalShape:
    statement: str | None
    owner_id: int | None
    metric: str | None
    target_value: Decimal | None
    achievable_confirmed_at: datetime | None
    requirement_id: int | None
    stakeholder_id: int | None
    deadline: date | None


def missing_letters(goal: GoalShape) -> list[SmartLetter]:
    """The letters the goal does not meet, in S, M, A, R, T order; empty when SMART."""
    met = {
        SmartLetter.S: bool(goal.statement) and goal.owner_id is not None,
        SmartLetter.M: bool(goal.metric) and goal.target_value is not None,
        SmartLetter.A: goal.achievable_confirmed_at is not None,
        SmartLetter.R: goal.requirement_id is not None or goal.stakeholder_id is not None,
        SmartLetter.T: goal.deadline is not None,
    }
    return [letter for letter in SmartLetter if not met[letter]]
