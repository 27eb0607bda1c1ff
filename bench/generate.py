"""Generate realistic, deterministic benchmark data: accounts, contacts, activities.

    uv run python bench/generate.py --database-url sqlite:////work/bench-data/pcrm.sqlite3 \\
        --accounts 100000 --contacts-per-account 10 --activities-per-contact 3 --workspace bench

The same seed and sizes give the same rows on every run (ids included, on an empty database).

How it writes, and why it is allowed to:
- the schema is migrated first (`pcrm.core.migrate.upgrade`);
- the workspace and its users are created through the identity service, in one unit of work with
  the audit hooks installed, exactly as `pcrm create-workspace` / `create-user` do;
- accounts, account tags, contacts, employments and activities are bulk-inserted with SQLAlchemy
  Core `insert()` executemany, in batches of `--batch-size` rows, one transaction per chunk of
  accounts. This is the documented bulk path: it bypasses the ORM, so **no audit rows are written
  for bulk-loaded rows** and no reminders are created for their next steps;
- the derived search columns are computed by PCRM's own code: every row goes through
  `accounts.service.refresh_search_fields` or `accounts.contact_service.refresh_search_fields`
  (which call `accounts.search.models.index_fields` and `sort_key`, and normalise phones with
  `display_phone`), so search finds generated rows exactly as it finds typed-in ones;
- on SQLite the FTS5 gram index is filled by the migration's triggers, as in normal use; on
  PostgreSQL the GIN index is maintained on insert, then the tables are ANALYZEd and the id
  sequences moved past the inserted ids.

Speed: computing the search columns (pinyin!) costs more than inserting, so chunks of rows are
computed in worker processes (`--workers`, default: one per core) while the main process inserts,
and the pure functions `search.lazy_pinyin`, `search.pinyin_initials` and `search.sort_key` are
memoised inside the workers (names, titles and departments repeat). On SQLite the load runs with
`PRAGMA synchronous=OFF` and a 1 GiB page cache: a crash during the load can corrupt the file,
which is acceptable for generated data and never done by the application.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import itertools
import os
import random
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from pcrm.accounts.accounts import service as account_service
from pcrm.accounts.accounts.models import Account, AccountTag
from pcrm.accounts.activities.models import Activity
from pcrm.accounts.contacts import service as contact_service
from pcrm.accounts.contacts.models import Contact, Employment
from pcrm.accounts.search import models as search
from pcrm.accounts.validation import CREDIT_CODE_CHARS, credit_code_check_char
from pcrm.config import Settings
from pcrm.core.audit import install_audit_hooks, set_actor
from pcrm.core.db import make_engine, make_session_factory, unit_of_work
from pcrm.core.migrate import upgrade
from pcrm.core.tenancy import WorkspaceScope, install_tenant_guard
from pcrm.identity.permissions import Role
from pcrm.identity.users import service as identity
from pcrm.identity.users.schemas import UserCreate
from pcrm.identity.workspaces import repository as identity_repo
from pcrm.identity.workspaces.service import create_workspace

NOW = datetime(2026, 11, 22, tzinfo=UTC)  # fixed, so the data does not depend on the run date
HISTORY_DAYS = 3 * 365
BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - generated benchmark users only
PROVINCE_CODES = {
    "guangdong": "44", "jiangsu": "32", "zhejiang": "33", "shandong": "37", "beijing": "11",
    "shanghai": "31", "sichuan": "51", "hubei": "42", "henan": "41", "fujian": "35",
    "hunan": "43", "anhui": "34", "hebei": "13", "shaanxi": "61", "chongqing": "50",
    "tianjin": "12", "liaoning": "21", "jiangxi": "36", "guangxi": "45", "yunnan": "53",
    "shanxi": "14", "guizhou": "52", "heilongjiang": "23", "jilin": "22",
    "inner_mongolia": "15", "gansu": "62", "xinjiang": "65", "hainan": "46", "ningxia": "64",
    "qinghai": "63",
}  # fmt: skip
MOBILE_PREFIXES = (
    *range(130, 140), 145, 147, *range(150, 154), *range(155, 160), 166, 172, 173,
    *range(175, 179), *range(180, 190), 191, 193, *range(195, 200),
)  # fmt: skip
USER_ROLES = [
    Role.OWNER,
    Role.ADMIN,
    Role.MANAGER,
    Role.MANAGER,
    Role.DELIVERY,
    Role.DELIVERY,
    Role.VIEWER,
] + [Role.SALES] * 13
ORG_CODE_SPACE = 31**9
ORG_CODE_MULTIPLIER = 16_340_585_143_680  # coprime with 31: a bijection that scatters indexes


class Row(dict[str, Any]):
    """A row for `insert()` that PCRM's refresh_search_fields can read and write as attributes."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value


