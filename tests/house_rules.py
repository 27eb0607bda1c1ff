"""The import rules of the house (docs/adr/0005-area-layout.md), read from the source.

Between areas: `core` first, then the areas in the order of `pcrm.areas.AREAS`; an area may
import `core`, `config` and the `public` module of an area before it, nothing else of another
area, nothing of an area after it. `main`, `cli`, `models` and `areas` assemble the application;
`demo` is checked like an area after every other one (it may also read the list of areas, which
it seeds in order).

Inside an area, a module's kind is given by its file name and says what it may import of its
own area (any sub-package): routes → pages/forms → service → repository → models, with schemas,
vocab and plain helpers (computations over loaded records) as leaves; `deps.py` holds FastAPI
dependencies the area's routes share. Only repositories (and `core`) run queries. A
presentation-only area (the customer portal) has no models or queries and imports other areas'
`public` modules only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

SHARED = frozenset({"config"})  # importable from anywhere
ASSEMBLY = frozenset({"main", "cli", "models", "areas"})
READS_THE_AREA_LIST = frozenset({"demo"})  # seeds the areas in the order of `pcrm.areas.AREAS`

ROUTES, DEPS, PAGES, FORMS, SERVICE, REPOSITORY, MODELS, SCHEMAS, VOCAB, LEAF = (
    "routes",
    "deps",
    "pages",
    "forms",
    "service",
    "repository",
    "models",
    "schemas",
    "vocab",
    "leaf",
)
PUBLIC, DECLARATION, PACKAGE = "public", "area", "package"

# What a module of each kind may import from its own area.
MAY_IMPORT: Mapping[str, frozenset[str]] = {
    ROUTES: frozenset({DEPS, PAGES, FORMS, SERVICE, SCHEMAS, VOCAB, LEAF}),
    DEPS: frozenset({DEPS, SERVICE, SCHEMAS, VOCAB, LEAF}),
    PAGES: frozenset({DEPS, PAGES, FORMS, SERVICE, SCHEMAS, VOCAB, LEAF}),
    FORMS: frozenset({FORMS, SCHEMAS, VOCAB, LEAF}),
    SERVICE: frozenset({SERVICE, REPOSITORY, MODELS, SCHEMAS, VOCAB, LEAF}),
    REPOSITORY: frozenset({REPOSITORY, MODELS, SCHEMAS, VOCAB, LEAF}),
    MODELS: frozenset({MODELS, VOCAB, LEAF}),
    SCHEMAS: frozenset({SCHEMAS, VOCAB, LEAF}),
    VOCAB: frozenset({VOCAB, LEAF}),
    LEAF: frozenset({VOCAB, LEAF, SCHEMAS, MODELS}),
    PUBLIC: frozenset({DEPS, SERVICE, REPOSITORY, SCHEMAS, VOCAB, LEAF}),
    DECLARATION: frozenset({ROUTES, MODELS, SCHEMAS, VOCAB, LEAF, PAGES, SERVICE}),
    PACKAGE: frozenset(
        {DEPS, ROUTES, PAGES, FORMS, SERVICE, REPOSITORY, MODELS, SCHEMAS, VOCAB, LEAF}
    ),
}
QUERY_CALLS = frozenset({"execute", "scalar", "scalars", "get", "query", "merge"})
SESSION_NAMES = frozenset({"db", "session"})
STATEMENT_BUILDERS = frozenset({"select", "insert", "update", "delete", "text", "union_all"})


def kind_of(filename: str) -> str:
    """The kind of an area's module, from its file name (`routes_bid.py` is routes)."""
    stem = filename.removesuffix(".py")
    if stem.startswith("routes"):
        return ROUTES
    if stem == "__init__":
        return PACKAGE
    known = {
        "deps": DEPS,
        "pages": PAGES,
        "forms": FORMS,
        "service": SERVICE,
        "repository": REPOSITORY,
        "models": MODELS,
        "schemas": SCHEMAS,
        "vocab": VOCAB,
        "public": PUBLIC,
        "area": DECLARATION,
    }
    return known.get(stem, LEAF)


@dataclass(frozen=True, slots=True)
class Layout:
    """The areas in layer order (by package name) and the presentation-only ones."""

    areas: tuple[str, ...]
    presentation_only: frozenset[str] = frozenset()

    def rank(self, name: str) -> int | None:
        if name == "core":
            return -1
        return self.areas.index(name) if name in self.areas else None


@dataclass(frozen=True, slots=True)
class Import:
    line: int
    module: str  # absolute, e.g. pcrm.accounts.public
    names: tuple[str, ...]


