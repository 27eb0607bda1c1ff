"""The demo's bids as planned (`pcrm.demo.plans.bids`): every decided bid ranks its winner
first under the tender's rule and agrees with its win/loss review."""

from __future__ import annotations

from decimal import Decimal

from pcrm.demo.plans.opportunities import OpportunityPlan
from pcrm.opportunities.tender import pricing
from pcrm.opportunities.vocab import Outcome, ReviewReason
from tests.demo.plans.test_opportunities import CLOSED, the_plan


def _last_quotes(o: OpportunityPlan) -> dict[str | None, Decimal]:
    last: dict[str | None, Decimal] = {}
    for r in o.rounds:
        for competitor, amount, _source in r.quotes:
            last[competitor] = amount
    return last


def test_every_decided_bid_ranks_its_winner_first_and_agrees_with_its_review():
    checked = 0
    for o in the_plan().opportunities:
        if o.stage in CLOSED:
            assert o.review is not None, o.key
        if o.outcome is Outcome.LOST:
            assert o.review is not None
            assert o.review.winner is not None, o.key
        if o.tender is None or o.outcome not in (Outcome.WON, Outcome.LOST) or not o.rounds:
            continue
        last = _last_quotes(o)
        budget = o.budget
        assert all(amount <= budget for r in o.rounds for _c, amount, _s in r.quotes), o.key
        if len(last) < 2:  # single source: nobody to rank against
            continue
        names = list(last)
        sheet = o.tender.sheet
        scores = {v.competitor: sum(v.scores, Decimal(0)) for v in o.vendors}
        rule = (
            pricing.PriceRule(
                sheet.formula,
                Decimal(sheet.price_weight),
                sheet.discount,
                sheet.deduct_above,
                sheet.deduct_below,
            )
            if sheet is not None
            else None
        )
        _base, standing = pricing.standings(
            o.tender.evaluation,
            rule,
            [pricing.Entry(i, last[n], scores[n], True) for i, n in enumerate(names)],
        )
        first = [names[i] for i, s in standing.items() if s.rank == 1]
        if o.key == "sd_hsg:0":  # the story: the third price score of four, 18 % above the winner
            prices = sorted((s.price_score or 0, names[i]) for i, s in standing.items())
            assert [name for _score, name in reversed(prices)].index(None) == 2
            assert round((last[None] - last["华数智通"]) / last[None], 2) == Decimal("0.18")
        winner = None if o.outcome is Outcome.WON else o.review.winner  # type: ignore[union-attr]
        assert first == [winner], (o.key, first, winner)
        if o.outcome is Outcome.WON:
            assert o.awarded == last[None], o.key
        else:
            assert o.review is not None
            assert o.review.winning_price == last[winner]
            if ReviewReason.PRICE in o.review.reasons:  # lost on price: they quoted less
                assert last[winner] < last[None], o.key
        checked += 1
    assert checked == 113
