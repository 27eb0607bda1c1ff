"""The house holds: the rules of tests/house_rules.py hold over src/pcrm, each rule catches a
violation made on purpose, every `public` function returns no ORM object, and no source file
but a data table runs past ~600 lines."""

from __future__ import annotations

import importlib
import types
import typing
from pathlib import Path

import pytest

from pcrm.areas import AREAS
from pcrm.core.audit import AuditEntry
from pcrm.core.db import Base
from tests import house_rules as rules

SRC = Path(__file__).resolve().parents[1] / "src" / "pcrm"
LAYOUT = rules.Layout(
    areas=(*(area.name for area in AREAS), "demo"),
    presentation_only=frozenset(area.name for area in AREAS if area.presentation_only),
)
LONGEST_FILE = 620  # lines: "a file past ~600 lines almost always holds two ideas"
DATA_TABLES = ("demo/data/",)


def test_the_source_follows_the_rules():
    assert rules.violations(SRC, LAYOUT) == []


def test_no_source_file_but_a_data_table_is_longer_than_600_lines():
    long = {
        path.relative_to(SRC).as_posix(): lines
        for path in SRC.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST_FILE
        and not path.relative_to(SRC).as_posix().startswith(DATA_TABLES)
    }
    assert long == {}


def _orm_classes(annotation: object) -> set[str]:
    if isinstance(annotation, type):
        return {annotation.__name__} if issubclass(annotation, Base) else set()
    found: set[str] = set()
    for argument in typing.get_args(annotation):
        found |= _orm_classes(argument)
    return found


@pytest.mark.parametrize("area", [a.name for a in AREAS if (a.package_dir / "public.py").exists()])
def test_public_functions_return_no_orm_objects(area):
    public = importlib.import_module(f"pcrm.{area}.public")
    leaking = {}
    for name in public.__all__:
        value = getattr(public, name)
        if isinstance(value, types.FunctionType):
            returned = typing.get_type_hints(value).get("return")
            if classes := _orm_classes(returned):
                leaking[name] = sorted(classes)
    assert leaking == {}


def test_the_area_list_names_every_package_and_nothing_else():
    packages = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()} - {
        "core",
        "demo",
        "translations",
    }
    assert packages == {area.name for area in AREAS}


