"""The arithmetic of a bid: price scores under a tender's rule and the resulting ranking.

Pure functions over plain values, so the bid workspace's "what if we quote ¥X" and the recorded
rounds use the same numbers, and tests can check them by hand; `sheet` puts them together into
the bid sheet.

Price score rules (价格分计算方法), for weighted scoring with a price item of weight W:

- 低价优先法 `lowest_ratio`: benchmark B = the lowest valid quote; score = W × B / quote.
- 平均值法 `average_deviation`: B = the mean of the valid quotes × (1 − discount / 100); a
  quote at B scores W; for each 1 % above B it loses `deduct_above` points, for each 1 % below
  `deduct_below` points; never less than 0.

Under lowest-price evaluation (最低价) there are no scores: the valid quotes rank from the lowest
up. Valid quotes are those of vendors still in the race (not withdrawn or disqualified).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from pcrm.opportunities.tender.schemas import BidSheet, ScoringItemRead, VendorRead, VendorStanding
from pcrm.opportunities.vocab import EvaluationMethod, PriceFormula, VendorStatus

OUT_OF_RACE = (VendorStatus.WITHDREW, VendorStatus.DISQUALIFIED)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class PriceRule:
    formula: PriceFormula
    weight: Decimal
    discount: Decimal = Decimal(0)
    deduct_above: Decimal = Decimal(1)
    deduct_below: Decimal = Decimal("0.5")


class Terms(Protocol):
    """A tender's evaluation terms (a tender row or its schema)."""

    evaluation_method: EvaluationMethod
    price_formula: PriceFormula
    benchmark_discount: Decimal
    deduct_above: Decimal
    deduct_below: Decimal


def rule_of(tender: Terms, price_weight: Decimal | None) -> PriceRule | None:
    """The price rule of a weighted tender with a price item of this weight; None otherwise
    (ranked by the lowest price)."""
    if price_weight is None or tender.evaluation_method is not EvaluationMethod.WEIGHTED:
        return None
    return PriceRule(
        tender.price_formula,
        price_weight,
        tender.benchmark_discount,
        tender.deduct_above,
        tender.deduct_below,
    )


def benchmark(rule: PriceRule, quotes: Sequence[Decimal]) -> Decimal | None:
    if not quotes:
        return None
    if rule.formula is PriceFormula.LOWEST_RATIO:
        return min(quotes)
    mean = sum(quotes, Decimal(0)) / len(quotes)
    return _round(mean * (HUNDRED - rule.discount) / HUNDRED)


def price_score(rule: PriceRule, base: Decimal, quote: Decimal) -> Decimal:
    if rule.formula is PriceFormula.LOWEST_RATIO:
        return _round(rule.weight * base / quote)
    deviation = (quote - base) / base * HUNDRED  # in percent, + above, − below
    lost = deviation * rule.deduct_above if deviation > 0 else -deviation * rule.deduct_below
    return _round(max(Decimal(0), rule.weight - lost))


@dataclass(frozen=True, slots=True)
class Entry:
    """A vendor on the sheet: its latest quote (if any), its estimated non-price points, and
    whether it is still in the race."""

    key: int
    quote: Decimal | None
    non_price: Decimal
    valid: bool


@dataclass(frozen=True, slots=True)
class Standing:
    price_score: Decimal | None
    total: Decimal | None
    rank: int | None


def standings(
    method: EvaluationMethod, rule: PriceRule | None, entries: Sequence[Entry]
) -> tuple[Decimal | None, Mapping[int, Standing]]:
    """The benchmark price and each vendor's price score, total and rank (1 is best; ties share
    a rank). Vendors without a quote or out of the race are not ranked."""
    valid = [e for e in entries if e.valid and e.quote is not None]
    quotes = [e.quote for e in valid if e.quote is not None]
    result: dict[int, Standing] = {}
    if method is EvaluationMethod.LOWEST_PRICE or rule is None:
        ordered = sorted(set(quotes))
        for e in entries:
            ranked = e.valid and e.quote is not None
            rank = ordered.index(e.quote) + 1 if ranked and e.quote is not None else None
            result[e.key] = Standing(None, None, rank)
        return (min(quotes) if quotes else None), result
    base = benchmark(rule, quotes)
    totals: dict[int, Decimal] = {}
    for e in entries:
        if e.quote is None or base is None:
            result[e.key] = Standing(None, None, None)
            continue
        score = price_score(rule, base, e.quote)
        total = _round(e.non_price + score)
        if e.valid:
            totals[e.key] = total
        result[e.key] = Standing(score, total, None)
    ordered_totals = sorted(set(totals.values()), reverse=True)
    for key, total in totals.items():
        current = result[key]
        result[key] = Standing(current.price_score, current.total, ordered_totals.index(total) + 1)
    return base, result


def sheet(
    method: EvaluationMethod,
    rule: PriceRule | None,
    items: list[ScoringItemRead],
    vendors: Sequence[VendorRead],
    scores: Mapping[int, dict[int, Decimal]],
    latest: Mapping[int, Decimal],
    try_price: Decimal | None = None,
) -> BidSheet:
    """The bid sheet of these vendors: each one's estimated scores (per scoring item id), its
    latest quote, price score, total and rank under `rule` (None: lowest price). With
    `try_price`, our latest quote is replaced by it."""
    entries = [
        Entry(
            v.id,
            try_price if try_price is not None and v.is_us else latest.get(v.id),
            sum(scores[v.id].values(), Decimal(0)),
            v.status not in OUT_OF_RACE,
        )
        for v in vendors
    ]
    base, standing = standings(method, rule, entries)
    by_id = {v.id: v for v in vendors}
    return BidSheet(
        evaluation_method=method,
        price_formula=rule.formula if rule else PriceFormula.LOWEST_RATIO,
        price_weight=rule.weight if rule else None,
        benchmark=base,
        items=items,
        vendors=[
            VendorStanding(
                vendor_id=e.key,
                name=by_id[e.key].name,
                is_us=by_id[e.key].is_us,
                status=by_id[e.key].status,
                quote=e.quote,
                scores=scores[e.key],
                non_price_score=e.non_price,
                price_score=standing[e.key].price_score,
                total=standing[e.key].total,
                rank=standing[e.key].rank,
            )
            for e in entries
        ],
        tried_price=try_price,
    )
