"""Keep the Babel catalogues in step with the code.

    uv run python scripts/i18n.py            # extract, then update zh_CN and en catalogues
    uv run python scripts/i18n.py --check    # exit 1 if a catalogue lacks a message (CI/tests)

New messages arrive in zh_CN/messages.po with an empty msgstr: translate them there.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "src" / "pcrm" / "translations"
LOCALES = ("zh_CN", "en")
METHODS = [("src/pcrm/**/templates/**.html", "jinja2"), ("src/pcrm/**.py", "python")]
OPTIONS = {"src/pcrm/**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    template = Catalog(project="PCRM", fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHODS, OPTIONS, KEYWORDS
    ):
        if message and "/.venv/" not in filename and "node_modules" not in filename:
            template.add(message, None, [], auto_comments=comments, context=context)
    return template


def catalogue_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load(locale: str) -> Catalog:
    path = catalogue_path(locale)
    if not path.exists():
        return Catalog(locale=locale, project="PCRM")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update() -> None:
    template = extract()
    for locale in LOCALES:
        catalogue = load(locale)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        path = catalogue_path(locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(
            buffer, catalogue, omit_header=False, sort_output=True, no_location=True, width=100
        )
        path.write_bytes(buffer.getvalue())
        print(f"{locale}: {len(catalogue)} messages")


def missing(locale: str) -> list[str]:
    """Messages used in the code that the catalogue lacks or leaves untranslated (zh_CN)."""
    catalogue = load(locale)
    problems = []
    for message in extract():
        if not message.id:
            continue
        entry = catalogue.get(message.id)
        if entry is None:
            problems.append(f"not in catalogue: {message.id!r}")
        elif locale != "en" and (not entry.string or entry.fuzzy):
            problems.append(f"untranslated: {message.id!r}")
    return problems


if __name__ == "__main__":
    if "--check" in sys.argv:
        found = [f"{loc}: {p}" for loc in LOCALES for p in missing(loc)]
        print("\n".join(found) or "catalogues complete")
        sys.exit(1 if found else 0)
    update()
