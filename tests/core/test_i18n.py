"""Translations and locale formatting."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pcrm.core import i18n

ROOT = Path(__file__).resolve().parents[2]


def _i18n_script():
    spec = importlib.util.spec_from_file_location("pcrm_i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_message_in_the_code_is_in_the_catalogue(locale):
    """Fails when a message is added without `scripts/i18n.py` and, for zh_CN, a translation."""
    assert _i18n_script().missing(locale) == []


def test_zh_cn_is_translated_from_the_po_file():
    assert i18n.translate("zh_CN", "Sign in") == "登录"
    assert i18n.translate("en", "Sign in") == "Sign in"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR, en;q=0.5", "en"),
        ("de-DE", None),
        ("zh-TW", "zh_CN"),
        ("en;q=0.2, zh;q=0.8", "zh_CN"),
        ("", None),
    ],
)
def test_accept_language_negotiation(header, expected):
    assert i18n.negotiate(header) == expected


def test_money_numbers_and_dates_follow_the_locale():
    amount = Decimal("1234567.5")
    assert i18n.format_money(amount, "CNY", "zh_CN") == "¥1,234,567.50"
    assert i18n.format_money(amount, "CNY", "en") == "CN¥1,234,567.50"
    assert i18n.format_money(amount, "USD", "en") == "$1,234,567.50"
    assert i18n.format_number(1234567, "zh_CN") == "1,234,567"
    moment = datetime(2026, 11, 22, 1, 30, tzinfo=UTC)
    assert i18n.format_datetime(moment, "zh_CN") == "2026年11月22日 09:30"
    assert i18n.format_datetime(moment, "en", "Europe/London") == "Nov 22, 2026, 1:30 AM"