def _imports(tree: ast.AST) -> Iterator[Import]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                yield Import(node.lineno, ".", ())
            elif node.module:
                yield Import(node.lineno, node.module, tuple(a.name for a in node.names))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name, ())


def _resolve(src: Path, parts: list[str]) -> list[str]:
    """The deepest module that `parts` names under `src` (…/pcrm); a package is named by its
    `__init__` (`pcrm.accounts.contacts.__init__`)."""
    root = src.parent
    for end in range(len(parts), 1, -1):
        path = root.joinpath(*parts[:end])
        if path.with_suffix(".py").is_file():
            return parts[:end]
        if (path / "__init__.py").is_file():
            return [*parts[:end], "__init__"]
    return parts[:1]


def _targets(src: Path, found: Import) -> list[list[str]]:
    """The pcrm modules an import reaches: `from pcrm.accounts import service` reaches the
    module pcrm.accounts.service, `from pcrm.accounts.schemas import X` pcrm.accounts.schemas."""
    parts = found.module.split(".")
    if parts[0] != "pcrm":
        return []
    modules = [_resolve(src, [*parts, name]) for name in found.names] or [_resolve(src, parts)]
    unique: list[list[str]] = []
    for module in modules:
        if module not in unique:
            unique.append(module)
    return unique


def _query_calls(tree: ast.AST, *, builders: bool = True) -> Iterator[tuple[int, str]]:
    """Calls that run a statement on a session (`db.execute()`), and, unless `builders` is
    False (models build DDL such as an index expression with `text()`), calls that build one."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            builders
            and isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("sqlalchemy")
        ):
            names |= {a.asname or a.name for a in node.names if a.name in STATEMENT_BUILDERS}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in QUERY_CALLS
            and isinstance(func.value, ast.Name)
            and func.value.id in SESSION_NAMES
        ):
            yield node.lineno, f"{func.value.id}.{func.attr}()"
        elif isinstance(func, ast.Name) and func.id in names:
            yield node.lineno, f"{func.id}()"


def violations(src: Path, layout: Layout) -> list[str]:
    """Every broken rule in the package at `src` (…/pcrm), one line each."""
    problems: list[str] = []
    unknown: set[str] = set()
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        top = parts[0]
        where = f"{path.relative_to(src.parent).as_posix()}"
        if top in ASSEMBLY or top in SHARED or top == "__init__":
            continue
        rank = layout.rank(top)
        if rank is None:
            if top not in unknown:
                unknown.add(top)
                problems.append(f"pcrm/{top}: {top!r} is no area: declare it in pcrm/areas.py")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        kind = kind_of(path.name)
        if top != "core" and kind != REPOSITORY:
            problems += [
                f"{where}:{line}: {call} runs a query outside a repository"
                for line, call in _query_calls(tree, builders=kind != MODELS)
            ]
        if top in layout.presentation_only and kind in (MODELS, REPOSITORY):
            problems.append(f"{where}: a presentation-only area keeps no {kind}")
        for found in _imports(tree):
            at = f"{where}:{found.line}"
            if found.module == ".":
                problems.append(f"{at}: use absolute imports")
                continue
            for target in _targets(src, found):
                problems += _check_import(at, top, kind, target, layout)
    return problems


def _check_import(at: str, area: str, kind: str, target: list[str], layout: Layout) -> list[str]:
    if len(target) < 2 or target[1] in SHARED:
        return []
    other = target[1]
    name = ".".join(target).removesuffix(".__init__")
    problem: str | None = None
    if other == "areas" and area in READS_THE_AREA_LIST:
        pass
    elif other in ASSEMBLY:
        problem = "areas must not import the assembly layer"
    elif other == area:
        problem = _inside(area, kind, target)
    elif layout.rank(other) is None:
        problem = "unknown area"
    elif (own := layout.rank(area)) is not None and layout.rank(other) >= own:
        problem = f"imports flow from {other} to {area}, not back"
    elif other == "core":
        if area in layout.presentation_only and target[2:3] == ["db"]:
            problem = "a presentation-only area uses other areas' public"
    elif target[2:] != ["public"]:
        problem = f"import {other}.public, not its internals"
    return [f"{at} imports {name}: {problem}"] if problem else []


def _inside(area: str, kind: str, target: list[str]) -> str | None:
    if area == "core":
        return None
    target_kind = kind_of(target[-1] + ".py")
    if target_kind == PACKAGE:
        return None
    if target_kind in (PUBLIC, DECLARATION):
        return f"nothing inside {area} imports its own {target_kind}"
    if target_kind not in MAY_IMPORT[kind]:
        return f"a {kind} module may not import a {target_kind} module"
    return None
