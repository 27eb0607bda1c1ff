"""Which SMART letters a goal misses (pure rules, no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from pcrm.projects.goals.smart import GoalShape, missing_letters

SMART = GoalShape(
    statement="核心业务全部上线",
    owner_id=1,
    metric="上线流程数",
    target_value=Decimal(12),
    achievable_confirmed_at=datetime(2026, 12, 1, tzinfo=UTC),
    requirement_id=7,
    stakeholder_id=None,
    deadline=date(2027, 6, 30),
)


def test_a_goal_with_everything_misses_no_letter():
    assert missing_letters(SMART) == []


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"owner_id": None}, ["S"]),
        ({"statement": ""}, ["S"]),
        ({"metric": None}, ["M"]),
        ({"target_value": None}, ["M"]),
        ({"achievable_confirmed_at": None}, ["A"]),
        ({"requirement_id": None}, ["R"]),
        ({"deadline": None}, ["T"]),
        ({"requirement_id": None, "stakeholder_id": 3}, []),
        ({"target_value": Decimal(0)}, []),
    ],
)
def test_each_letter_is_missed_by_exactly_its_own_gap(change, missing):
    assert missing_letters(replace(SMART, **change)) == missing


def test_a_bare_statement_misses_every_letter_but_none_twice():
    bare = GoalShape("提升满意度", None, None, None, None, None, None, None)
    assert missing_letters(bare) == ["S", "M", "A", "R", "T"]