@dataclass(frozen=True, slots=True)
class Context:
    seed: int
    workspace_id: int
    user_ids: tuple[int, ...]
    seller_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Job:
    chunk: int
    first_account: int  # 0-based index of the chunk's first account
    account_id: int  # id of that account
    contact_id: int  # id of the chunk's first contact
    activity_id: int  # id of the chunk's first activity
    contact_counts: tuple[int, ...]  # per account of the chunk
    activity_counts: tuple[int, ...]  # per contact of the chunk


# --- helpers -----------------------------------------------------------------------------------


class Weighted:
    """random.choices with the cumulative weights computed once."""

    def __init__(self, items: Sequence[Any], weights: Sequence[int]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


PROVINCE_PICK = Weighted(list(corpus.REGIONS), [w for w, _ in corpus.REGIONS.values()])
SURNAME_PICK = Weighted(corpus.SURNAMES, [w for *_, w in corpus.SURNAMES])
TRADE_PICK = Weighted(corpus.TRADE_WORDS, [w for *_, w in corpus.TRADE_WORDS])
FORM_PICK = Weighted(corpus.LEGAL_FORMS, [w for *_, w in corpus.LEGAL_FORMS])
DEPT_PICK = Weighted(corpus.DEPARTMENTS, [w for *_, w in corpus.DEPARTMENTS])
TAG_PICK = Weighted([t for t, _ in corpus.TAGS], [w for _, w in corpus.TAGS])
ACTIVITY_PICK = Weighted(
    [t for t, _ in corpus.ACTIVITY_TYPE_WEIGHTS], [w for _, w in corpus.ACTIVITY_TYPE_WEIGHTS]
)
# Account kinds: (kind, weight).
KIND_PICK = Weighted(
    ["private", "soe", "city_gov", "province_gov", "hospital", "university", "foreign"],
    [62, 14, 11, 2, 4, 2, 5],
)
STAGE_PICK = Weighted(
    ["potential", "bidding", "execution", "delivered", "lost"], [40, 15, 12, 25, 8]
)
SOE_DOMAINS = ("sgcc", "chinamobile", "ccb", "cnpc", "chinatelecom")
SIZE_BANDS = ("lt100", "100_499", "500_1999", "2000_9999", "10000_plus")
REVENUE_BANDS = ("lt10m", "10m_100m", "100m_1b", "1b_10b", "10b_plus")


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` into `parts` counts that vary (1 … 2×mean−1) but add up exactly."""
    if parts == 0:
        return []
    base, extra = divmod(total, parts)
    counts = [base + (1 if i < extra else 0) for i in range(parts)]
    for i in range(0, parts - 1, 2):
        a, b = counts[i], counts[i + 1]
        if a >= 1 and b >= 1:
            d = rng.randint(-(a - 1), b - 1)
            counts[i], counts[i + 1] = a + d, b - d
    return counts


def moment(rng: random.Random, after: datetime, before: datetime = NOW) -> datetime:
    span = max(1, int((before - after).total_seconds()))
    return after + timedelta(seconds=rng.randrange(span))


def credit_code(index: int, province: str, city_index: int, kind: str) -> str:
    """A valid-looking 统一社会信用代码, unique per account index."""
    registrar = {"city_gov": "11", "province_gov": "11", "hospital": "12", "university": "12"}
    head = registrar.get(kind, "91")
    division = f"{PROVINCE_CODES[province]}{city_index + 1:02d}00"
    n = (index * ORG_CODE_MULTIPLIER + 7_777_777) % ORG_CODE_SPACE
    digits = []
    for _ in range(9):
        n, r = divmod(n, 31)
        digits.append(CREDIT_CODE_CHARS[r])
    first17 = head + division + "".join(digits)
    return first17 + credit_code_check_char(first17)


# --- accounts ----------------------------------------------------------------------------------


def private_company(rng: random.Random, city_zh: str, city_py: str, p_short: str) -> dict[str, Any]:
    """广州华信智能科技有限公司: region + stem + trade + legal form."""
    stem, stem_py = rng.choice(corpus.STEMS)
    trade, industry, trade_en, _w = TRADE_PICK.pick(rng)
    form, form_en, _w = FORM_PICK.pick(rng)
    style = rng.random()
    if style < 0.55:
        prefix = city_zh if rng.random() < 0.6 else city_zh + "市"
    elif style < 0.75:
        prefix = p_short
    else:
        prefix = ""
    name = f"{prefix}{stem}{trade}{form}"
    if prefix == "" and rng.random() < 0.5:
        name = f"{stem}{trade}（{city_zh}）{form}"
    out: dict[str, Any] = {
        "name": name,
        "short_name": stem + trade[:2],
        "industry": industry,
        "ownership": "private",
        "domain": f"{stem_py}{rng.choice(('tech', 'group', 'cn', ''))}.com",
    }
    if rng.random() < 0.3:
        out["english_name"] = f"{city_py.title()} {stem_py.title()} {trade_en} {form_en}"
    return out


def company(
    rng: random.Random, kind: str, province: str, city: tuple[str, str, str]
) -> dict[str, Any]:
    """Name, short name, English name, aliases, industry, ownership, web domain of one account."""
    city_zh, city_py, _area = city
    province_name = corpus.PROVINCE_NAMES[province]
    p_short = province_name.removesuffix("省").removesuffix("市")
    for suffix in ("壮族自治区", "维吾尔自治区", "回族自治区", "自治区"):
        p_short = p_short.removesuffix(suffix)
    out: dict[str, Any] = {"aliases": [], "english_name": None}
    if kind == "private":
        out.update(private_company(rng, city_zh, city_py, p_short))
    elif kind == "soe":
        template, short, industry, alias = rng.choice(corpus.SOE_TEMPLATES)
        values = {"p": p_short, "P": province_name, "c": city_zh}
        out.update(
            name=template.format(**values),
            short_name=short.format(**values),
            industry=industry,
            ownership="state_owned",
            domain=f"{city_py}.{rng.choice(SOE_DOMAINS)}.com.cn",
        )
        if alias:
            out["aliases"] = [alias.format(**values)]
    elif kind == "city_gov":
        bureau, short = rng.choice(corpus.CITY_BUREAUS)
        prefix = city_zh if province in corpus.MUNICIPALITIES else city_zh + "市"
        out.update(
            name=f"{prefix}{bureau}",
            short_name=f"{city_zh}{short}",
            industry="government",
            ownership="government",
            domain=f"{city_py}.gov.cn",
        )
        if rng.random() < 0.2:
            district = rng.choice(corpus.DISTRICTS)
            out["name"] = f"{prefix}{district}{bureau}"
            out["short_name"] = f"{district}{short}"
    elif kind == "province_gov":
        bureau, short = rng.choice(corpus.PROVINCE_BUREAUS)
        out.update(
            name=f"{province_name}{bureau}",
            short_name=f"{p_short}{short}",
            industry="government",
            ownership="government",
            domain=f"{city_py}.gov.cn",
        )
    elif kind == "hospital":
        word = rng.choice(corpus.HOSPITAL_WORDS)
        out.update(
            name=f"{city_zh}市{word}",
            short_name=f"{city_zh}{word.removesuffix('医院')[:4]}",
            industry="healthcare",
            ownership="government",
            domain=f"{city_py}hospital.cn",
        )
    elif kind == "university":
        word, word_en = rng.choice(corpus.UNIVERSITY_WORDS)
        place, place_py = (city_zh, city_py) if rng.random() < 0.6 else (p_short, city_py)
        out.update(
            name=f"{place}{word}",
            short_name=f"{place}{word[:2]}",
            english_name=f"{place_py.title()} {word_en}",
            industry="education",
            ownership="government",
            domain=f"{place_py}.edu.cn",
        )
    else:  # foreign
        brand, brand_en = rng.choice(corpus.FOREIGN_BRANDS)
        trade, trade_en, industry = rng.choice(corpus.FOREIGN_TRADES)
        out.update(
            name=f"{brand}{trade}（{city_zh}）有限公司",
            short_name=f"{brand}{city_zh}",
            english_name=f"{brand_en} {trade_en} ({city_py.title()}) Co., Ltd.",
            industry=industry,
            ownership="foreign",
            domain=f"{brand_en.lower()}.com",
        )
    return out


def make_account(
    rng: random.Random, ctx: Context, index: int, account_id: int, first_id: int
) -> tuple[Row, str, str, bool]:
    """An account row plus (e-mail domain, city area code, foreign-owned?)."""
    province = PROVINCE_PICK.pick(rng)
    cities = corpus.REGIONS[province][1]
    city_index = rng.randrange(len(cities))
    city = cities[city_index]
    kind = KIND_PICK.pick(rng)
    info = company(rng, kind, province, city)
    created = moment(rng, NOW - timedelta(days=HISTORY_DAYS), NOW - timedelta(days=1))
    stage = STAGE_PICK.pick(rng)
    tags = sorted({TAG_PICK.pick(rng) for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))})
    size = rng.randrange(5) if kind != "soe" else rng.randrange(2, 5)
    archived = moment(rng, created) if rng.random() < 0.02 else None
    row = Row(
        id=account_id,
        workspace_id=ctx.workspace_id,
        name=info["name"],
        short_name=info["short_name"],
        english_name=info["english_name"],
        aliases=info["aliases"],
        credit_code=(
            credit_code(index, province, city_index, kind) if rng.random() < 0.95 else None
        ),
        industry=info["industry"],
        province=province,
        city=city[0],
        ownership=info["ownership"],
        size_band=SIZE_BANDS[size] if rng.random() < 0.8 else None,
        revenue_band=REVENUE_BANDS[min(4, size + rng.choice((-1, 0, 0, 1)))]
        if rng.random() < 0.6
        else None,
        parent_id=(rng.randrange(first_id, account_id) if account_id > first_id else None)
        if kind == "soe" and rng.random() < 0.15
        else None,
        owner_id=rng.choice(ctx.seller_ids) if rng.random() < 0.97 else None,
        lifecycle_stage=stage,
        lost_reason=rng.choice(corpus.LOST_REASONS) if stage == "lost" else None,
        lost_on=moment(rng, created).date() if stage == "lost" else None,
        status="dormant" if rng.random() < 0.1 else "active",
        tags=tags,
        website=f"https://www.{info['domain']}" if rng.random() < 0.5 else None,
        address=(
            f"{city[0]}市{rng.choice(corpus.DISTRICTS)}{rng.choice(corpus.ROADS)}路"
            f"{rng.randint(1, 999)}号"
        ),
        notes=f"{rng.choice(corpus.TOPICS)}重点跟进。" if rng.random() < 0.1 else None,
        archived_at=archived,
        merged_into_id=None,
        version=1,
        created_at=created,
        updated_at=moment(rng, created),
    )
    account_service.refresh_search_fields(row)  # type: ignore[arg-type]
    return row, info["domain"], city[2], kind == "foreign"


# --- contacts and activities -------------------------------------------------------------------


def person(rng: random.Random, foreign: bool) -> tuple[str, str | None, str, str]:
    """(name, english name, gender, e-mail local part)."""
    if foreign and rng.random() < 0.5:
        first_index = rng.randrange(len(corpus.ENGLISH_FIRST))
        first, last = corpus.ENGLISH_FIRST[first_index], rng.choice(corpus.ENGLISH_LAST)
        gender = "male" if first_index < 15 else "female"
        local = f"{first}.{last}".lower().replace("'", "").replace("ü", "ue").replace("í", "i")
        return f"{first} {last}", None, gender, local
    surname, surname_py, _w = SURNAME_PICK.pick(rng)
    male = rng.random() < 0.62
    chars = corpus.MALE_CHARS if male else corpus.FEMALE_CHARS
    # Common characters are much more common: a skewed pick over the frequency-ordered list.
    picks = [
        chars[int(len(chars) * rng.random() ** 2)] for _ in range(1 if rng.random() < 0.3 else 2)
    ]
    given = "".join(c for c, _ in picks)
    given_py = "".join(p for _, p in picks)
    english = None
    if rng.random() < 0.25 or foreign:
        first = rng.choice(corpus.ENGLISH_FIRST[:15] if male else corpus.ENGLISH_FIRST[15:])
        english = f"{first} {surname_py.title()}"
    local = rng.choice(
        (
            f"{given_py}.{surname_py}",
            f"{surname_py}{given_py}",
            f"{surname_py}.{given_py}",
            f"{surname_py[0]}{given_py}{rng.randint(1, 99)}",
        )
    )
    gender = "unknown" if rng.random() < 0.1 else ("male" if male else "female")
    return surname + given, english, gender, local


def make_contacts(
    rng: random.Random,
    ctx: Context,
    account: Row,
    domain: str,
    area: str,
    foreign: bool,
    first_id: int,
    count: int,
) -> list[Row]:
    rows: list[Row] = []
    for k in range(count):
        name, english, gender, local = person(rng, foreign)
        dept, titles, _w = DEPT_PICK.pick(rng)
        title = titles[0] if k == 0 else rng.choice(titles)
        created = moment(rng, account["created_at"])
        left = rng.random() < 0.04
        mobile = (
            f"+86{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"
            if rng.random() < 0.9
            else None
        )
        office = (
            f"+86{area}{rng.randint(2, 8)}{rng.randrange(10**7):07d}"
            if rng.random() < 0.4
            else None
        )
        email = None
        if rng.random() < 0.75:
            email = f"{local}@{domain if rng.random() < 0.7 else rng.choice(corpus.EMAIL_DOMAINS)}"
        importance = "key" if k == 0 and rng.random() < 0.5 else None
        if importance is None:
            r = rng.random()
            importance = "key" if r < 0.08 else "important" if r < 0.33 else "normal"
        row = Row(
            id=first_id + k,
            workspace_id=ctx.workspace_id,
            name=name,
            english_name=english,
            gender=gender,
            title=title,
            department=dept,
            account_id=account["id"],
            reports_to_id=first_id if k > 0 and rng.random() < 0.5 else None,
            mobile=mobile,
            office_phone=office,
            email=email,
            wechat=(
                f"{local.split('@')[0].replace('.', '_')}{rng.randint(1, 999)}"
                if rng.random() < 0.3
                else None
            ),
            birthday=(
                date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
                if rng.random() < 0.2
                else None
            ),
            preferences=rng.choice(
                ("喜欢喝茶", "不喝酒", "周末打羽毛球", "关注技术细节", "重视服务响应")
            )
            if rng.random() < 0.05
            else None,
            importance=importance,
            status="left" if left else "active",
            left_on=moment(rng, created).date() if left else None,
            archived_at=moment(rng, created) if rng.random() < 0.02 else None,
            merged_into_id=None,
            version=1,
            created_at=created,
            updated_at=moment(rng, created),
        )
        contact_service.refresh_search_fields(row)  # type: ignore[arg-type]
        rows.append(row)
    return rows


def make_activities(
    rng: random.Random, ctx: Context, contact: Row, owner_id: int | None, first_id: int, count: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for k in range(count):
        kind = ACTIVITY_PICK.pick(rng)
        topic = rng.choice(corpus.TOPICS)
        occurred = moment(rng, contact["created_at"])
        created = min(NOW, occurred + timedelta(minutes=rng.randint(5, 600)))
        next_step = rng.choice(corpus.NEXT_STEPS) if rng.random() < 0.25 else None
        cost = None
        if kind in ("visit", "event") and rng.random() < 0.3:
            cost = Decimal(rng.randint(100, 50_000)) / 10
        rows.append(
            {
                "id": first_id + k,
                "workspace_id": ctx.workspace_id,
                "type": kind,
                "occurred_at": occurred,
                "owner_id": owner_id
                if owner_id and rng.random() < 0.8
                else rng.choice(ctx.user_ids),
                "account_id": contact["account_id"],
                "contact_id": contact["id"] if rng.random() < 0.92 else None,
                "subject": rng.choice(corpus.ACTIVITY_TEMPLATES[kind]).format(t=topic),
                "notes": f"{rng.choice(corpus.OUTCOMES)}。客户关注{topic}的实施周期和预算。"
                if rng.random() < 0.4
                else None,
                "outcome": rng.choice(corpus.OUTCOMES) if rng.random() < 0.5 else None,
                "next_step": next_step,
                "next_step_due": (occurred + timedelta(days=rng.randint(3, 30))).date()
                if next_step
                else None,
                "cost": cost,
                "archived_at": None if rng.random() < 0.99 else created,
                "version": 1,
                "created_at": created,
                "updated_at": created,
            }
        )
    return rows


# --- workers -----------------------------------------------------------------------------------

_CTX: Context | None = None


def _memoise_search() -> None:
    """Cache PCRM's pure search helpers in this process: same results, far fewer pinyin look-ups."""
    if not hasattr(search.lazy_pinyin, "cache_info"):
        search.lazy_pinyin = functools.lru_cache(maxsize=200_000)(search.lazy_pinyin)  # type: ignore[assignment]
        search.pinyin_initials = functools.lru_cache(maxsize=200_000)(search.pinyin_initials)  # type: ignore[assignment]
        search.sort_key = functools.lru_cache(maxsize=200_000)(search.sort_key)  # type: ignore[assignment]


def _init_worker(ctx: Context) -> None:
    global _CTX  # noqa: PLW0603 - one context per worker process
    _CTX = ctx
    _memoise_search()


def generate_chunk(job: Job) -> dict[str, list[dict[str, Any]]]:
    ctx = _CTX
    assert ctx is not None  # noqa: S101 - set by _init_worker
    rng = random.Random(f"{ctx.seed}:{job.chunk}")
    accounts: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    contacts: list[dict[str, Any]] = []
    employments: list[dict[str, Any]] = []
    activities: list[dict[str, Any]] = []
    contact_id, activity_id, c = job.contact_id, job.activity_id, 0
    for i, n_contacts in enumerate(job.contact_counts):
        account, domain, area, foreign = make_account(
            rng, ctx, job.first_account + i, job.account_id + i, job.account_id
        )
        accounts.append(account)
        tags += [
            {"workspace_id": ctx.workspace_id, "account_id": account["id"], "tag": t}
            for t in account["tags"]
        ]
        people = make_contacts(rng, ctx, account, domain, area, foreign, contact_id, n_contacts)
        contact_id += n_contacts
        for person_row in people:
            contacts.append(person_row)
            employments.append(
                {
                    "workspace_id": ctx.workspace_id,
                    "contact_id": person_row["id"],
                    "account_id": account["id"],
                    "title": person_row["title"],
                    "department": person_row["department"],
                    "started_on": person_row["created_at"].date(),
                    "ended_on": None,
                    "created_at": person_row["created_at"],
                    "updated_at": person_row["created_at"],
                }
            )
            n_activities = job.activity_counts[c]
            c += 1
            activities += make_activities(
                rng, ctx, person_row, account["owner_id"], activity_id, n_activities
            )
            activity_id += n_activities
    return {
        "accounts": accounts,
        "account_tags": tags,
        "contacts": contacts,
        "employments": employments,
        "activities": activities,
    }


TABLES = {
    "accounts": Account.__table__,
    "account_tags": AccountTag.__table__,
    "contacts": Contact.__table__,
    "employments": Employment.__table__,
    "activities": Activity.__table__,
}


# --- main --------------------------------------------------------------------------------------


def create_workspace_and_users(engine: Engine, slug: str, n_users: int) -> Context:
    settings = Settings(database_url=str(engine.url))
    factory = make_session_factory(engine)
    install_tenant_guard(factory)
    install_audit_hooks(factory)
    with unit_of_work(factory) as db:
        if identity_repo.workspace_by_slug(db, slug) is not None:
            sys.exit(f"error: workspace {slug!r} already exists; use a new database or slug")
        set_actor(db, None, "bench generate")
        workspace = create_workspace(db, slug, "星河基准数智科技有限公司")
        scope = WorkspaceScope(workspace.id)
        rng = random.Random(f"users:{slug}")
        user_ids, seller_ids = [], []
        for i in range(n_users):
            role = USER_ROLES[i % len(USER_ROLES)]
            name, english, _gender, _local = person(rng, foreign=False)
            email = f"{role.value}{i + 1:02d}@{slug}.example"
            user = identity.create_user(
                db,
                scope,
                UserCreate(
                    email=email,
                    name=name,
                    english_name=english,
                    role=role,
                    password=BENCH_PASSWORD,
                    locale="zh_CN",
                ),
                settings,
            )
            user_ids.append(user.id)
            if role in (Role.SALES, Role.MANAGER):
                seller_ids.append(user.id)
            print(f"  user {email} ({role.value})")
        return Context(0, workspace.id, tuple(user_ids), tuple(seller_ids or user_ids))


def plan_jobs(
    n_accounts: int,
    contact_counts: list[int],
    activity_counts: list[int],
    ids: tuple[int, int, int],
    chunk_accounts: int,
) -> Iterator[Job]:
    account_id, contact_id, activity_id = ids
    contact_index = 0
    for chunk, start in enumerate(range(0, n_accounts, chunk_accounts)):
        counts = tuple(contact_counts[start : start + chunk_accounts])
        n_contacts = sum(counts)
        acts = tuple(activity_counts[contact_index : contact_index + n_contacts])
        yield Job(chunk, start, account_id + start, contact_id, activity_id, counts, acts)
        contact_index += n_contacts
        contact_id += n_contacts
        activity_id += sum(acts)


def _sqlite_load_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA cache_size=-1048576")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workspace", default="bench", help="slug of the workspace to create")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--contacts-per-account", type=float, default=10)
    parser.add_argument("--contacts", type=int, help="total contacts (overrides per-account)")
    parser.add_argument("--activities-per-contact", type=float, default=3)
    parser.add_argument("--activities", type=int, help="total activities (overrides per-contact)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--keep-fts-triggers",
        action="store_true",
        help="SQLite: fill the FTS5 index row by row through its triggers (about 5x slower for "
        "contacts) instead of dropping the insert triggers and rebuilding the index at the end",
    )
    args = parser.parse_args(argv)
    if args.contacts is None:
        args.contacts = round(args.accounts * args.contacts_per_account)
    if args.activities is None:
        args.activities = round(args.contacts * args.activities_per_contact)
    return args


def drop_fts_insert_triggers(engine: Engine) -> list[tuple[str, str]]:
    """Drop the migration's FTS5 insert triggers, returning their exact SQL to re-create."""
    with engine.begin() as conn:
        triggers = [
            (row.name, row.sql)
            for row in conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND name IN ('accounts_fts_insert', 'contacts_fts_insert')"
                )
            )
        ]
        for name, _sql in triggers:
            conn.execute(text(f"DROP TRIGGER {name}"))
    print("FTS5 insert triggers dropped for the load; the index is rebuilt at the end.")
    return triggers


class Loader:
    """Inserts generated chunks, one transaction each, and reports progress."""

    def __init__(self, engine: Engine, batch_size: int, n_accounts: int) -> None:
        self.engine, self.batch_size, self.n_accounts = engine, batch_size, n_accounts
        self.done = dict.fromkeys(TABLES, 0)
        self.started = self.last_print = time.perf_counter()

    def store(self, chunk: dict[str, list[dict[str, Any]]]) -> None:
        with self.engine.begin() as conn:
            for name, table in TABLES.items():
                rows = chunk[name]
                for i in range(0, len(rows), self.batch_size):
                    conn.execute(insert(table), rows[i : i + self.batch_size])
                self.done[name] += len(rows)
        now = time.perf_counter()
        if now - self.last_print >= 5 or self.done["accounts"] == self.n_accounts:
            self.last_print = now
            print(
                f"  {now - self.started:7.1f}s  accounts {self.done['accounts']:>9,}  contacts "
                f"{self.done['contacts']:>10,}  activities {self.done['activities']:>10,}  "
                f"{sum(self.done.values()) / (now - self.started):>8,.0f} rows/s",
                flush=True,
            )

    def run(self, ctx: Context, jobs: Iterator[Job], workers: int) -> float:
        if workers <= 0:
            _init_worker(ctx)
            for job in jobs:
                self.store(generate_chunk(job))
            return time.perf_counter() - self.started
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(
            workers, initializer=_init_worker, initargs=(ctx,)
        ) as pool:
            pending: deque[Any] = deque(
                pool.apply_async(generate_chunk, (job,))
                for job in itertools.islice(jobs, workers * 2)
            )
            while pending:
                result = pending.popleft().get()
                job = next(jobs, None)
                if job is not None:
                    pending.append(pool.apply_async(generate_chunk, (job,)))
                self.store(result)
        return time.perf_counter() - self.started


def finish(engine: Engine, fts_triggers: list[tuple[str, str]]) -> None:
    """Re-create dropped triggers and rebuild FTS5 (SQLite), or move the sequences past the
    inserted ids and ANALYZE (PostgreSQL)."""
    with engine.begin() as conn:
        for _name, sql in fts_triggers:  # the migration's own trigger SQL, as it was read
            conn.execute(text(sql))
        for name, _sql in fts_triggers:
            fts = name.removesuffix("_insert")
            conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return
    with engine.begin() as conn:
        for name in ("accounts", "contacts", "activities", "account_tags", "employments"):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {name}))"
                )
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    url = args.database_url
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    started = time.perf_counter()
    print(f"Migrating {make_url(url).render_as_string(hide_password=True)} …")
    upgrade(url)
    engine = make_engine(url)
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_load_pragmas)
    print(f"Creating workspace {args.workspace!r} and {args.users} users …")
    ctx = create_workspace_and_users(engine, args.workspace, args.users)
    ctx = Context(args.seed, ctx.workspace_id, ctx.user_ids, ctx.seller_ids)

    plan_rng = random.Random(f"{args.seed}:plan")
    contact_counts = spread(args.contacts, args.accounts, plan_rng)
    activity_counts = spread(args.activities, args.contacts, plan_rng)
    with engine.connect() as conn:
        first_ids = tuple(
            int(conn.scalar(select(func.coalesce(func.max(t.c.id), 0))) or 0) + 1
            for t in (TABLES["accounts"], TABLES["contacts"], TABLES["activities"])
        )
    mean_contacts = max(1.0, args.contacts / max(1, args.accounts))
    per_chunk = max(1, min(2000, int(args.batch_size / mean_contacts)))
    jobs = plan_jobs(args.accounts, contact_counts, activity_counts, first_ids, per_chunk)
    print(
        f"Generating {args.accounts:,} accounts, {args.contacts:,} contacts, "
        f"{args.activities:,} activities in chunks of {per_chunk} accounts, "
        f"{args.workers} worker(s) …"
    )
    fts_triggers = (
        drop_fts_insert_triggers(engine) if is_sqlite and not args.keep_fts_triggers else []
    )
    loader = Loader(engine, args.batch_size, args.accounts)
    load_seconds = loader.run(ctx, jobs, args.workers)

    print("Finishing (FTS5 rebuild and checkpoint, or sequences and ANALYZE) …")
    finish_started = time.perf_counter()
    finish(engine, fts_triggers)
    engine.dispose()
    total_rows = sum(loader.done.values())
    print(
        f"Done: {total_rows:,} rows ({', '.join(f'{k} {v:,}' for k, v in loader.done.items())}) "
        f"in {load_seconds:.1f}s load = {total_rows / load_seconds:,.0f} rows/s; finishing "
        f"{time.perf_counter() - finish_started:.1f}s; total {time.perf_counter() - started:.1f}s."
    )
    if is_sqlite:
        path = Path(make_url(url).database or "")
        print(f"SQLite file {path}: {path.stat().st_size / 2**30:.2f} GiB")
    print(
        f"Users' password: {BENCH_PASSWORD}; token: uv run pcrm create-token "
        f"--workspace {args.workspace} --email owner01@{args.workspace}.example"
    )


if __name__ == "__main__":
    main()
