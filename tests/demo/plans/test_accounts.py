"""The demo's customer base as planned (`pcrm.demo.plans.accounts`), without a database."""

from __future__ import annotations

from datetime import date

from pcrm.demo.plans.accounts import build_plan


def test_the_plan_is_the_same_every_time():
    first, second = build_plan(date(2026, 11, 22)), build_plan(date(2026, 11, 22))
    assert first == second
    assert (len(first.accounts), len(first.contacts), len(first.activities)) == (60, 400, 1500)
