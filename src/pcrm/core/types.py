"""Types for what clients send: bounded record ids and page numbers, and the base of every
write schema, which refuses control characters in text.

Ids are 64-bit (core.db.IdMixin): a larger number cannot name a record, and SQLite refuses to
bind it (OverflowError), so every id a client sends, in a path, a query, a JSON body or a form,
is checked here first and answered 422 (API) like any other bad field."""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
)
from pydantic_core import core_schema

from pcrm.core.i18n import N_

T = TypeVar("T")

MAX_ID = 2**63 - 1
MAX_PAGE = 1_000_000  # 200 million rows at the largest page size: beyond any list we keep
MAX_PAGE_SIZE = 200
MAX_SORT = 200  # characters of a list's `sort` parameter

Id = Annotated[int, Ge(1), Le(MAX_ID)]
PageNumber = Annotated[int, Ge(1), Le(MAX_PAGE)]
PageSize = Annotated[int, Ge(1), Le(MAX_PAGE_SIZE)]


def _not_null(value: T) -> T:
    if value is None:
        raise ValueError(N_("This field cannot be null."))
    return value


@dataclass(frozen=True)
class SortKeys:
    """On a list's `sort` parameter, `Annotated[str | None, SortKeys(KEYS)]`: the keys of
    `KEYS` comma-separated, each prefixed with '-' for descending, as the list's repository
    allow-lists them (`core.pagination.parse_sort`). The OpenAPI document gives it as a
    pattern; anything else is a 422 on `sort`."""

    keys: tuple[str, ...]

    @property
    def pattern(self) -> str:
        names = "|".join(re.escape(key) for key in self.keys)
        return rf"^(\s*-?({names})\s*(,\s*-?({names})\s*)*)?$"

    def _known(self, value: str | None) -> str | None:
        if value is not None and (len(value) > MAX_SORT or not re.match(self.pattern, value)):
            raise ValueError(N_("Unknown sort field."))
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._known, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        text = {"type": "string", "maxLength": MAX_SORT, "pattern": self.pattern}
        return {"anyOf": [text, {"type": "null"}]}


# On a field of an update schema that may be left out but has no "nothing" to set, such as a
# list (send [] to empty it): `Annotated[list[str] | None, NotNull] = None`. Leaving the field
# out keeps the stored value (the default is not validated); sending null is a 422 on it.
NotNull = AfterValidator(_not_null)


# C0 control characters and DEL, less tab, line feed and carriage return (multi-line text).
# PostgreSQL refuses NUL in text outright; the others end up in exports, e-mails and pages.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refuse_control_characters(value: Any) -> Any:
    """The value, unless a string in it (in lists and objects too) holds a control character."""
    if isinstance(value, str):
        if _CONTROL.search(value):
            raise ValueError(N_("Remove the control characters from this text."))
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            refuse_control_characters(item)
    elif isinstance(value, dict):
        for item in value.values():
            refuse_control_characters(item)
    return value


def refuse_numbers_for_flags(annotation: Any, value: Any) -> Any:
    """JSON's 0/1 is not a yes/no and true/false is not a number, though pydantic's lax mode
    would take them as such: a schema-valid client never sends them, so they are refused (a
    form's text, "on" or "3", still converts)."""
    kinds = set(typing.get_args(annotation)) | {annotation}
    if bool in kinds and int not in kinds and type(value) in (int, float):
        raise ValueError(N_("Choose yes or no (true or false)."))
    if int in kinds and bool not in kinds and isinstance(value, bool):
        raise ValueError(N_("Enter a whole number."))
    return value


# Text of at most this many characters (a name, a title, a code, a phone number, an address)
# is one line: tab and line breaks are refused in it. Longer text (notes, descriptions,
# minutes) may hold them.
SINGLE_LINE_MAX = 300
_LINE_BREAK = re.compile(r"[\t\n\r]")
_UNIONS = (typing.Union, types.UnionType)
_COLLECTIONS = (list, tuple, set, frozenset)


def refuse_line_breaks(value: Any) -> Any:
    """The value, unless a string in it (in lists too) holds a tab or a line break."""
    if isinstance(value, str):
        if _LINE_BREAK.search(value):
            raise ValueError(N_("Keep this to one line: no tabs or line breaks."))
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            refuse_line_breaks(item)
    return value


def text_limit(annotation: Any, metadata: list[Any]) -> int | None:
    """The smallest `max_length` a field declares for its text (or for the text items of its
    list); None when it takes no text or text of any length."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        return text_limit(args[0], [*args[1:], *metadata])
    if annotation is str:
        limits = [m.max_length for m in metadata if getattr(m, "max_length", None) is not None]
        return min(limits) if limits else None
    if origin in _UNIONS or origin in _COLLECTIONS:
        inherited = metadata if origin in _UNIONS else []  # a list's max_length counts items
        found = [n for a in args if (n := text_limit(a, inherited)) is not None]
        return min(found) if found else None
    return None


class WriteModel(BaseModel):
    """The base of every request body of every area (`XCreate`, `XUpdate`, ...): unknown fields
    are refused, text is stripped, no text may hold a control character, and short text (at
    most `SINGLE_LINE_MAX` characters) is one line (422 on the field, on both databases)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    __single_line__: typing.ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls.__single_line__ = frozenset(
            name
            for name, field in cls.model_fields.items()
            if (limit := text_limit(field.annotation, field.metadata)) is not None
            and limit <= SINGLE_LINE_MAX
        )

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name in cls.__single_line__:
            refuse_line_breaks(value)
        return refuse_numbers_for_flags(
            cls.model_fields[info.field_name].annotation if info.field_name else None,
            refuse_control_characters(value),
        )
