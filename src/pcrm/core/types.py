"""Bounded integer types for what clients send: record ids and page numbers.

Ids are 64-bit (core.db.IdMixin): a larger number cannot name a record, and SQLite refuses to
bind it (OverflowError), so every id a client sends, in a path, a query, a JSON body or a form,
is checked here first and answered 422 (API) like any other bad field."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le

MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000  # 200 million rows at the largest page size: beyond any list we keep
MAX_PAGE_SIZE = 200

Id = Annotated[int, Ge(1), Le(MAX_ID)]
PageNumber = Annotated[int, Ge(1), Le(MAX_PAGE)]
PageSize = Annotated[int, Ge(1), Le(MAX_PAGE_SIZE)]
