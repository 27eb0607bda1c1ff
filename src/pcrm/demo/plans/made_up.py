"""Made-up but valid-looking details of the demo's organisations and people: unified social
credit codes, Chinese names with their pinyin, mobile and office numbers, e-mail addresses,
WeChat ids and birthdays, drawn from the random numbers of the plan that asks for them."""

from __future__ import annotations

import random
from datetime import date

import phonenumbers

from pcrm.accounts.public import (
    CREDIT_CODE_CHARS,
    Gender,
    Importance,
    Ownership,
    credit_code_check_char,
)
from pcrm.demo.data.accounts import CITIES, OWNERSHIP, Imp, Kind, Org
from pcrm.demo.data.people import (
    FEMALE_NAMES,
    MALE_NAMES,
    MOBILE_PREFIXES,
    OUR_NAMES,
    SURNAME_WEIGHTS,
    SURNAMES,
)


def _org_code_check(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(
        (int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body, weights, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def credit_code(rng: random.Random, org: Org, used: set[str]) -> str | None:
    """A unified social credit code: authority and type (11 government body, 12 public
    institution, 91 company), division code, organisation code, check character."""
    if org.kind == Kind.BUREAU and rng.random() < 0.3:
        return None
    head = {Kind.BUREAU: "11", Kind.HOSPITAL: "12", Kind.UNIVERSITY: "12"}.get(org.kind, "91")
    letters = CREDIT_CODE_CHARS
    while True:
        if head == "91" and (org.ownership or OWNERSHIP[org.kind]) != Ownership.STATE_OWNED:
            body = (
                "MA" + "".join(rng.choices(letters[:10], k=2)) + "".join(rng.choices(letters, k=4))
            )
        else:
            body = "".join(rng.choices("0123456789", k=8))
        first17 = head + CITIES[org.city].division + body + _org_code_check(body)
        code = first17 + credit_code_check_char(first17)
        if code not in used:
            used.add(code)
            return code


def _valid_phone(number: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(number, "CN"))


def mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(MOBILE_PREFIXES) + "".join(rng.choices("0123456789", k=8))
        if number not in used and _valid_phone(number):
            used.add(number)
            return number


def office_phone(rng: random.Random, area_code: str, exchange: str) -> str:
    while True:
        number = f"{area_code}-{exchange}{rng.randrange(10000):04d}"
        if _valid_phone(number):
            return number


def pick_name(
    rng: random.Random, gender: Gender, senior: bool, used: set[str]
) -> tuple[str, str, str]:
    """(name, given-name pinyin, surname pinyin), unique across the demo."""
    pool = MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES
    if senior:
        pool = tuple(n for n in pool if not n[2])
    while True:
        surname, surname_py = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        given, given_py, _young = rng.choice(pool)
        name = surname + given
        if name not in used and name not in OUR_NAMES:
            used.add(name)
            return name, given_py, surname_py


def email(
    rng: random.Random,
    org: Org,
    english: str,
    given_py: str,
    surname_py: str,
    used: set[str],
) -> str | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.14:
        local, domain = str(rng.randrange(10_000_000, 3_000_000_000)), "qq.example"
    elif roll < 0.2:
        local, domain = f"{surname_py}{given_py}{rng.randrange(60, 100)}".lower(), "163.example"
    elif OWNERSHIP[org.kind] in (Ownership.PRIVATE, Ownership.FOREIGN) or org.kind == Kind.BANK:
        local, domain = f"{english.split(maxsplit=1)[0]}.{surname_py}".lower(), org.domain
    else:
        local, domain = f"{surname_py}{given_py}".lower(), org.domain
    local = "".join(ch for ch in local if ch.isalnum() or ch == ".")
    candidate, n = f"{local}@{domain}", 1
    while candidate in used:
        n += 1
        candidate = f"{local}{n}@{domain}"
    used.add(candidate)
    return candidate


def wechat(rng: random.Random, given_py: str, surname_py: str, mobile: str) -> str | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.45:
        return mobile  # many people let others find them by their mobile number
    if roll < 0.65:
        chars = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "wxid_" + "".join(rng.choices(chars, k=12))
    if roll < 0.85:
        return f"{surname_py}{given_py}{rng.randrange(60, 100)}".lower()
    return f"{surname_py.lower()}_{given_py[:1].lower()}{rng.randrange(1, 1000)}"


def birthday(rng: random.Random, today: date, slot: int, importance: Importance) -> date | None:
    if rng.random() >= 0.4:
        return None
    low, high = (50, 60) if slot == 0 else (40, 56) if importance != Imp.NORMAL else (24, 45)
    year = today.year - rng.randint(low, high)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))