# --- each rule catches a violation ------------------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "pcrm"
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(src).parents:
            (src / parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return src


FAKE = rules.Layout(
    areas=("identity", "accounts", "portal"), presentation_only=frozenset({"portal"})
)


def test_an_area_may_not_import_a_later_area(tmp_path):
    src = _tree(
        tmp_path,
        {
            "identity/public.py": "",
            "accounts/public.py": "",
            "identity/service.py": "from pcrm.accounts.public import Account\n",
            "core/db.py": "import pcrm.identity.public\n",
        },
    )
    assert rules.violations(src, FAKE) == [
        "pcrm/core/db.py:1 imports pcrm.identity.public: imports flow from identity to core, "
        "not back",
        "pcrm/identity/service.py:1 imports pcrm.accounts.public: imports flow from accounts to "
        "identity, not back",
    ]


def test_another_area_is_reached_through_its_public_module_only(tmp_path):
    src = _tree(
        tmp_path,
        {
            "identity/public.py": "",
            "identity/service.py": "",
            "accounts/service.py": (
                "from pcrm.identity import service\n"
                "from pcrm import identity\n"
                "from pcrm.identity import public\n"
                "from pcrm.identity.public import Principal\n"
            ),
        },
    )
    assert rules.violations(src, FAKE) == [
        "pcrm/accounts/service.py:1 imports pcrm.identity.service: import identity.public, "
        "not its internals",
        "pcrm/accounts/service.py:2 imports pcrm.identity: import identity.public, not its "
        "internals",
    ]


def test_inside_an_area_imports_go_down_from_routes_to_models(tmp_path):
    src = _tree(
        tmp_path,
        {
            "accounts/contacts/routes_html.py": "from pcrm.accounts.contacts import repository\n",
            "accounts/contacts/repository.py": "from pcrm.accounts.accounts import service\n",
            "accounts/accounts/service.py": "from pcrm.accounts.accounts import pages\n",
            "accounts/accounts/pages.py": "from pcrm.accounts.contacts import service\n",
            "accounts/contacts/service.py": "from pcrm.accounts import public\n",
            "accounts/public.py": "from pcrm.accounts.accounts.models import Account\n",
            "accounts/accounts/models.py": "",
            "accounts/vocab.py": "from pcrm.accounts.accounts.schemas import AccountRead\n",
            "accounts/accounts/schemas.py": "",
        },
    )
    assert rules.violations(src, FAKE) == [
        "pcrm/accounts/accounts/service.py:1 imports pcrm.accounts.accounts.pages: a service "
        "module may not import a pages module",
        "pcrm/accounts/contacts/repository.py:1 imports pcrm.accounts.accounts.service: a "
        "repository module may not import a service module",
        "pcrm/accounts/contacts/routes_html.py:1 imports pcrm.accounts.contacts.repository: a "
        "routes module may not import a repository module",
        "pcrm/accounts/contacts/service.py:1 imports pcrm.accounts.public: nothing inside "
        "accounts imports its own public",
        "pcrm/accounts/public.py:1 imports pcrm.accounts.accounts.models: a public module may "
        "not import a models module",
        "pcrm/accounts/vocab.py:1 imports pcrm.accounts.accounts.schemas: a vocab module may "
        "not import a schemas module",
    ]


def test_only_repositories_run_queries(tmp_path):
    src = _tree(
        tmp_path,
        {
            "accounts/service.py": (
                "from sqlalchemy import select\n"
                "def names(db):\n"
                "    db.add(object())\n"
                "    db.flush()\n"
                "    return db.scalars(select(1))\n"
            ),
            "accounts/repository.py": (
                "from sqlalchemy import select\ndef names(db):\n    return db.scalars(select(1))\n"
            ),
            "core/db.py": "def ping(db):\n    return db.execute('SELECT 1')\n",
        },
    )
    assert rules.violations(src, FAKE) == [
        "pcrm/accounts/service.py:5: db.scalars() runs a query outside a repository",
        "pcrm/accounts/service.py:5: select() runs a query outside a repository",
    ]


def test_a_presentation_only_area_has_no_models_nor_queries(tmp_path):
    src = _tree(
        tmp_path,
        {
            "core/db.py": "",
            "portal/models.py": "",
            "portal/pages.py": (
                "from pcrm.core.db import Base\nfrom pcrm.accounts.public import X\n"
            ),
        },
    )
    assert rules.violations(src, FAKE) == [
        "pcrm/portal/models.py: a presentation-only area keeps no models",
        "pcrm/portal/pages.py:1 imports pcrm.core.db: a presentation-only area uses other "
        "areas' public",
    ]


def test_relative_imports_and_unknown_areas_are_refused(tmp_path):
    src = _tree(tmp_path, {"accounts/service.py": "from . import models\n", "sales/x.py": ""})
    assert rules.violations(src, FAKE) == [
        "pcrm/accounts/service.py:1: use absolute imports",
        "pcrm/sales: 'sales' is no area: declare it in pcrm/areas.py",
    ]


def test_the_demo_uses_public_calls_and_nothing_imports_it(tmp_path):
    src = _tree(
        tmp_path,
        {
            "accounts/models.py": "",
            "accounts/public.py": "",
            "demo/bad.py": (
                "from pcrm.accounts.models import Account\n"
                "from pcrm.main import create_app\n"
                "from pcrm.areas import AREAS\n"
                "from pcrm.accounts.public import create_account\n"
                "from pcrm.demo.world import World\n"
            ),
            "demo/world.py": "",
            "main.py": "",
            "portal/pages.py": "from pcrm.demo import seed_demo\n",
        },
    )
    layout = rules.Layout(areas=(*FAKE.areas, "demo"))
    assert rules.violations(src, layout) == [
        "pcrm/demo/bad.py:1 imports pcrm.accounts.models: import accounts.public, not its "
        "internals",
        "pcrm/demo/bad.py:2 imports pcrm.main: areas must not import the assembly layer",
        "pcrm/portal/pages.py:1 imports pcrm.demo: imports flow from demo to portal, not back",
    ]


def test_the_orm_check_finds_a_model_inside_a_return_type():
    assert _orm_classes(list[AuditEntry] | None) == {"AuditEntry"}
    assert _orm_classes(dict[int, str]) == set()
