"""Where each person of the decision-chain chart is drawn: a layered layout computed here, so
every node is on the canvas whatever the size of the chain (a force layout pushed people off
the edge and onto the legend).

Rows from top to bottom: our people, then the customer's people by their place in the org
chart (a boss above the people who report to them, solid or dotted line), then the
competitors. A row wider than the canvas allows wraps onto more rows. Within a row people are
ordered by where the people they are linked to stand in the rows above (barycentres), which
keeps most lines short and uncrossed. Positions are fractions of the drawing box, 0..1 each
way; bid.js scales them to the canvas it has, inside margins that keep the labels on it, and
the legend is drawn below the canvas, never under a node."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDE_COLUMNS = 6  # people side by side on a desktop
NARROW_COLUMNS = 2  # on a phone, labels under the nodes
REPORTING = ("reports_to", "dotted_line")

Node = tuple[str, str]  # (id, kind): kind "user", "competitor", "contact", "external_contact"
Edge = tuple[str, str, str]  # (source, target, kind); reporting: source reports to target


@dataclass(frozen=True, slots=True)
class ChainLayout:
    """`positions[node id] = (x, y)`, each in 0..1; `rows` drawn, `columns` at most per row."""

    columns: int
    rows: int
    positions: dict[str, tuple[float, float]]

    def as_json(self) -> dict[str, object]:
        return {
            "columns": self.columns,
            "rows": self.rows,
            "positions": {k: [round(x, 4), round(y, 4)] for k, (x, y) in self.positions.items()},
        }


def _depths(ids: Sequence[str], edges: Sequence[Edge]) -> dict[str, int]:
    """Each customer person's depth in the org chart drawn: 0 for someone whose manager is not
    drawn, else one more than the manager's (a cycle in bad data stops where it closes)."""
    present = set(ids)
    managers: dict[str, list[str]] = {i: [] for i in ids}
    for source, target, kind in edges:
        if kind in REPORTING and source in present and target in present:
            managers[source].append(target)
    depth: dict[str, int] = {}

    def visit(node: str, seen: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        above = [m for m in managers[node] if m not in seen]
        found = 1 + max(visit(m, seen | {node}) for m in above) if above else 0
        depth[node] = found
        return found

    for i in ids:
        visit(i, frozenset())
    return depth


def _layers(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[list[str]]:
    users = [node for node, kind in nodes if kind == "user"]
    rivals = [node for node, kind in nodes if kind == "competitor"]
    people = [node for node, kind in nodes if kind not in ("user", "competitor")]
    depth = _depths(people, edges)
    levels: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for person in people:
        levels[depth[person]].append(person)
    return [layer for layer in (users, *levels, rivals) if layer]


def _ordered(layers: list[list[str]], edges: Sequence[Edge]) -> list[list[str]]:
    """Each layer sorted by the mean place of its neighbours in the layers already placed
    (a node linked to none of them keeps its place in the input), stable for ties."""
    neighbours: dict[str, set[str]] = {}
    for source, target, _kind in edges:
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)
    place: dict[str, float] = {}
    out: list[list[str]] = []
    for layer in layers:
        spread = max(len(layer) - 1, 1)
        keys: dict[str, tuple[float, int]] = {}
        for index, node in enumerate(layer):
            known = [place[n] for n in neighbours.get(node, ()) if n in place]
            keys[node] = (sum(known) / len(known) if known else index / spread, index)
        ranked = sorted(layer, key=keys.__getitem__)
        for index, node in enumerate(ranked):
            place[node] = index / max(len(ranked) - 1, 1)
        out.append(ranked)
    return out


def chain_layout(
    nodes: Sequence[Node], edges: Sequence[Edge], columns: int = WIDE_COLUMNS
) -> ChainLayout:
    """Every node placed in the unit box, at most `columns` to a row, rows evenly spaced."""
    if columns < 1:
        raise ValueError("columns must be at least 1")
    rows: list[list[str]] = []
    for layer in _ordered(_layers(nodes, edges), edges):
        rows += [layer[start : start + columns] for start in range(0, len(layer), columns)]
    positions: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        y = r / (len(rows) - 1) if len(rows) > 1 else 0.5
        offset = (columns - len(row)) / 2
        for c, node in enumerate(row):
            positions[node] = ((offset + c + 0.5) / columns, y)
    return ChainLayout(columns=columns, rows=len(rows), positions=positions)
