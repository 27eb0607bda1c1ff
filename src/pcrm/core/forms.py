"""HTML form helpers: validate posted fields with the API's own schemas and give back messages
in the user's language, keyed by field, for inline display."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from pcrm.core.errors import ValidationFailed
from pcrm.core.i18n import translate
from pcrm.core.problems import field_errors_from_pydantic

M = TypeVar("M", bound=BaseModel)
FormErrors = dict[str, str]


def clean(data: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """Blank optional inputs mean 'not given'; everything else is passed through."""
    return {
        k: (None if k in optional and v in ("", None) else v)
        for k, v in data.items()
        if k != "csrf_token"
    }


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
