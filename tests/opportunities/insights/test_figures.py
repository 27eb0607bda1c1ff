"""The rhythm's arithmetic without the database: the outlook's months and when a month is
likely."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pcrm.opportunities.insights.figures import rhythm_figures
from pcrm.opportunities.insights.repository import ItemFacts, TenderFacts
from pcrm.opportunities.vocab import EvaluationMethod, TenderMethod


def _facts(tender_id, rfp, award=None, contract=None, method="open", evaluation="weighted"):
    return TenderFacts(
        tender_id,
        1,
        TenderMethod(method),
        EvaluationMethod(evaluation),
        rfp,
        award,
        contract,
    )


def test_the_outlook_starts_next_month_and_runs_across_the_year_end():
    # given tenders of March 2023, March 2024 and April 2025 and one announced for March 2027
    facts = [
        _facts(1, date(2023, 3, 10), date(2023, 4, 20)),
        _facts(2, date(2024, 3, 5), date(2024, 4, 4)),
        _facts(3, date(2025, 4, 1), date(2025, 5, 21)),
        _facts(4, date(2027, 3, 1), date(2027, 4, 1)),
    ]
    items = [ItemFacts(1, "价格", Decimal("20"), True), ItemFacts(4, "价格", Decimal("90"), True)]

    # when the rhythm is worked out on 22 November 2026
    figures = rhythm_figures(facts, items, date(2026, 11, 22))

    # then the future RFP and its award do not count as history (its weights do: it has them)
    assert (figures.published_count, figures.years_observed) == (3, 3)
    assert figures.rfp_to_award_days == Decimal("41.0")
    assert figures.price_weight == Decimal("55.0")
    # and the twelve months run from December 2026 to November 2027
    assert [(m.year, m.month, str(m.expected), m.likely) for m in figures.outlook] == [
        (2026, 12, "0.00", False),
        (2027, 1, "0.00", False),
        (2027, 2, "0.00", False),
        (2027, 3, "0.67", True),
        (2027, 4, "0.33", False),
        (2027, 5, "0.00", False),
        (2027, 6, "0.00", False),
        (2027, 7, "0.00", False),
        (2027, 8, "0.00", False),
        (2027, 9, "0.00", False),
        (2027, 10, "0.00", False),
        (2027, 11, "0.00", False),
    ]


def test_a_month_tendered_in_half_the_years_is_likely():
    # given RFPs in June 2022 and June 2023 over four years observed (2022–2025)
    facts = [
        _facts(1, date(2022, 6, 1)),
        _facts(2, date(2023, 6, 1)),
        _facts(3, date(2024, 1, 9)),
        _facts(4, date(2025, 2, 9)),
    ]
    # when worked out in December
    figures = rhythm_figures(facts, [], date(2025, 12, 31))
    # then June's 2/4 = 0.50 is likely, January's and February's 1/4 are not
    assert [(m.month, str(m.expected), m.likely) for m in figures.outlook if m.expected] == [
        (1, "0.25", False),
        (2, "0.25", False),
        (6, "0.50", True),
    ]
    assert figures.rfp_to_award_days is None
    assert figures.rfp_to_award_samples == 0
