"""STYLE.md's import direction: core first, then the areas in the order of `pcrm.areas.AREAS`
(the web shell last). An area may import `core` and the `public` module of an area before it,
never one after it. `main`, `cli`, `models` and `areas` assemble the application and may import
any area. The demo (`pcrm.demo`) is checked like an area after every other one: it may import
`core`, the other areas' `public` and the list of areas it seeds in order (`pcrm.areas`)."""

from __future__ import annotations

import ast
from pathlib import Path

from pcrm.areas import AREAS

SRC = Path(__file__).resolve().parents[1] / "src" / "pcrm"
LAYERS = (
    {"core": -1} | {area.name: index for index, area in enumerate(AREAS)} | {"demo": len(AREAS)}
)
SHARED = {"config"}  # importable from anywhere
ASSEMBLY = {"main", "cli", "models", "areas"}
READS_THE_AREA_LIST = {"demo"}  # seeds the areas in the order of `pcrm.areas.AREAS`


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
        if area in ASSEMBLY or area in SHARED or area == "__init__":
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
            if other == "areas" and area in READS_THE_AREA_LIST:
                continue
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


def test_the_checker_holds_the_demo_to_the_public_calls(tmp_path):
    fake = tmp_path / "pcrm"
    (fake / "demo").mkdir(parents=True)
    (fake / "demo" / "bad.py").write_text(
        "from pcrm.accounts.models import Account\n"
        "from pcrm.main import create_app\n"
        "from pcrm.areas import AREAS\n"
        "from pcrm.accounts.public import create_account\n"
        "from pcrm.demo.world import World\n"
    )
    (fake / "web").mkdir()
    (fake / "web" / "worse.py").write_text("from pcrm.demo import seed_demo\n")
    assert violations(fake) == [
        "pcrm/demo/bad.py:1 imports pcrm.accounts.models: import accounts.public, not its "
        "internals",
        "pcrm/demo/bad.py:2 imports pcrm.main: areas must not import the assembly layer",
        "pcrm/web/worse.py:1 imports pcrm.demo: imports flow from demo to web, not back",
    ]
