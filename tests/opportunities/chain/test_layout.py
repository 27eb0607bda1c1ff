"""The decision-chain chart's layered layout (chain/layout.py): every person inside the drawing
box, apart from each other, bosses above their reports, our people on top and competitors at
the bottom, for chains of 1, 5 and 30 people."""

from __future__ import annotations

import math

import pytest

from pcrm.opportunities.chain.layout import NARROW_COLUMNS, WIDE_COLUMNS, chain_layout


def _chain(size: int) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """`size` customer people in a tree (c0 the boss, each next one reporting to the one at
    half its index), one of our people knowing c0 and one competitor close to the last one."""
    nodes = [(f"c{i}", "contact") for i in range(size)]
    edges = [(f"c{i}", f"c{(i - 1) // 2}", "reports_to") for i in range(1, size)]
    nodes += [("u1", "user"), ("k1", "competitor")]
    edges += [("u1", "c0", "acquaintance"), ("k1", f"c{size - 1}", "competitor_tie")]
    return nodes, edges


@pytest.mark.parametrize("size", [1, 5, 30])
@pytest.mark.parametrize("columns", [WIDE_COLUMNS, NARROW_COLUMNS])
def test_every_person_is_placed_inside_the_box_and_apart(size: int, columns: int) -> None:
    nodes, edges = _chain(size)

    layout = chain_layout(nodes, edges, columns)

    assert set(layout.positions) == {node for node, _ in nodes}
    for x, y in layout.positions.values():
        assert 0 < x < 1
        assert 0 <= y <= 1
    points = list(layout.positions.values())
    # In units of one column and one row: no two people share a cell.
    gaps = [
        math.hypot((a[0] - b[0]) * columns, (a[1] - b[1]) * max(layout.rows - 1, 1))
        for i, a in enumerate(points)
        for b in points[i + 1 :]
    ]
    assert min(gaps) >= 1 - 1e-9
    rows: dict[float, int] = {}
    for _, y in points:
        rows[y] = rows.get(y, 0) + 1
    assert max(rows.values()) <= columns
    assert len(rows) == layout.rows


def test_our_people_on_top_bosses_above_reports_and_competitors_at_the_bottom() -> None:
    nodes, edges = _chain(5)

    at = chain_layout(nodes, edges).positions

    assert at["u1"][1] == 0
    assert at["k1"][1] == 1
    assert at["u1"][1] < at["c0"][1] < at["c1"][1] == at["c2"][1] < at["c3"][1] == at["c4"][1]


def test_a_wide_layer_wraps_onto_more_rows_instead_of_leaving_the_box() -> None:
    nodes = [(f"c{i}", "contact") for i in range(30)]  # thirty people, nobody's boss drawn

    layout = chain_layout(nodes, [], columns=NARROW_COLUMNS)

    assert layout.rows == 15
    assert sorted({x for x, _ in layout.positions.values()}) == pytest.approx([1 / 4, 3 / 4])


def test_a_reporting_cycle_in_bad_data_still_places_everyone() -> None:
    nodes = [("c1", "contact"), ("c2", "contact")]
    edges = [("c1", "c2", "reports_to"), ("c2", "c1", "reports_to")]

    layout = chain_layout(nodes, edges)

    assert set(layout.positions) == {"c1", "c2"}
    assert layout.positions["c1"][1] != layout.positions["c2"][1]


def test_a_single_person_sits_in_the_middle() -> None:
    layout = chain_layout([("c1", "contact")], [])

    assert layout.positions == {"c1": (0.5, 0.5)}
    assert layout.rows == 1
