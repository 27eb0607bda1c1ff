"""STYLE.md's import direction: core first, then the areas in the order of `pcrm.areas.AREAS`
(the web shell last). An area may import `core` and the `public` module of an area before it,
never one after it. `main`, `cli`, `models`, `areas` and `demo*` assemble the application and
may import any area."""

from __future__ import annotations

import ast
from pathlib import Path

from pcrm.areas import AREAS

SRC = Path(__file__).resolve().parents[1] / "src" / "pcrm"
LAYERS = {"core": -1} | {area.name: index for index, area in enumerate(AREAS)}
SHARED = {"config"}  # importable from anywhere
ASSEMBLY = {"main", "cli", "models", "areas", "demo"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "pcrm.<relative import>"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, node.module)]
    return [(line, name) for line, name in found if name.startswith("pcrm.") or name == "pcrm"]


def violations(src: Path = SRC) -> list[str]:
    problems = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        area = parts[0]
        if area in ASSEMBLY or area.startswith("demo") or area in SHARED or area == "__init__":
            continue
        assert area in LAYERS, f"{path}: unknown area {area!r}; declare it in pcrm/areas.py"
        for line, name in _imports(path):
            target = name.split(".")
            if name == "pcrm.<relative import>":
                problems.append(f"{path.relative_to(src.parent)}:{line}: use absolute imports")
                continue
            if len(target) < 2 or target[1] in SHARED:
                continue
            other = target[1]
            where = f"{path.relative_to(src.parent)}:{line} imports {name}"
            if other in ASSEMBLY:
                problems.append(f"{where}: areas must not import the assembly layer")
            elif other == area:
                continue
            elif other not in LAYERS:
                problems.append(f"{where}: unknown area")
            elif LAYERS[other] >= LAYERS[area]:
                problems.append(f"{where}: imports flow from {other} to {area}, not back")
            elif other != "core" and (len(target) < 3 or target[2] != "public"):
                problems.append(f"{where}: import {other}.public, not its internals")
    return problems


def test_imports_follow_the_layers():
    assert violations() == []


def test_the_checker_catches_a_wrong_import(tmp_path):
    fake = tmp_path / "pcrm"
    (fake / "identity").mkdir(parents=True)
    (fake / "identity" / "bad.py").write_text("from pcrm.accounts.models import Account\n")
    (fake / "core").mkdir()
    (fake / "core" / "worse.py").write_text("import pcrm.identity.service\n")
    assert violations(fake) == [
        "pcrm/core/worse.py:1 imports pcrm.identity.service: imports flow from identity to "
        "core, not back",
        "pcrm/identity/bad.py:1 imports pcrm.accounts.models: imports flow from accounts to "
        "identity, not back",
    ]
