"""HTML form helpers: validate posted fields with the API's own schemas and give back messages
in the user's language, keyed by field, for inline display."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from starlette.datastructures import FormData

from pcrm.core.errors import StaleVersion, ValidationFailed
from pcrm.core.etag import stale_version
from pcrm.core.i18n import translate
from pcrm.core.problems import field_errors_from_pydantic
from pcrm.core.types import MAX_ID

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
FormErrors = dict[str, str]


def clean(data: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """Blank optional inputs mean 'not given'; everything else is passed through."""
    return {
        k: (None if k in optional and v in ("", None) else v)
        for k, v in data.items()
        if k != "csrf_token"
    }


def posted_id(value: object) -> int | None:
    """The record id a form field names; None when it is blank, not a number, or past what an
    id can be (core.types.MAX_ID), so it is never sent to the database."""
    text = str(value or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        return None
    return int(text)


def validate(model: type[M], data: dict[str, Any], locale: str) -> tuple[M | None, FormErrors]:
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        errors = field_errors_from_pydantic(exc.errors(), locale)
        return None, {e["field"]: e["message"] for e in errors}


def domain_errors(exc: ValidationFailed, locale: str) -> FormErrors:
    return {e.field: translate(locale, e.message) for e in exc.errors}


async def posted_form(request: Request) -> FormData:
    """The parsed form of a POST, for plain `def` handlers with many fields."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]


class FormValues(dict[str, Any]):
    """Values to show in a form's inputs; a field not given shows as empty."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class Attempt(Generic[R]):
    """The outcome of a write made from a form: its result, or the messages to show."""

    result: R | None
    errors: FormErrors
    status: int

    @property
    def ok(self) -> bool:
        return not self.errors


def attempt(db: Session, locale: str, write: Callable[[], R]) -> Attempt[R]:
    """Run a form's write. Bad input (422) or an edit of an older version (412) rolls the
    transaction back and comes back as messages in the user's language, keyed by field.

    The session is flushed before the write counts as done, so that an edit another request
    made between our version check and our UPDATE (SQLAlchemy's `StaleDataError`) comes back
    as the same message as a stale version, not as an error at commit."""
    try:
        result = write()
        db.flush()
        return Attempt(result, {}, 200)
    except ValidationError as exc:
        db.rollback()
        errors = field_errors_from_pydantic(exc.errors(), locale)
        return Attempt(None, {e["field"]: e["message"] for e in errors}, 422)
    except ValidationFailed as exc:
        db.rollback()
        return Attempt(None, domain_errors(exc, locale), 422)
    except StaleVersion as exc:
        db.rollback()
        return Attempt(None, {"__all__": translate(locale, exc.detail)}, 412)
    except StaleDataError:
        db.rollback()
        return Attempt(None, {"__all__": translate(locale, stale_version().detail)}, 412)
