"""What an area declares about itself, in one place: its routers, its entries in the navigation,
the labels of its audited records, where its demo data comes from, its templates and static
files. `pcrm.areas.AREAS` lists the declarations in layer order; the application factory, the
navigation, the model registry and the import checker all read that list, so adding an area
means writing its `area.py` and naming it there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

from fastapi import APIRouter

from pcrm.config import PACKAGE_DIR
from pcrm.core.history import HistoryLabels
from pcrm.core.jobs import Job
from pcrm.core.search import SearchKind


@dataclass(frozen=True, slots=True)
class NavEntry:
    """A link in the shell's navigation. `permission` is the identity area's permission the
    signed-in user needs to see it; `order` places it among every area's entries."""

    key: str
    label: str  # an English message id, translated when shown
    icon: str  # a symbol of web/static/img/icons.svg
    href: str
    order: int
    section: Literal["main", "admin"] = "main"
    permission: str = "read"


@dataclass(frozen=True, slots=True)
class Area:
    """One business area (or the platform's identity area, or the web shell).

    `name` is the package under `pcrm` and the area's layer name for the import checker.
    `api` routers (under `/api/v1`) are included before every area's `pages` routers.
    `models` are imported so `Base.metadata` knows every table (Alembic, tests).
    `demo` names the module of `pcrm.demo` whose `seed(world)` writes the area's demo data,
    called in the order of the areas (a name, not an import: the demo comes after every area).
    `presentation_only` areas (the customer portal) keep no models and run no queries: they
    show what other areas' `public` calls give them (tests/house_rules.py checks it).
    `search` lists the kinds of record the global search finds in the area (`core.search`).
    `jobs` are the kinds of background work the area does (`core.jobs`).
    """

    name: str
    api: tuple[APIRouter, ...] = ()
    pages: tuple[APIRouter, ...] = ()
    nav: tuple[NavEntry, ...] = ()
    models: tuple[ModuleType, ...] = ()
    history: HistoryLabels | None = None
    summary: str = ""
    static_mount: str = ""
    demo: str | None = None
    presentation_only: bool = False
    search: tuple[SearchKind, ...] = ()
    jobs: tuple[Job, ...] = ()

    @property
    def package_dir(self) -> Path:
        return PACKAGE_DIR / self.name

    @property
    def templates_dir(self) -> Path | None:
        path = self.package_dir / "templates"
        return path if path.is_dir() else None

    @property
    def static_dir(self) -> Path | None:
        path = self.package_dir / "static"
        return path if path.is_dir() else None

    @property
    def static_prefix(self) -> str:
        """Where the area's static files are served: `/static/<area>/…` unless it says."""
        return self.static_mount or f"/static/{self.name}"
