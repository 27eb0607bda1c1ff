"""Field rules of the accounts area: credit codes, phone numbers, web addresses."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

from pcrm.core.i18n import N_

_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,63}$",
    re.I,
)

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def valid_credit_code(code: str) -> bool:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a mod-31 check character."""
    if len(code) != 18 or any(ch not in CREDIT_CODE_CHARS for ch in code):
        return False
    return credit_code_check_char(code[:17]) == code[17]


def normalize_phone(value: str, region: str = "CN") -> str:
    """E.164 form (+8613812345678); raises ValueError for a number that cannot exist."""
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError("invalid phone number") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("invalid phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str | None) -> str:
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if parsed.country_code == 86:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def website_url(value: str | None) -> str | None:
    """A web address as kept: http(s) with a host name that has a dot (`www.example.com` gets
    https:// in front); blank is none. Raises ValueError (a message id) for anything else, such
    as "not a url"."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or any(c.isspace() for c in text):
        raise ValueError(N_("Enter a web address such as https://www.example.com."))
    if not (_HOST.match(host) or host == "localhost"):
        raise ValueError(N_("Enter a web address such as https://www.example.com."))
    return text
