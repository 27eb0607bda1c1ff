"""Translations (Babel .po catalogues compiled in memory at start) and locale-aware formatting.

Domain code stays locale-free: it marks English message ids with `N_()` and the web layer
translates them for the request's locale with `translate()`.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from pcrm.config import PACKAGE_DIR
from pcrm.core.context import current_locale

LOCALES: tuple[str, ...] = ("zh_CN", "en")
DEFAULT_LOCALE = "zh_CN"
LOCALE_NAMES = {"zh_CN": "简体中文", "en": "English"}
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"


def N_(message: str) -> str:
    """Mark a message id for extraction without translating it (yet)."""
    return message


@cache
def translations(locale: str) -> Translations:
    path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return Translations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def load_catalogues() -> None:
    """Compile every catalogue once at start so the first request does not pay for it."""
    for locale in LOCALES:
        translations(locale)


def person_name(name: str, english_name: str | None, locale: str | None = None) -> str:
    """A person's name as the viewer reads it: the English name in the English interface when
    there is one, else the name (Chinese names stay Chinese in the Chinese interface). The one
    rule for every page, chart and API field that shows a user; `locale` defaults to the
    request's (`core.context.current_locale`, set by the platform middleware)."""
    if (locale or current_locale()) == "en" and english_name:
        return english_name
    return name


def translate(locale: str, message: str, **params: Any) -> str:
    text = translations(locale).gettext(message)
    return text % params if params else text


def ntranslate(locale: str, singular: str, plural: str, n: int, **params: Any) -> str:
    text = translations(locale).ngettext(singular, plural, n)
    return text % {"num": n, **params}


def normalize_locale(value: str | None) -> str | None:
    """Map 'zh-CN', 'zh_Hans', 'en-US', ... to a supported locale, or None."""
    if not value:
        return None
    value = value.strip().replace("-", "_")
    if value in LOCALES:
        return value
    try:
        parsed = Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        return None
    if parsed.language == "zh":
        return "zh_CN"
    if parsed.language == "en":
        return "en"
    return None


def negotiate(accept_language: str | None) -> str | None:
    """The best supported locale in an Accept-Language header (quality order), or None."""
    if not accept_language:
        return None
    weighted: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        weighted.append((weight, tag))
    for _, tag in sorted(weighted, key=lambda item: -item[0]):
        locale = normalize_locale(tag)
        if locale:
            return locale
    return None


def _babel_locale(locale: str) -> str:
    return "zh_Hans_CN" if locale == "zh_CN" else "en_US"


def format_datetime(value: datetime | None, locale: str, tz: str = "Asia/Shanghai") -> str:
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(tz))
    pattern = "yyyy年M月d日 HH:mm" if locale == "zh_CN" else "MMM d, yyyy, h:mm a"
    return babel_dates.format_datetime(local, pattern, locale=_babel_locale(locale))


def format_date(value: date | datetime | None, locale: str) -> str:
    if value is None:
        return ""
    return babel_dates.format_date(value, "medium", locale=_babel_locale(locale))


def format_number(value: int | float | Decimal | None, locale: str) -> str:
    if value is None:
        return ""
    return babel_numbers.format_decimal(value, locale=_babel_locale(locale))


def format_money(value: Decimal | int | None, currency: str, locale: str) -> str:
    if value is None:
        return ""
    return babel_numbers.format_currency(value, currency, locale=_babel_locale(locale))


def currency_name(code: str, locale: str) -> str:
    return babel_numbers.get_currency_name(code, locale=_babel_locale(locale))
