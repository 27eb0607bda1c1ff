"""The demo's opportunities and tenders as planned (`pcrm.demo.plans.opportunities`), without a
database: the same on any day, and a history that stays in the past."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from pcrm.demo.plans.accounts import build_plan
from pcrm.demo.plans.opportunities import OpportunitiesPlan, build_opportunity_plan, schedule
from pcrm.demo.plans.relationships import build_relationship_plan
from pcrm.opportunities.vocab import ProjectType, Stage

# What the demo holds; a change to the plan shows up here first.
EXPECTED = {
    "opportunities": 186,
    "team": 474,
    "relations": 30,
    "tenders": 161,
    "scoring_items": 602,
    "vendors": 410,
    "vendor_scores": 1038,
    "quote_rounds": 174,
    "quotes": 431,
    "chain": 471,
    "reviews": 143,
}
STAGES = {
    "lost": 73,
    "delivered": 44,
    "potential": 27,
    "bidding": 16,
    "abandoned": 14,
    "execution": 12,
}
CLOSED = (Stage.EXECUTION, Stage.DELIVERED, Stage.LOST, Stage.ABANDONED)
DAY = date(2026, 11, 22)


def the_plan(today: date = DAY) -> OpportunitiesPlan:
    accounts = build_plan(today)
    return build_opportunity_plan(accounts, build_relationship_plan(accounts))


def sizes(plan: OpportunitiesPlan) -> dict[str, int]:
    o = plan.opportunities
    return {
        "opportunities": len(o),
        "team": sum(len(x.team) for x in o),
        "relations": sum(1 for x in o if x.earlier),
        "tenders": sum(1 for x in o if x.tender),
        "scoring_items": sum(
            len(x.tender.sheet.items) + sum(len(i.sub_items) for i in x.tender.sheet.items)
            for x in o
            if x.tender and x.tender.sheet
        ),
        "vendors": sum(len(x.vendors) for x in o),
        "vendor_scores": sum(len(v.scores) for x in o for v in x.vendors),
        "quote_rounds": sum(len(x.rounds) for x in o),
        "quotes": sum(len(r.quotes) for x in o for r in x.rounds),
        "chain": sum(len(x.chain) for x in o),
        "reviews": sum(1 for x in o if x.review),
    }


def test_the_opportunity_plan_is_the_same_every_time_and_on_any_day():
    first = the_plan()
    assert first == the_plan()
    assert first == the_plan(date(2027, 3, 6))  # dates are relative: see `schedule`
    assert sizes(first) == EXPECTED
    assert Counter(o.stage.value for o in first.opportunities) == STAGES


def test_the_history_is_in_the_past_and_in_order_on_every_day_of_the_year():
    plan = the_plan()
    by_key = {o.key: o for o in plan.opportunities}
    days = [date(2026, 1, 3) + timedelta(days=step) for step in range(0, 730, 17)]
    edges = [date(2026, 7, 19), date(2026, 7, 20), date(2027, 1, 1), date(2027, 12, 31)]
    for today in days + edges:  # two years: every month, every weekday, the year's turns
        when = schedule(plan, today)
        for o in plan.opportunities:
            dates = when[o.key]
            if o.stage in CLOSED:
                assert dates.closed_on is not None, o.key
                assert dates.start <= dates.closed_on < today, (o.key, today)
                assert all(dates.start + timedelta(days=r.day) <= today for r in o.rounds)
            else:
                assert dates.closed_on is None, o.key
                assert dates.expected_close_on > today, (o.key, today)
                assert all(dates.start + timedelta(days=r.day) <= today for r in o.rounds)
            if o.stage is Stage.DELIVERED:
                assert dates.delivered_on is not None, o.key
                assert dates.delivered_on < today, (o.key, today)
            if o.earlier is not None:  # the later one starts after the earlier one closed
                earlier = when[o.earlier[0]]
                assert earlier.closed_on is not None, o.key
                assert earlier.closed_on < dates.start, (o.key, today)
                operations = o.project_type is ProjectType.OPERATIONS
                if operations and by_key[o.earlier[0]].stage is Stage.DELIVERED:
                    assert earlier.delivered_on is not None
                    assert earlier.delivered_on < dates.start, (o.key, today)
