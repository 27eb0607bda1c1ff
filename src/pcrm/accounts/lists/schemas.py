"""API schemas of the lists: the query parameters every list shares, saved views."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pcrm.core.types import Id, PageNumber, PageSize


class SavedViewWrite(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    query: Annotated[str, StringConstraints(max_length=1000)]


class SavedViewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: Id
    list_name: str
    name: str
    query: str


class ListQuery(BaseModel):
    """Query parameters of a list endpoint. Unknown parameters are refused (422), so a typo in
    a filter never silently returns everything."""

    model_config = ConfigDict(extra="forbid")

    page: PageNumber = 1
    page_size: PageSize = 50
    q: Annotated[str | None, StringConstraints(max_length=100)] = Field(
        default=None,
        description="Substring search (华为 finds 华为技术有限公司). A search is listed newest "
        "first unless `sort` is given, and its `total` is counted up to 1,000 (more: "
        "`total_capped`); other lists count up to 10,000.",
    )
    sort: Annotated[str | None, StringConstraints(max_length=60)] = None
