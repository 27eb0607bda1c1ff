"""The demo's people-relationship line as planned (`pcrm.demo.plans.relationships`), without a
database."""

from __future__ import annotations

from datetime import date

from pcrm.demo.plans.accounts import build_plan
from pcrm.demo.plans.relationships import build_relationship_plan

# What the demo holds; a change to the plan shows up here first.
EXPECTED = {
    "competitors": 8,
    "profile_entries": 443,
    "influences": 189,
    "dotted_lines": 7,
    "acquaintances": 306,
    "competitor_ties": 55,
}


def test_the_relationship_plan_is_the_same_every_time_and_on_any_day():
    first = build_relationship_plan(build_plan(date(2026, 11, 22)))
    assert first == build_relationship_plan(build_plan(date(2026, 11, 22)))
    assert first == build_relationship_plan(build_plan(date(2027, 3, 6)))  # dates are relative
    sizes = {
        "competitors": len(first.competitors),
        "profile_entries": len(first.profiles),
        "influences": len(first.influences),
        "dotted_lines": len(first.dotted_lines),
        "acquaintances": len(first.acquaintances),
        "competitor_ties": len(first.ties),
    }
    assert sizes == EXPECTED
