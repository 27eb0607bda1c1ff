"""Chinese-friendly substring search, identical on SQLite and PostgreSQL.

A row matches a query when the normalised query is a substring of one of the row's normalised
search fields. Normalisation is NFKC + case folding (full-width Ａ１ finds a1), and Chinese text
also gets its pinyin initials (华为 → hw) so `hw` finds 华为.

Scanning a million rows with LIKE '%q%' is too slow, and SQLite 3.40's FTS5 trigram tables find
nothing for 1-2 character queries, so each row also stores its distinct 1- and 2-character
grams. Every gram of a query that is a substring of a field is a gram of that field; the
database's own index over the grams (an FTS5 table on SQLite, a GIN index on PostgreSQL) finds
the candidate rows and `search_text LIKE` confirms them. Results are therefore the same on both
databases; only the index differs.

Here: the columns every searchable row carries (`Searchable`), the expression its leading-name
indexes are built on, and the normalisation that fills those columns and shapes queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from sqlalchemy import String, Text, TextClause, text
from sqlalchemy.orm import Mapped, mapped_column

FIELD_SEPARATOR = "\x1f"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_QUERY = 100


def normalize(text: str) -> str:
    return _CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).casefold().strip()


@lru_cache(maxsize=32_768)
def _initial(ch: str) -> str:
    """The first letter of one Chinese character's pinyin, looked up once per process: the
    search ranks every hit by its name's initials, and pypinyin takes ~0.5 ms a character."""
    return lazy_pinyin(ch, style=Style.FIRST_LETTER)[0]


def pinyin_initials(text: str) -> str:
    """First letters of the Chinese characters only: 华为技术有限公司 → hwjsyxgs."""
    return "".join(_initial(ch) for ch in text if _CJK.match(ch)).casefold()


def sort_key(text: str) -> str:
    """Pinyin order for Chinese, alphabetical for Latin: 阿里 < 百度 < 华为 < Zeta."""
    return "".join(lazy_pinyin(normalize(text))).replace(" ", "")[:400]


def grams(text: str) -> set[str]:
    """Distinct 1- and 2-character grams of one field, none containing whitespace."""
    found: set[str] = set()
    for i, ch in enumerate(text):
        if not ch.isspace():
            found.add(ch)
            nxt = text[i + 1 : i + 2]
            if nxt and not nxt.isspace():
                found.add(ch + nxt)
    return found


def index_fields(values: Iterable[str | None]) -> tuple[str, str]:
    """(search_text, search_grams) for a row's searchable values."""
    fields: list[str] = []
    for value in values:
        if not value:
            continue
        text = normalize(value)
        if text:
            fields.append(text)
            if _CJK.search(text):
                initials = pinyin_initials(text)
                if len(initials) > 1:
                    fields.append(initials)
    all_grams: set[str] = set()
    for field in fields:
        all_grams |= grams(field)
    return FIELD_SEPARATOR.join(fields), " ".join(sorted(all_grams))


def query_grams(query: str) -> list[str]:
    """The grams a matching row must have: the query itself if 1 character long, else its
    2-character grams. Grams with whitespace are not indexed, and FTS5's tokenizer keeps only
    letters and digits, so a gram without any (like "++") would be an empty phrase there:
    both are left to LIKE, on both databases alike."""
    if len(query) == 1:
        return [query] if query.isalnum() else []
    pairs = {query[i : i + 2] for i in range(len(query) - 1)}
    return sorted(
        p for p in pairs if not any(ch.isspace() for ch in p) and any(ch.isalnum() for ch in p)
    )


def _escape(query: str) -> str:
    return query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(query: str) -> str:
    return f"%{_escape(query)}%"


def prefix_pattern(query: str) -> str:
    """Rows whose first field, the name, starts with the query."""
    return f"{_escape(query)}%"


def fts_match(query_grams_: list[str]) -> str:
    """An FTS5 MATCH expression requiring every gram (each quoted as a phrase)."""
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in query_grams_)


class Searchable:
    """Rows found by the search box. `search_text` is the normalised text (NFKC, case-folded,
    pinyin initials added) that decides a match; `search_grams` lists its 1- and 2-character
    grams, indexed per database (FTS5 on SQLite, GIN on PostgreSQL) to find candidates fast."""

    search_text: Mapped[str] = mapped_column(Text, default="")
    search_grams: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(400), default="")


# Names that start with a query, in name order, without reading every gram match: the first
# field of `search_text` is the normalised name, so "starts with q" is
# `substr(search_text, 1, n) = q[:n]` (n = 1 or 2) plus `LIKE 'q%'`, which these expression
# indexes answer in `sort_name` order on both databases (see `search.repository.starts_with`).
def leading(n: int) -> TextClause:
    return text(f"substr(search_text, 1, {n})")
