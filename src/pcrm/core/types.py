"""Bounded integer types for what clients send: record ids and page numbers.

Ids are 64-bit (core.db.IdMixin): a larger number cannot name a record, and SQLite refuses to
bind it (OverflowError), so every id a client sends, in a path, a query, a JSON body or a form,
is checked here first and answered 422 (API) like any other bad field."""

from __future__ import annotations

from typing import Annotated, TypeVar

from annotated_types import Ge, Le
from pydantic import AfterValidator

from pcrm.core.i18n import N_

T = TypeVar("T")

MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000  # 200 million rows at the largest page size: beyond any list we keep
MAX_PAGE_SIZE = 200

Id = Annotated[int, Ge(1), Le(MAX_ID)]
PageNumber = Annotated[int, Ge(1), Le(MAX_PAGE)]
PageSize = Annotated[int, Ge(1), Le(MAX_PAGE_SIZE)]


def _not_null(value: T) -> T:
    if value is None:
        raise ValueError(N_("This field cannot be null."))
    return value


# On a field of an update schema that may be left out but has no "nothing" to set, such as a
# list (send [] to empty it): `Annotated[list[str] | None, NotNull] = None`. Leaving the field
# out keeps the stored value (the default is not validated); sending null is a 422 on it.
NotNull = AfterValidator(_not_null)
