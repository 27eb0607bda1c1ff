"""API schemas of the search box."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from pcrm.core.types import Id


class SearchHit(BaseModel):
    kind: Literal["account", "contact"]
    id: Id
    name: str
    detail: str
    url: str


class SearchResult(BaseModel):
    query: str
    accounts: list[SearchHit]
    contacts: list[SearchHit]
